"""Builders and HTML helpers for the public pages' tests."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from jinja2 import ChoiceLoader, DictLoader

from eventapp.core.db import utcnow
from eventapp.core.types import OrganiserRole, SessionKind, SpeakerRole
from eventapp.events.models import EventOrganiser
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_series,
    make_session,
    make_venue,
)

#: Templates other capabilities include in the public pages (blanked to pin our own queries).
HOOKS = (
    "registration/_event_box.html",
    "calendar/_event_buttons.html",
    "calendar/_session_buttons.html",
    "calendar/_series_buttons.html",
    "blog/_event_posts.html",
    "blog/_series_posts.html",
    "blog/_latest_posts.html",
)


def blank_hooks(app) -> None:
    """Render the other capabilities' includes as empty: counts then measure this package only."""
    blank = dict.fromkeys(HOOKS, "")
    # Imported for its macro (a row calls it: cheaper than an include): an empty one.
    blank["calendar/_session_buttons.html"] = "{% macro session_buttons(s, l) %}{% endmacro %}"
    app.jinja_env.loader = ChoiceLoader([DictLoader(blank), app.jinja_env.loader])


@pytest.fixture
def without_hooks(app):
    blank_hooks(app)
    return app


def make_full_event(sessions: int = 3, speakers_per_session: int = 2, **kw):
    """A published event with a venue, two organisers, a contact and a timetable of talks."""
    host = make_organisation("Karolinska Institutet", short_name="KI")
    partner = make_organisation("CCRM Nordic")
    venue = make_venue(
        "Campus Flemingsberg",
        rooms=("Aula", "Room 2"),
        address="Alfred Nobels allé 8",
        city="Huddinge",
    )
    people = [
        make_person(
            f"Speaker {i}",
            title="Dr",
            affiliation=host if i % 2 else None,
            affiliation_text="" if i % 2 else "Free affiliation",
        )
        for i in range(max(speakers_per_session, 1) * 2)
    ]
    kw.setdefault("venue", venue)
    kw.setdefault("contact_person", people[0])
    event = make_event(organisers=[host], **kw)
    event.organisers.append(
        EventOrganiser(organisation=partner, role=OrganiserRole.PARTNER, position=1)
    )
    for i in range(sessions):
        chosen = [people[(i + j) % len(people)] for j in range(speakers_per_session)]
        make_session(
            event,
            f"Talk {i}",
            starts_at=event.starts_at + timedelta(minutes=2 * i),
            minutes=2,
            kind=SessionKind.TALK if i % 3 else SessionKind.KEYNOTE,
            room=venue.rooms[i % 2],
            speakers=chosen,
            speaker_role=SpeakerRole.SPEAKER,
        )
    return event


def make_listed_events(count: int, series=None) -> None:
    """``count`` published events, half past and half upcoming, each with organisers and venue."""
    series = series or make_series("Collaboration in Science")
    venue = make_venue()
    now = utcnow()
    for i in range(count):
        days = 10 + i if i % 2 else -(10 + i)
        make_event(
            starts_at=now + timedelta(days=days),
            organisers=[make_organisation(), make_organisation()],
            venue=venue,
            series=series,
        )


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.headings: list[tuple[int, str]] = []
        self.html_lang = ""
        self._in_ld = False
        self._heading: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang", "")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        elif tag == "link" and "rel" in attrs:
            self.links[attrs["rel"]] = attrs.get("href", "")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = int(tag[1])
            self._text = []

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False
        elif self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data
        if self._heading is not None:
            self._text.append(data)


def parse_page(html: str) -> _PageParser:
    """Structured bits of a page: JSON-LD blocks, meta tags, links, headings, <html lang>."""
    parser = _PageParser()
    parser.feed(html)
    return parser


def json_ld_of(html: str) -> dict:
    """The page's one JSON-LD block, parsed."""
    (block,) = parse_page(html).scripts
    return json.loads(block)
