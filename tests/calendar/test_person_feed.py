"""/people/<slug>/calendar.ics: the sessions a speaker speaks in, at public events only."""

from __future__ import annotations

from icalendar import Calendar

from eventapp.core.types import EventStatus, SpeakerRole
from tests.builders import make_event, make_person, make_registration, make_session


def test_a_speaker_feed_holds_their_sessions_at_public_events_only(client, db):
    ada = make_person("Ada Lovelace", slug="ada")
    other = make_person("Bo Berg")
    day = make_event("Cell Biology Day")
    make_session(day, "Keynote", speakers=[ada])
    make_session(day, "Panel", speakers=[other, ada], speaker_role=SpeakerRole.PANELLIST)
    make_session(day, "Not hers", speakers=[other])
    draft = make_event("Draft retreat", status=EventStatus.DRAFT)
    make_session(draft, "Secret talk", speakers=[ada])
    db.session.commit()
    response = client.get("/people/ada/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    calendar = Calendar.from_ical(response.data)
    summaries = sorted(str(c["SUMMARY"]) for c in calendar.walk("VEVENT"))
    assert summaries == ["Keynote", "Panel"]
    assert str(calendar["X-WR-CALNAME"]) == "Ada Lovelace"


def test_an_unknown_speaker_has_no_feed(client, db):
    assert client.get("/people/nobody/calendar.ics").status_code == 404


def test_public_feeds_allow_any_origin_and_personal_ones_do_not(client, db):
    event = make_event("Cell Biology Day")
    db.session.commit()
    assert client.get("/calendar.ics").headers["Access-Control-Allow-Origin"] == "*"
    public = client.get(f"/events/{event.slug}/calendar.ics")
    assert public.headers["Access-Control-Allow-Origin"] == "*"

    registration = make_registration(event)
    db.session.commit()
    personal = client.get(f"/r/{registration.secret}/agenda.ics")
    assert personal.status_code == 200
    assert "Access-Control-Allow-Origin" not in personal.headers
