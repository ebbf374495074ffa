"""Nothing private leaves through the API: an anonymous client follows every link the API
gives (and the schedule exports and speaker feeds) and looks for every private value stored."""

from __future__ import annotations

import json
import re
from collections import deque

from sqlalchemy import String, Text, select

from eventapp.auth.models import User
from eventapp.blog.models import BlogPost
from eventapp.blog.queries import is_public
from eventapp.core.types import EventStatus
from eventapp.directory.models import Person
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_registration

BASE = "http://eventapp.test"
FOLLOWED = re.compile(r"^/(api/v1/|events/[^/]+/schedule\.(xml|json)$|people/[^/]+/calendar\.ics$)")


def _text_columns(row) -> list[str]:
    values = []
    for column in row.__table__.columns:
        if isinstance(column.type, String | Text):
            value = getattr(row, column.key)
            if isinstance(value, str) and len(value) >= 4:
                values.append(value)
    return values


def private_values() -> set[str]:
    """Every text of every registration and user, people's e-mails, drafts and unpublished posts."""
    values: set[str] = set()
    for row in db.session.scalars(select(Registration)):
        values |= {v for v in _text_columns(row) if v not in ("participant", "confirmed")}
    for user in db.session.scalars(select(User)):
        values |= set(_text_columns(user))
    # A public event's contact person's address is public by design: the event page shows it
    # and the feeds name it as ORGANIZER. Every other person's address is private.
    contacts = select(Event.contact_person_id).where(Event.status != EventStatus.DRAFT)
    people = select(Person).where(
        Person.id.not_in(contacts.where(Event.contact_person_id.is_not(None)))
    )
    values |= {p.email for p in db.session.scalars(people) if p.email}
    for event in db.session.scalars(select(Event).where(Event.status == EventStatus.DRAFT)):
        values |= {event.title, event.slug, *(s.title for s in event.sessions)}
    for post in db.session.scalars(select(BlogPost)):
        if not is_public(post):
            values |= {post.title, post.slug, post.body_md}
    return {v for v in values if v}


def _links(body: str) -> list[str]:
    found = re.findall(r'"(' + re.escape(BASE) + r'[^"\s]*)"', body)
    return [url.removeprefix(BASE) for url in found]


def walk(client, start: str = "/api/v1/", limit: int = 2000) -> dict[str, str]:
    """Every page reachable from ``start`` through the links the answers give."""
    seen: dict[str, str] = {}
    queue = deque([start, "/api/v1/openapi.json", "/api/v1/docs"])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        body = response.get_data(as_text=True)
        seen[path] = body
        if response.is_json:
            queue.extend(p for p in _links(body) if FOLLOWED.match(p.split("?")[0].split("#")[0]))
    return seen


def test_walking_the_whole_api_finds_no_private_value(client, campus):
    make_registration(campus["past"], "Private Person", email="private.person@example.org")
    db.session.commit()
    secrets = private_values()
    assert {"asa.private@example.org", "Jörg Müller", "Secret draft retreat"} <= secrets
    assert "bo.private@example.org" not in secrets  # the symposium's contact
    pages = walk(client)
    assert "/api/v1/events/cell-therapy/sessions" in pages
    assert "/events/cell-therapy/schedule.xml" in pages
    assert "/people/asa-oberg/calendar.ics" in pages
    assert len(pages) > 25
    leaks = [(path, secret) for path, body in pages.items() for secret in secrets if secret in body]
    assert leaks == []


def test_the_walk_would_notice_a_leak(client, campus):
    """The check itself works: a private value put where the API shows text is found."""
    campus["asa"].bio = "Write to asa.private@example.org"
    db.session.commit()
    pages = walk(client)
    assert any("asa.private@example.org" in body for body in pages.values())
    assert json.loads(pages["/api/v1/people/asa-oberg"])["bio"].startswith("Write")
