"""UIDs survive a move of the site to another domain: each keeps the host it was made under."""

from __future__ import annotations

from eventapp.extensions import db
from tests.builders import make_event, make_session
from tests.calendar.conftest import icaljs, needs_node, parse


def uids(client, slug: str) -> list[str]:
    return [str(c["UID"]) for c in parse(client.get(f"/events/{slug}/calendar.ics").data).walk(
        "VEVENT"
    )]  # fmt: skip


@needs_node
def test_moving_the_site_to_another_domain_keeps_every_uid(app, client):
    event = make_event("ATMP day", slug="atmp-day")
    session = make_session(event, "Gene therapy")
    db.session.commit()
    before = uids(client, "atmp-day")
    assert before == [f"event-{event.id}@eventapp.test", f"session-{session.id}@eventapp.test"]

    app.config["BASE_URL"] = "https://events.example.se"
    db.session.expire_all()
    body = client.get("/events/atmp-day/calendar.ics").data
    assert uids(client, "atmp-day") == before
    assert [e["uid"] for e in icaljs(body)["events"]] == before
    assert b"https://events.example.se/events/atmp-day/" in body.replace(b"\r\n ", b"")
    # Made after the move: the new host, kept as well.
    later = make_event("Next day", slug="next-day")
    db.session.commit()
    assert uids(client, "next-day") == [f"event-{later.id}@events.example.se"]
