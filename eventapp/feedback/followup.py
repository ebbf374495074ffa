"""The follow-up mail after an event: a thank-you with the links to the survey, the materials
and the certificate, through the outbox, once per participant."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.certificates.models import Certificate
from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError
from eventapp.core.translation import LANGUAGES
from eventapp.core.types import RegistrationStatus
from eventapp.core.urls import external_url
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.feedback.models import Audience
from eventapp.feedback.services import get_survey
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import enqueue_template
from eventapp.materials.models import Visibility
from eventapp.materials.services import materials_of
from eventapp.registration.models import Registration

KIND = "followup"


def send_followup(event: Event) -> int:
    """Enqueue the follow-up mail to everyone who came (or, when the survey is open to them,
    everyone with a confirmed place) and has not had it; returns how many. Flushed; the
    request commits, so the messages are sent only if the change is kept."""
    if event.starts_at > utcnow():
        raise DomainError(_("The follow-up mail can be sent once the event has begun."))
    survey = get_survey(event)
    everyone = survey is not None and survey.audience == Audience.CONFIRMED
    had = select(OutboxMessage.registration_id).where(
        OutboxMessage.event_id == event.id, OutboxMessage.kind == KIND
    )
    stmt = select(Registration).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.CONFIRMED,
        Registration.anonymised_at.is_(None),
        Registration.id.not_in(had.where(OutboxMessage.registration_id.is_not(None))),
    )
    if not everyone:
        stmt = stmt.where(Registration.checked_in_at.is_not(None))
    certified = set(
        db.session.execute(
            select(Certificate.registration_id).where(Certificate.event_id == event.id)
        ).scalars()
    )
    materials = materials_of(event, {Visibility.PUBLIC, Visibility.REGISTRANTS})
    sessions = {s.id: s for s in event.sessions}
    sent = 0
    for registration in db.session.execute(
        stmt.options(selectinload(Registration.event))
    ).scalars():
        secret = registration.secret
        links = [
            (sessions[session_id], m, m.url or external_url(
                "materials.participant_file", secret=secret, material_id=m.id))
            for session_id, found in materials.items()
            for m in found
        ]  # fmt: skip
        enqueue_template(
            "followup",
            recipient=registration.email,
            language=registration.language if registration.language in LANGUAGES else "en",
            kind=KIND,
            event_id=event.id,
            registration_id=registration.id,
            event=event,
            registration=registration,
            page_url=external_url("registration.participant_page", secret=secret),
            survey_url=external_url("feedback.participant_survey", secret=secret)
            if survey is not None and survey.questions and survey.closes_at > utcnow()
            else "",
            certificate_url=external_url("certificates.participant_certificate", secret=secret)
            if registration.id in certified
            else "",
            materials=links,
        )
        sent += 1
    db.session.flush()
    return sent
