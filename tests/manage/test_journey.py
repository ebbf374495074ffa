"""An organiser, as a new user would: log in, build an event, publish, clone, cancel."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.core.types import EventStatus, RegistrationStatus, SessionStatus
from eventapp.events.models import Event, EventSeries
from tests.builders import make_person, make_registration, make_venue
from tests.manage.conftest import csrf_token, post_form
from tests.registration.conftest import sent_outbox


def _slugged(db, slug: str) -> Event:
    db.session.expire_all()
    return db.session.execute(select(Event).where(Event.slug == slug)).scalar_one()


def test_organiser_journey_from_login_to_cancellation(client, db, ki):
    venue = make_venue("Campus Flemingsberg", rooms=("Aula", "Room 4U"))
    keynote = make_person("Maria Lindqvist")
    db.session.commit()
    aula, room = venue.rooms[0].id, venue.rooms[1].id

    # Log in through the form.
    page = client.get("/manage/login")
    response = client.post(
        "/manage/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": "ki@example.org",
            "password": "correct horse battery",
        },
    )
    assert response.status_code == 302

    # A series with a cadence.
    response = post_form(
        client,
        "/manage/series/new",
        {
            "name": "Collaboration in Science",
            "cadence_rrule": "FREQ=YEARLY;INTERVAL=2",
            "cadence_text": "every second year",
            "organisations": [str(ki.organisation.id)],
        },
    )
    assert response.status_code == 302
    series = db.session.execute(select(EventSeries)).scalar_one()
    assert series.slug == "collaboration-in-science"

    # An event of two days in the series.
    response = post_form(
        client,
        "/manage/events/new",
        {
            "title": "Collaboration in Science 2026",
            "slug": "cis-2026",
            "summary": "Two days on research collaboration.",
            "language": "en",
            "timezone": "Europe/Stockholm",
            "starts_at": "2026-10-14T09:00",
            "ends_at": "2026-10-15T16:00",
            "series_id": str(series.id),
            "venue_id": str(venue.id),
            "organisers-0-organisation": str(ki.organisation.id),
            "organisers-0-role": "host",
            "registration_enabled": "y",
            "capacity": "120",
            "waitlist_enabled": "y",
            "registration_categories": ["participant", "speaker"],
            "retention_days": "180",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/manage/events/cis-2026/"
    event = _slugged(db, "cis-2026")
    assert event.status == EventStatus.DRAFT
    assert event.starts_at.isoformat() == "2026-10-14T07:00:00+00:00"  # 09:00 CEST

    # The timetable: one session each day, one speaker chosen, one created on the spot.
    for day, title, start, end, room_id in (
        ("14", "Opening keynote", "09:00", "10:00", aula),
        ("15", "Panel: hospitals and universities", "13:00", "14:30", room),
    ):
        response = post_form(
            client,
            "/manage/events/cis-2026/sessions/new",
            {
                "kind": "keynote" if day == "14" else "panel",
                "title": title,
                "starts_at": f"2026-10-{day}T{start}",
                "ends_at": f"2026-10-{day}T{end}",
                "room_id": str(room_id),
                "speakers-0-person": str(keynote.id) if day == "14" else "0",
                "speakers-0-new_name": "" if day == "14" else "Johan Berg",
                "speakers-0-role": "speaker" if day == "14" else "moderator",
                "speakers-0-position": "0",
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    event = _slugged(db, "cis-2026")
    assert [s.title for s in event.sessions] == [
        "Opening keynote",
        "Panel: hospitals and universities",
    ]
    assert event.sessions[1].speakers[0].person.name == "Johan Berg"
    timetable = client.get("/manage/events/cis-2026/timetable").get_data(as_text=True)
    assert "Opening keynote" in timetable and "Johan Berg" in timetable

    # Publish; the public page shows it.
    page = client.get("/manage/events/cis-2026/")
    token = csrf_token(page.get_data(as_text=True))
    assert (
        client.post("/manage/events/cis-2026/publish", data={"csrf_token": token}).status_code
        == 302
    )
    event = _slugged(db, "cis-2026")
    assert event.status == EventStatus.PUBLISHED and event.published_at is not None
    public = client.get("/events/cis-2026/")
    assert public.status_code == 200
    assert "Collaboration in Science 2026" in public.get_data(as_text=True)
    assert "Opening keynote" in public.get_data(as_text=True)

    # Next year's edition: sessions, speakers, organisers shifted; registrations not copied.
    make_registration(event, "Early Bird")
    db.session.commit()
    response = post_form(client, "/manage/events/cis-2026/clone", {"starts_on": "2027-10-13"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/events/cis-2027/"
    clone = _slugged(db, "cis-2027")
    assert clone.title == "Collaboration in Science 2027"
    assert clone.status == EventStatus.DRAFT and clone.series_id == series.id
    assert clone.starts_at.isoformat() == "2027-10-13T07:00:00+00:00"
    assert [s.starts_at.isoformat() for s in clone.sessions] == [
        "2027-10-13T07:00:00+00:00",
        "2027-10-14T11:00:00+00:00",
    ]
    assert [sp.person.name for s in clone.sessions for sp in s.speakers] == [
        "Maria Lindqvist",
        "Johan Berg",
    ]
    assert [o.organisation_id for o in clone.organisers] == [ki.organisation.id]
    assert clone.registrations == []

    # Cancel the original, with the confirmation step; the registered get an e-mail.
    page = client.get("/manage/events/cis-2026/cancel")
    assert "1 people registered" in page.get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    unconfirmed = client.post(
        "/manage/events/cis-2026/cancel", data={"csrf_token": token, "note": "Sorry."}
    )
    assert unconfirmed.status_code == 200
    assert _slugged(db, "cis-2026").status == EventStatus.PUBLISHED
    response = client.post(
        "/manage/events/cis-2026/cancel",
        data={"csrf_token": token, "note": "The venue burnt down.", "confirm": "y"},
    )
    assert response.status_code == 302
    event = _slugged(db, "cis-2026")
    assert event.status == EventStatus.CANCELLED and event.cancelled_at is not None
    mails = sent_outbox()  # written with the cancellation, rendered by the mail sender
    assert [m.kind for m in mails] == ["event_cancelled"]
    assert "The venue burnt down." in mails[0].body_text
    assert mails[0].subject == "Cancelled: Collaboration in Science 2026"
    assert event.registrations[0].status == RegistrationStatus.CONFIRMED
    assert all(s.status == SessionStatus.SCHEDULED for s in event.sessions)

    # The management page shows it all, with the audit log.
    page = client.get("/manage/events/cis-2026/").get_data(as_text=True)
    for action in ("Event created", "Session added", "Published", "Event cancelled"):
        assert action in page
    overview = client.get("/manage/").get_data(as_text=True)
    assert "Collaboration in Science 2027" in overview
