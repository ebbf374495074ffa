"""What registration does: register, cancel, change sessions, approve, reject, promote."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import Integer, Select, bindparam, insert, select
from sqlalchemy.orm import make_transient_to_detached, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import ReturningInsert

from eventapp.core.db import transaction, utcnow
from eventapp.core.errors import NotFound
from eventapp.core.search import search_text_of
from eventapp.core.types import (
    ACTIVE_REGISTRATION_STATUSES,
    ChoiceStatus,
    EventStatus,
    RegistrationCategory,
    RegistrationStatus,
    SessionStatus,
)
from eventapp.directory.models import Organisation
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.regforms import services as regforms
from eventapp.regforms.group_services import group_limit_exceeded
from eventapp.regforms.models import Question
from eventapp.registration import capacity, holds
from eventapp.registration.errors import (
    EventFull,
    InvalidChoice,
    RegistrationClosed,
    RegistrationError,
    SessionFull,
)
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.registration.notify import (
    new_registration_sender,
    send_new_registration_mail,
    send_registration_mail,
    send_session_promotions,
)
from eventapp.registration.privacy import anonymise

# At most one "your link" e-mail per registration in this period, however often its address is
# registered again (a person who lost the mail tries again a while later and gets it).
LINK_RESEND_PERIOD = timedelta(minutes=15)


@dataclass
class RegistrationData:
    """What a participant (or an organiser adding one by hand) gives."""

    name: str
    email: str
    affiliation: str = ""
    category: str = RegistrationCategory.PARTICIPANT.value
    session_ids: list[int] = field(default_factory=list)
    dietary_needs: str = ""
    accessibility_needs: str = ""
    language: str = "en"
    consent: bool = True
    # Hold the place until the address is confirmed, whatever the event says (no proof of work
    # came with the form: JavaScript off, or a script; see registration/proof.py).
    confirm_email: bool = False
    # Answers to the event's own questions: question id -> text or option ids (regforms).
    answers: dict[int, regforms.AnswerValue] = field(default_factory=dict)
    # For the organisers (e.g. who registered this colleague); never shown to the public.
    note: str = ""


@dataclass
class RegistrationOutcome:
    """The registration, and whether it is new (False: the address was already registered).

    ``secret`` and ``status`` are kept apart so the view can answer without reloading the
    committed row.
    """

    registration: Registration
    created: bool
    secret: str = ""
    status: RegistrationStatus | None = None


def registration_closed_reason(event: Event) -> str | None:
    """Why the event takes no registrations now, or None when it does."""
    now = utcnow()
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != EventStatus.PUBLISHED or not event.registration_enabled:
        return _("Registration is not open for this event.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    closes = event.registration_closes_at or event.ends_at
    if now >= closes:
        return _("Registration has closed.")
    return None


@cache
def _selectable_statement() -> Select:
    """``selectable_sessions``'s statement, built once (every form GET and POST runs it)."""
    return (
        select(Session)
        .where(
            Session.event_id == bindparam("event_id", type_=Integer()),
            Session.selectable.is_(True),
            Session.status == SessionStatus.SCHEDULED,
        )
        .order_by(Session.starts_at, Session.id)
    )


def selectable_sessions(event: Event) -> list[Session]:
    """Sessions a participant may choose (workshops), in timetable order."""
    return list(db.session.execute(_selectable_statement(), {"event_id": event.id}).scalars())


def known_organisation_names() -> list[str]:
    """Names offered as affiliation suggestions."""
    return list(db.session.execute(select(Organisation.name).order_by(Organisation.name)).scalars())


@cache
def _organisation_statement() -> Select:
    return select(Organisation.id).where(Organisation.name == bindparam("name")).limit(1)


def _organisation_for(affiliation: str) -> int | None:
    if not affiliation:
        return None
    params = {"name": affiliation}
    return db.session.connection().execute(_organisation_statement(), params).scalar()


def _chosen_sessions(event: Event, session_ids: list[int]) -> list[Session]:
    offered = {s.id: s for s in selectable_sessions(event)}
    unknown = [sid for sid in session_ids if sid not in offered]
    if unknown:
        raise InvalidChoice(_("A chosen session is not offered."))
    too_many = group_limit_exceeded(event.id, session_ids)
    if too_many:
        raise InvalidChoice(too_many, "sessions")
    return [offered[sid] for sid in dict.fromkeys(session_ids)]


