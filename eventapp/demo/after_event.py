"""The demo's past editions after the event: who came and from where, a survey with answers,
the sessions' materials and the certificates, so their reports and stories show real figures.

The people are as synthetic as the upcoming edition's ("Demo participant 7"); the organisations
are the directory's and, typed as free text, others a Stockholm symposium draws (the ATMP
post: "over 150 participants from more than 60 universities and companies").
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from eventapp.certificates.services import issue_certificates
from eventapp.core.types import RegistrationStatus, SessionKind
from eventapp.directory.models import Organisation
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.feedback import services as feedback
from eventapp.feedback.models import Audience, QuestionKind, Response, Survey, SurveyAnswer
from eventapp.materials.models import Licence, Material, MaterialKind, Visibility
from eventapp.registration.models import Registration

#: Past edition → (registrations, of them checked in).
PAST = {
    "atmp-mini-symposium-2025": (162, 153),
    "collaboration-in-science-2024": (124, 106),
    "innovation-and-collaboration-days-2023": (96, 81),
}
FREE_TEXT = (
    "Uppsala universitet", "Lunds universitet", "Göteborgs universitet", "Linköpings universitet",
    "Umeå universitet", "Chalmers tekniska högskola", "Stockholms universitet",
    "Örebro universitet", "University of Oslo", "University of Helsinki", "Aarhus University",
    "Akademiska sjukhuset", "Sahlgrenska Universitetssjukhuset", "Skånes universitetssjukhus",
    "Region Uppsala", "Region Skåne", "AstraZeneca", "Cytiva", "Novo Nordisk", "Mabtech",
    "XNK Therapeutics", "Vecura", "Getinge", "Sobi", "Oncopeptides",
)  # fmt: skip
RATINGS = (5, 4, 5, 4, 3, 5, 4, 4, 5, 2)
SAID = (
    "More time for questions after the talks.",
    "The poster session was the best part: good conversations.",
    "Please record the keynotes.",
    "Mer tid för mingel, tack!",
    "A list of participants' organisations would help to find partners.",
)


def _registrations(event: Event, orgs: list[Organisation], total: int, came: int) -> None:
    start = event.starts_at
    for number in range(1, total + 1):
        where = number % (len(orgs) + len(FREE_TEXT))
        organisation = orgs[where] if where < len(orgs) else None
        cancelled = number > total - 4
        event.registrations.append(
            Registration(
                name=f"Demo participant {number}",
                email=f"past{number}-{event.id}@example.org",
                affiliation=organisation.name if organisation else FREE_TEXT[where - len(orgs)],
                organisation=organisation,
                status=RegistrationStatus.CANCELLED if cancelled else RegistrationStatus.CONFIRMED,
                confirmed_at=start - timedelta(days=20),
                cancelled_at=start - timedelta(days=2) if cancelled else None,
                checked_in_at=start + timedelta(minutes=number % 40) if number <= came else None,
                consent_at=start - timedelta(days=20),
                language="sv" if number % 3 == 0 else "en",
                secret=secrets.token_urlsafe(32),
                checkin_code=secrets.token_urlsafe(16),
            )
        )


def _survey(event: Event) -> Survey:
    survey = feedback.save_survey(
        event, audience=Audience.CHECKED_IN, closes_at=event.ends_at + timedelta(days=14)
    )
    sv = lambda prompt, options="": {"sv": {"prompt": prompt, "options_text": options}}  # noqa: E731
    feedback.add_question(
        survey,
        kind=QuestionKind.RATING,
        required=True,
        text="How would you rate the event overall?",
        translations=sv("Vad tycker du om evenemanget som helhet?"),
    )
    feedback.add_question(
        survey,
        kind=QuestionKind.SINGLE,
        text="Would you come again?",
        options_text="Yes\nMaybe\nNo",
        translations=sv("Kommer du nästa gång?", "Ja\nKanske\nNej"),
    )
    feedback.add_question(
        survey,
        kind=QuestionKind.MULTIPLE,
        text="What did you value most?",
        options_text="The talks\nThe posters\nMeeting people\nThe exhibition",
        translations=sv(
            "Vad var mest värdefullt?", "Föredragen\nPostrarna\nAtt träffa folk\nUtställningen"
        ),
    )
    feedback.add_question(survey, kind=QuestionKind.TEXT,
                          text="What should we do differently next time?",
                          translations=sv("Vad borde vi göra annorlunda nästa gång?"))  # fmt: skip
    return survey


def _answers(event: Event, survey: Survey) -> None:
    """About a third of those who came answered (written as they would have, then closed)."""
    rating, again, valued, said = survey.questions
    came = [r for r in event.registrations if r.checked_in_at is not None]
    for number, registration in enumerate(came):
        if number % 3:
            continue
        response = Response(survey_id=survey.id, registration_id=registration.id)
        response.answers = [
            SurveyAnswer(question_id=rating.id, rating=RATINGS[number % len(RATINGS)]),
            SurveyAnswer(question_id=again.id, choices=[0 if number % 4 else 1]),
            SurveyAnswer(question_id=valued.id, choices=sorted({number % 4, 2})),
        ]
        if number % 9 == 0:
            response.answers.append(
                SurveyAnswer(question_id=said.id, text=SAID[number // 9 % len(SAID)])
            )
        db.session.add(response)


def _materials(event: Event) -> None:
    pauses = (SessionKind.BREAK, SessionKind.MINGLE)
    talks = [s for s in event.sessions if s.kind not in pauses][:4]
    for session in talks:
        db.session.add_all([
            Material(session_id=session.id, kind=MaterialKind.RECORDING, title="Recording",
                     url=f"https://media.example.org/{event.slug}/{session.id}",
                     licence=Licence.CC_BY, visibility=Visibility.PUBLIC),
            Material(session_id=session.id, kind=MaterialKind.SLIDES, title="Slides",
                     url=f"https://slides.example.org/{event.slug}/{session.id}",
                     licence=Licence.CC_BY_NC, visibility=Visibility.REGISTRANTS),
        ])  # fmt: skip


def load_after_event(events: dict[str, Event], now: datetime) -> int:
    """Give the past editions their after-event data once; returns how many were given it."""
    orgs = list(db.session.execute(select(Organisation).order_by(Organisation.slug)).scalars())
    done = 0
    for slug, (total, came) in PAST.items():
        event = events.get(slug)
        if event is None or event.ends_at > now or feedback.get_survey(event) is not None:
            continue
        _registrations(event, orgs, total, came)
        db.session.flush()
        survey = _survey(event)
        _answers(event, survey)
        _materials(event)
        issue_certificates(event)
        done += 1
    db.session.flush()
    return done
