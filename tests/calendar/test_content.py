"""What a feed says, read back with icalendar and with Mozilla's ical.js."""

from __future__ import annotations

from datetime import UTC

from icalendar.parser import unescape_backslash

from eventapp.core.types import EventStatus, SessionStatus
from tests.builders import make_event, make_registration, make_session, stockholm
from tests.calendar.conftest import TRICKY, icaljs, needs_node, parse


def _feed(client, event) -> bytes:
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response.status_code == 200
    return response.data


def test_calendar_properties_name_the_feed_and_ask_for_hourly_refresh(client, symposium):
    event, *_ = symposium
    body = _feed(client, event)
    calendar = parse(body)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//eventapp//Calendar feeds 1.0//EN"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "ATMP mini-symposium"
    assert "advanced therapy" in calendar["DESCRIPTION"]
    assert calendar["URL"] == f"http://eventapp.test/events/{event.slug}/"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    assert "METHOD" not in calendar


def test_event_and_sessions_carry_every_property_a_client_needs(client, symposium):
    event, keynote, panel = symposium
    calendar = parse(_feed(client, event))
    vevents = {str(c["UID"]): c for c in calendar.walk("VEVENT")}
    assert list(vevents) == [
        f"event-{event.id}@eventapp.test",
        f"session-{keynote.id}@eventapp.test",
        f"session-{panel.id}@eventapp.test",
    ]
    main = vevents[f"event-{event.id}@eventapp.test"]
    assert (
        main["DTSTAMP"].dt
        == main["LAST-MODIFIED"].dt
        == event.updated_at.replace(microsecond=0).astimezone(UTC)
    )
    assert main["CREATED"].dt == event.created_at.replace(microsecond=0).astimezone(UTC)
    assert main["SEQUENCE"] == 0
    assert main["SUMMARY"] == "ATMP mini-symposium"
    assert main["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert main["DTSTART"].dt == stockholm(2027, 1, 22, 12, 0)
    assert main["LOCATION"] == (
        "Karolinska Institutet, Campus Flemingsberg, Alfred Nobels allé 8, Huddinge"
    )
    assert (main["GEO"].latitude, main["GEO"].longitude) == (59.2195, 17.9383)
    assert main["URL"] == f"http://eventapp.test/events/{event.slug}/"
    assert str(main["ORGANIZER"]) == "mailto:carin.dahlberg@example.org"
    assert main["ORGANIZER"].params["CN"] == "Karolinska Institutet"
    assert list(main["CATEGORIES"].cats) == ["ATMP mini-symposia", "KI", "CCRM Nordic"]
    assert main["STATUS"] == "CONFIRMED"
    talk = vevents[f"session-{keynote.id}@eventapp.test"]
    assert talk["RELATED-TO"] == f"event-{event.id}@eventapp.test"
    assert talk["LOCATION"].startswith("Hörsalen Erna Möller, Karolinska Institutet")
    description = str(talk["DESCRIPTION"])
    assert "Why places like Flemingsberg matter." in description
    assert "Prof. Malin Lindberg (Luleå University of Technology)" in description
    assert f"http://eventapp.test/events/{event.slug}/" in description
    assert list(talk["CATEGORIES"].cats) == ["Keynote", "Plenary"]
    assert "Evren Alici (NextGenNK)" in str(
        vevents[f"session-{panel.id}@eventapp.test"]["DESCRIPTION"]
    )


def test_identical_content_gives_identical_bytes_across_requests_and_restarts(
    client, make_app, symposium
):
    event, *_ = symposium
    first = _feed(client, event)
    restarted = make_app().test_client()
    assert restarted.get(f"/events/{event.slug}/calendar.ics").data == first
    assert _feed(client, event) == first


def test_an_edit_raises_sequence_and_a_cancellation_stays_with_status_cancelled(
    client, db, symposium
):
    event, keynote, panel = symposium
    event.title = "ATMP mini-symposium 2027"
    event.sequence += 1  # the back office bumps it on every change subscribers see
    keynote.status = SessionStatus.CANCELLED
    keynote.sequence += 1
    db.session.commit()
    vevents = {str(c["UID"]): c for c in parse(_feed(client, event)).walk("VEVENT")}
    assert vevents[f"event-{event.id}@eventapp.test"]["SEQUENCE"] == 1
    assert vevents[f"session-{keynote.id}@eventapp.test"]["SEQUENCE"] == 1
    assert vevents[f"session-{keynote.id}@eventapp.test"]["STATUS"] == "CANCELLED"
    assert vevents[f"session-{panel.id}@eventapp.test"]["STATUS"] == "CONFIRMED"
    event.status = EventStatus.CANCELLED
    event.cancellation_note = "Postponed to the autumn."
    event.sequence += 1
    db.session.commit()
    site = parse(client.get("/calendar.ics").data)
    (main,) = site.walk("VEVENT")
    assert main["STATUS"] == "CANCELLED"
    assert main["SEQUENCE"] == 2
    assert "Postponed to the autumn." in str(main["DESCRIPTION"])


def test_tricky_texts_round_trip_through_icalendar(client, db):
    event = make_event(TRICKY, summary=TRICKY)
    make_session(event, TRICKY, abstract=TRICKY, track=TRICKY)
    db.session.commit()
    calendar = parse(_feed(client, event))
    # icalendar 7.3 reads NAME and X-WR-CALNAME as unknown (raw) values: decode them as TEXT.
    assert unescape_backslash(str(calendar["X-WR-CALNAME"])) == TRICKY
    assert unescape_backslash(str(calendar["NAME"])) == TRICKY
    assert str(calendar["DESCRIPTION"]) == TRICKY
    main, session = calendar.walk("VEVENT")
    assert str(main["SUMMARY"]) == str(session["SUMMARY"]) == TRICKY
    assert str(session["DESCRIPTION"]).startswith(TRICKY + "\n\n")
    assert list(session["CATEGORIES"].cats)[-1] == TRICKY


@needs_node
def test_tricky_texts_round_trip_through_ical_js(client, db):
    event = make_event(TRICKY, summary=TRICKY)
    make_session(event, TRICKY, abstract=TRICKY, track=TRICKY)
    db.session.commit()
    seen = icaljs(_feed(client, event))
    assert seen["name"] == seen["x_wr_calname"] == seen["description"] == TRICKY
    main, session = seen["events"]
    assert main["summary"] == session["summary"] == TRICKY
    assert session["description"].startswith(TRICKY + "\n\n")
    assert session["categories"][-1] == TRICKY


@needs_node
def test_ical_js_reads_every_feed_kind_with_known_zones(client, db, symposium):
    event, *_ = symposium
    organisation = event.organisers[0].organisation
    registration = make_registration(event)
    db.session.commit()
    urls = [
        "/calendar.ics",
        f"/series/{event.series.slug}/calendar.ics",
        f"/events/{event.slug}/calendar.ics",
        f"/organisations/{organisation.slug}/calendar.ics",
        f"/r/{registration.secret}/agenda.ics",
    ]
    bodies = [client.get(url).data for url in urls]
    for url, body, seen in zip(urls, bodies, icaljs(bodies), strict=True):
        assert seen["events"], url
        assert seen["zones"] == {"Europe/Stockholm": 2}, url
        for item in seen["events"]:
            assert item["tzid"] == "Europe/Stockholm" and item["zone_known"], url
        ours = [str(c["UID"]) for c in parse(body).walk("VEVENT")]
        assert [item["uid"] for item in seen["events"]] == ours