def _add_choices(registration: Registration, sessions: list[Session]) -> None:
    taken = capacity.session_taken(s.id for s in sessions)
    now = utcnow()
    for session in sessions:
        status = capacity.choice_status(session, taken)
        if status is None:
            raise SessionFull(_("The session “%(title)s” is fully booked.", title=session.title))
        registration.choices.append(
            RegistrationChoice(session_id=session.id, status=status, created_at=now)
        )


def find_active(event_id: int, email: str) -> Registration | None:
    """The active registration of ``email`` for the event, if any."""
    stmt = select(Registration).where(
        Registration.event_id == event_id,
        Registration.email == email.strip().lower(),
        Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
    )
    return db.session.execute(stmt).scalar_one_or_none()


def register_participant(
    event: Event,
    data: RegistrationData,
    *,
    by_organiser: bool = False,
    questions: list[Question] | None = None,
) -> RegistrationOutcome:
    """Register someone: confirmed, waitlisted, pending or refused, decided under the event lock.

    Commits. A second registration of the same address creates nothing and re-sends the link.
    Lookups are made before the lock, to keep the locked part short (the answers are checked
    against ``questions``, the event's, loaded here unless the caller has them); the e-mail is
    only a row here (rendered by the mail sender). Under the lock a new registration sends four
    statements (the lock, ``capacity.tally``, its INSERT, its e-mail's INSERT; answers and
    chosen sessions add theirs), pinned by ``tests/registration/test_lock_statements.py``.
    """
    offered = event.registration_categories or ["participant"]
    if not by_organiser and data.category not in offered:
        raise InvalidChoice(_("This category is not offered."))
    sessions = _chosen_sessions(event, data.session_ids) if data.session_ids else []
    registration = _new_registration(event, data)
    if questions is None:
        questions = regforms.event_questions(event.id)
    answers = regforms.clean_answers(
        questions, data.category, data.answers, require=not by_organiser
    )
    question_ids = {q.id for q in questions}
    sender = new_registration_sender(event)  # read before the lock, as all the above
    with transaction():
        event = capacity.lock_event_for_registration(event)
        counts = capacity.tally(event.id, registration.email, utcnow())
        if counts.due_holds:  # lapsed holds free their places before anyone counts
            holds.expire_due_holds(event)
            counts = capacity.tally(event.id, registration.email, utcnow())
        reason = registration_closed_reason(event)
        if reason and not (by_organiser and event.status != EventStatus.CANCELLED):
            raise RegistrationClosed(reason)
        existing = find_active(event.id, data.email) if counts.already else None
        if existing is not None:
            if not _link_sent_lately(existing):
                send_registration_mail(existing, "link")
            return RegistrationOutcome(existing, created=False, status=existing.status)
        position = _decide_status(event, registration, counts, by_organiser, data.confirm_email)
        _insert_registration(registration)  # the decisive INSERT; then its e-mail's row
        send_new_registration_mail(registration, position=position, sender=sender)
        regforms.apply_answers(registration, question_ids, answers)  # flushed by the commit
        _add_choices(registration, sessions)
        secret, status = registration.secret, registration.status
    return RegistrationOutcome(registration, created=True, secret=secret, status=status)


def _insert_registration(registration: Registration) -> None:
    """INSERT the new registration in one statement, without the unit of work (CPU under the
    lock), then let the session hold it as if loaded: its answers and choices, none yet, are
    added to it and flushed by the commit. The statement goes through the session, so the page
    cache hears of it; ``search_text`` is kept here, as ``models._keep_search_text`` does on a
    flush."""
    now = utcnow()
    registration.created_at = registration.updated_at = now
    registration.search_text = search_text_of(
        registration.name, registration.email, registration.affiliation
    )
    state = registration.__dict__
    values = {c.key: state[c.key] for c in Registration.__table__.columns if c.key in state}
    registration.id = db.session.execute(_registration_insert(), values).scalar_one()
    make_transient_to_detached(registration)
    db.session.add(registration)
    set_committed_value(registration, "choices", [])
    set_committed_value(registration, "answers", [])


@cache
def _registration_insert() -> ReturningInsert:
    table = Registration.__table__
    return insert(table).returning(table.c.id)


