"""Every change a participant's calendar must follow reaches it by e-mail: the .ics each mail
carries has the invitation's UIDs and a higher SEQUENCE (or STATUS:CANCELLED), as read by the
icalendar library and by Mozilla's ical.js, through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from eventapp.core.types import ChoiceStatus, SessionStatus
from eventapp.events import lifecycle_services as lifecycle
from eventapp.events.manage_forms import event_form_data
from eventapp.events.services import EventData, update_event
from eventapp.events.timetable_services import move_session, set_session_status
from eventapp.extensions import db
from eventapp.mail.sender import send_due
from eventapp.registration import services as registration_services
from eventapp.registration.models import Registration, RegistrationChoice
from tests.builders import make_registration, make_user, make_venue
from tests.calendar.conftest import icaljs, needs_node, parse


def edit(user, event, **changes) -> bool:
    values = {k: v for k, v in event_form_data(event).items() if k != "organisers"}
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        values[name] = getattr(event, name)
    for name in ("series_id", "venue_id", "contact_person_id", "collaboration_id"):
        values[name] = values[name] or None
    values.update(changes)
    organisers = [(o.organisation_id, o.role) for o in event.organisers]
    return update_event(user, event, EventData(values=values, organisers=organisers))


def ics_of(message) -> bytes:
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    return attachment.get_content().encode()


def vevents(body: bytes) -> dict[str, tuple[int, str, object]]:
    """UID → (SEQUENCE, STATUS, DTSTART) as icalendar reads them, checked against ical.js."""
    found = {
        str(c["UID"]): (int(c["SEQUENCE"]), str(c["STATUS"]), c.decoded("DTSTART"))
        for c in parse(body).walk("VEVENT")
    }
    by_icaljs = {e["uid"]: (e["sequence"], e["status"]) for e in icaljs(body)["events"]}
    assert by_icaljs == {uid: (seq, status) for uid, (seq, status, _start) in found.items()}
    return found


def registrant_with_workshop(event):
    registration = make_registration(event, "Carin Dahlberg", email="carin@example.org")
    registration.choices.append(
        RegistrationChoice(
            session=event.sessions[0], status=ChoiceStatus.CONFIRMED, created_at=event.created_at
        )
    )
    db.session.commit()
    return registration


def organiser_of(event):
    user = make_user(organisations=[event.organisers[0].organisation])
    db.session.commit()
    return user


def first_invitation(app, event, smtp_server) -> dict:
    smtp_server.configure(app)
    registration = registrant_with_workshop(event)
    registration_services.send_registration_mail(registration, "confirmed")
    db.session.commit()
    assert send_due() == (1, 0, 0)
    return vevents(ics_of(smtp_server.messages[-1]))


@needs_node
def test_a_moved_event_and_a_new_venue_mail_the_updated_ics(app, event, smtp_server):
    before = first_invitation(app, event, smtp_server)
    user = organiser_of(event)
    later = event.starts_at + timedelta(days=1)
    edit(user, event, starts_at=later, ends_at=later + timedelta(hours=8))
    assert send_due() == (1, 0, 0)
    moved = vevents(ics_of(smtp_server.messages[-1]))
    uid = f"event-{event.id}@eventapp.test"
    assert set(moved) == set(before)
    assert moved[uid][0] > before[uid][0] and moved[uid][2] == later
    assert "Changes to" in smtp_server.messages[-1]["Subject"]

    edit(user, event, venue_id=make_venue("Wallenberg Hall", address="Berzelius väg 3").id)
    assert send_due() == (1, 0, 0)
    message = smtp_server.messages[-1]
    rehoused = vevents(ics_of(message))
    assert rehoused[uid][0] > moved[uid][0]
    assert "Berzelius väg 3" in parse(ics_of(message)).walk("VEVENT")[0]["LOCATION"]


@needs_node
def test_a_cancelled_event_mails_the_ics_with_status_cancelled(app, event, smtp_server):
    before = first_invitation(app, event, smtp_server)
    lifecycle.cancel(organiser_of(event), event, "The lecturer is ill.")
    assert send_due() == (1, 0, 0)
    after = vevents(ics_of(smtp_server.messages[-1]))
    uid = f"event-{event.id}@eventapp.test"
    assert after[uid][1] == "CANCELLED" and after[uid][0] > before[uid][0]
    assert all(status == "CANCELLED" for _seq, status, _start in after.values())


@needs_node
def test_a_cancelled_registration_mails_its_cancellation_ics(app, event, smtp_server):
    before = first_invitation(app, event, smtp_server)
    registration = db.session.execute(select(Registration)).scalar_one()
    registration_services.cancel_registration(registration)
    assert send_due() == (1, 0, 0)
    message = smtp_server.messages[-1]
    after = vevents(ics_of(message))
    assert set(after) == set(before)
    for uid, (sequence, status, _start) in after.items():
        assert status == "CANCELLED" and sequence > before[uid][0]
    assert "calendar file marks the event cancelled" in message.get_body(("plain",)).get_content()


@needs_node
def test_a_chosen_session_moved_or_cancelled_mails_the_updated_ics(app, event, smtp_server):
    before = first_invitation(app, event, smtp_server)
    session = event.sessions[0]
    uid = f"session-{session.id}@eventapp.test"
    user = organiser_of(event)
    move_session(user, event, session, session.starts_at + timedelta(hours=2), session.room_id)
    assert send_due() == (1, 0, 0)
    moved_message = smtp_server.messages[-1]
    moved = vevents(ics_of(moved_message))
    assert moved[uid][0] > before[uid][0]
    assert moved[uid][2] == session.starts_at
    assert "Changed: Workshop: CAR-T manufacturing" in moved_message["Subject"]

    set_session_status(user, event, session, SessionStatus.CANCELLED)
    assert send_due() == (1, 0, 0)
    cancelled_message = smtp_server.messages[-1]
    cancelled = vevents(ics_of(cancelled_message))
    assert cancelled[uid][1] == "CANCELLED" and cancelled[uid][0] > moved[uid][0]
    assert cancelled_message["Subject"].startswith("Cancelled: Workshop: CAR-T manufacturing")