def _link_sent_lately(registration: Registration) -> bool:
    """True when a "your link" e-mail went to this registration within ``LINK_RESEND_PERIOD``:
    twenty POSTs of someone else's address must not become twenty e-mails to them."""
    stmt = select(OutboxMessage.id).where(
        OutboxMessage.registration_id == registration.id,
        OutboxMessage.kind == "registration_link",
        OutboxMessage.created_at > utcnow() - LINK_RESEND_PERIOD,
    )
    return db.session.execute(stmt.limit(1)).first() is not None


def _new_registration(event: Event, data: RegistrationData) -> Registration:
    """The row of a new registration, without its status (decided under the lock)."""
    affiliation = data.affiliation.strip()
    return Registration(
        event_id=event.id,
        name=data.name.strip(),
        email=data.email.strip().lower(),
        affiliation=affiliation,
        organisation_id=_organisation_for(affiliation),
        category=RegistrationCategory(data.category),
        dietary_needs=data.dietary_needs.strip() if event.ask_dietary else "",
        accessibility_needs=data.accessibility_needs.strip() if event.ask_accessibility else "",
        language=data.language,
        consent_at=utcnow() if data.consent else None,
        secret=secrets.token_urlsafe(32),
        checkin_code=secrets.token_urlsafe(16),
        note=data.note,
    )


def _decide_status(
    event: Event,
    registration: Registration,
    counts: capacity.Tally,
    by_organiser: bool,
    confirm_email: bool = False,
) -> int | None:
    """Pending when the organiser moderates; held until the address is confirmed when the event
    asks for it; else a place if one is free, else the waiting list; ``EventFull`` when neither.
    Returns the waiting-list position taken (None for any other status). Call with the event
    locked, ``counts`` made under the lock. (A pending registration holds no place, so a
    moderated event needs no confirmation; an organiser's own entry neither.)"""
    now = utcnow()
    free = event.capacity is None or counts.taken < event.capacity
    if event.moderation_enabled and not by_organiser:
        registration.status = RegistrationStatus.PENDING
    elif (event.confirm_email or confirm_email) and not by_organiser:
        holds.hold_place(event, registration, free)
    elif free:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
    elif event.waitlist_enabled:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now
        # Last in line: everyone waiting took their turn before now and has a smaller id.
        return counts.waiting + 1
    else:
        raise EventFull(_("This event is fully booked."))
    return None


def get_by_secret(secret: str) -> Registration:
    """The registration behind a private link (404 for anything unknown or anonymised)."""
    if not secret or len(secret) > 64:
        raise NotFound(_("No such registration."))
    stmt = (
        select(Registration)
        .where(Registration.secret == secret, Registration.anonymised_at.is_(None))
        .options(
            selectinload(Registration.event),
            selectinload(Registration.choices).selectinload(RegistrationChoice.session),
        )
    )
    registration = db.session.execute(stmt).scalar_one_or_none()
    if registration is None:
        raise NotFound(_("No such registration."))
    return registration


def _locked(registration: Registration) -> tuple[Event, Registration]:
    """Lock the registration's event and re-read the registration."""
    event = capacity.lock_event(registration.event_id)
    fresh = db.session.get(Registration, registration.id, populate_existing=True)
    if fresh is None:
        raise NotFound(_("No such registration."))
    return event, fresh


#: Promote from the event's and the sessions' waiting lists (lives with the holds, which lapse
#: into it too).
_free_places = holds.free_places


def promote_waitlist(event: Event) -> list[Registration]:
    """Fill free places from the waiting list (after a capacity change); the caller commits."""
    event = capacity.lock_event(event.id)
    promoted = capacity.promote_event_waitlist(event)
    for registration in promoted:
        send_registration_mail(registration, "promoted")
    send_session_promotions(
        capacity.promote_session_waitlists(capacity.event_session_ids(event.id))
    )
    return promoted


def cancel_registration(registration: Registration, *, notify: bool = True) -> Registration:
    """Cancel; a freed place goes to the first on the waiting list in the same transaction."""
    with transaction():
        event, registration = _locked(registration)
        if registration.status not in ACTIVE_REGISTRATION_STATUSES:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = utcnow()
        registration.waitlisted_at = None
        db.session.flush()
        if notify:
            send_registration_mail(registration, "cancelled")
        _free_places(event, [c.session_id for c in registration.choices])
    return registration


def remove_registrations(event: Event, registration_ids: list[int]) -> int:
    """Cancel the event's active registrations among ``registration_ids`` at once, telling
    none of them (a burst of made-up addresses, or someone else's); the places freed go to the
    waiting list in order, once all are out, so no removed one is promoted on the way. Commits;
    returns how many were removed."""
    with transaction():
        event = capacity.lock_event(event.id)
        stmt = (
            select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.id.in_(registration_ids[:10_000]),
                Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
            )
            .options(selectinload(Registration.choices))
        )
        rows = list(db.session.execute(stmt).scalars())
        now = utcnow()
        for registration in rows:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at, registration.waitlisted_at = now, None
        db.session.flush()
        _free_places(event, sorted({c.session_id for r in rows for c in r.choices}))
    return len(rows)


def change_sessions(registration: Registration, session_ids: list[int]) -> Registration:
    """Replace the chosen sessions; dropped places go to those waiting for them."""
    with transaction():
        event, registration = _locked(registration)
        if registration.status not in ACTIVE_REGISTRATION_STATUSES:
            raise RegistrationError(_("This registration is no longer active."))
        if registration_closed_reason(event):
            raise RegistrationClosed(_("Sessions can no longer be changed."))
        wanted = _chosen_sessions(event, session_ids)
        keep = {s.id for s in wanted}
        dropped = [c for c in registration.choices if c.session_id not in keep]
        held = {c.session_id for c in registration.choices}
        for choice in dropped:
            registration.choices.remove(choice)
        db.session.flush()
        _add_choices(registration, [s for s in wanted if s.id not in held])
        db.session.flush()
        _free_places(event, [c.session_id for c in dropped])
    return registration


def change_details(
    registration: Registration,
    *,
    name: str,
    affiliation: str,
    answers: dict[int, regforms.AnswerValue],
) -> Registration:
    """The participant corrects their name and affiliation and changes their answers (no lock:
    no place changes). Commits; sends nothing."""
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        raise RegistrationError(_("This registration is no longer active."))
    if utcnow() >= registration.event.ends_at:
        raise RegistrationClosed(_("This event is over; your details can no longer be changed."))
    name = name.strip()
    if not name:
        raise InvalidChoice(_("This field is required."), "name")
    questions = regforms.event_questions(registration.event_id)
    cleaned = regforms.clean_answers(questions, registration.category.value, answers)
    with transaction():
        registration.name = name[:200]
        registration.affiliation = affiliation.strip()[:200]
        registration.organisation_id = _organisation_for(registration.affiliation)
        regforms.apply_answers(registration, {q.id for q in questions}, cleaned)
    return registration


def decide(registration: Registration, approve: bool) -> Registration:
    """The organiser approves (place if free, else waiting list) or rejects a pending one."""
    with transaction():
        event, registration = _locked(registration)
        if registration.status != RegistrationStatus.PENDING:
            raise RegistrationError(_("Only pending registrations can be approved or rejected."))
        now = utcnow()
        if not approve:
            registration.status = RegistrationStatus.REJECTED
            db.session.flush()
            send_registration_mail(registration, "rejected")
            _free_places(event, [c.session_id for c in registration.choices])
        elif capacity.has_place(event):
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
            send_registration_mail(registration, "approved")
        elif event.waitlist_enabled:
            registration.status = RegistrationStatus.WAITLISTED
            registration.waitlisted_at = now
            db.session.flush()
            send_registration_mail(registration, "waitlisted")
        else:
            raise EventFull(_("This event is fully booked."))
    return registration


def move_from_waitlist(registration: Registration) -> Registration:
    """The organiser confirms a waitlisted person now, even beyond the capacity."""
    with transaction():
        _event, registration = _locked(registration)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise RegistrationError(_("This registration is not on the waiting list."))
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = utcnow()
        registration.waitlisted_at = None
        send_registration_mail(registration, "promoted")
    return registration


def resend_link(registration: Registration) -> None:
    """E-mail the private link again."""
    send_registration_mail(registration, "link")
    db.session.commit()


def session_choice_statuses(registration: Registration) -> dict[int, ChoiceStatus]:
    """Chosen session id → confirmed / waitlisted."""
    return {c.session_id: c.status for c in registration.choices}


def erase_my_data(registration: Registration) -> None:
    """The participant erases their data: cancelled first (the place is passed on), then erased."""
    if registration.status in ACTIVE_REGISTRATION_STATUSES:
        registration = cancel_registration(registration, notify=False)
    registration = db.session.get(Registration, registration.id, populate_existing=True)
    anonymise(registration)
    db.session.commit()
