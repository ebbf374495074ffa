"""Load the demo content: directory, collaborations, events, blog posts, logins (idempotent)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.passwords import hash_password
from eventapp.blog.models import BlogPost
from eventapp.core.db import utcnow
from eventapp.core.types import PostStatus
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.events.models import Event, EventSeries, Room, Venue
from eventapp.extensions import db

from .after_event import load_after_event
from .content import collaboration_in_science, innovation_days, symposia
from .content.collaborations import COLLABORATIONS
from .content.organisations import ORGANISATIONS
from .content.people import PEOPLE, ROOM_NAMES_SV, VENUE_NAMES_SV, VENUES
from .content.posts import POSTS
from .contributions import load_call
from .events import Directory, existing_events, load_registrations, load_series
from .messages import load_message
from .regforms import load_form
from .upsert import ensure, ensure_child, rows_by, slugify, sync_collection

SERIES = (
    innovation_days.SERIES,
    collaboration_in_science.SERIES,
    symposia.ATMP_SERIES,
    symposia.NYA_ROSTER_SERIES,
)

ADMIN_EMAIL = "admin@example.org"
ORGANISER_EMAIL = "organiser@example.org"
REVIEWER_EMAIL = "reviewer@example.org"


@dataclass
class DemoSummary:
    """What a run of ``demo`` holds and created."""

    counts: dict[str, int] = field(default_factory=dict)
    new_passwords: dict[str, str] = field(default_factory=dict)
    upcoming: Event | None = None
    new_registrations: int = 0
    past_editions: int = 0


def load_organisations() -> dict[str, Organisation]:
    """Create or update the organisations, then link each unit to its parent."""
    orgs = rows_by(Organisation, "slug")
    for slug, name, short_name, kind, website, _parent, description in ORGANISATIONS:
        ensure(
            orgs,
            slug,
            lambda slug=slug: Organisation(slug=slug),
            {
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "website": website,
                "description": description,
            },
        )
    for slug, *_rest, parent, _description in ORGANISATIONS:
        wanted = orgs[parent] if parent else None
        if orgs[slug].parent is not wanted:
            orgs[slug].parent = wanted
    return orgs


def load_people(orgs: dict[str, Organisation]) -> dict[str, Person]:
    """Create or update the people named in the source documents."""
    people = rows_by(Person, "slug")
    for name, title, affiliation, role_text in PEOPLE:
        slug = slugify(name)
        ensure(
            people,
            slug,
            lambda slug=slug: Person(slug=slug),
            {
                "name": name,
                "title": title,
                "affiliation": orgs[affiliation],
                "role_text": role_text,
            },
        )
    return people


def load_venues() -> dict[str, Venue]:
    """Create or update the venues and their rooms."""
    venues = rows_by(Venue, "slug", selectinload(Venue.rooms))
    for slug, name, address, campus, city, website, rooms in VENUES:
        venue = ensure(
            venues,
            slug,
            lambda slug=slug: Venue(slug=slug),
            {
                "name": name,
                "address": address,
                "campus": campus,
                "city": city,
                "website": website,
                "translations": {"sv": {"name": VENUE_NAMES_SV[slug]}},
            },
        )
        for room_name, capacity in rooms:
            ensure_child(
                venue.rooms,
                lambda room, room_name=room_name: room.name == room_name,
                lambda room_name=room_name: Room(name=room_name),
                {"capacity": capacity, "translations": {"sv": {"name": ROOM_NAMES_SV[room_name]}}},
            )
    return venues


def load_collaborations(
    orgs: dict[str, Organisation], people: dict[str, Person]
) -> dict[str, Collaboration]:
    """Create or update the forums and agreements of the municipal memo."""
    collaborations = rows_by(Collaboration, "slug", selectinload(Collaboration.parties))
    for spec in COLLABORATIONS:
        collaboration = ensure(
            collaborations,
            spec.slug,
            lambda slug=spec.slug: Collaboration(slug=slug),
            {
                "name": spec.name,
                "kind": spec.kind,
                "purpose": spec.purpose,
                "responsible_unit": orgs[spec.unit] if spec.unit else None,
                "contact_person": people[spec.contact] if spec.contact else None,
                "contact_role": spec.contact_role,
                "valid_from": spec.valid_from,
                "valid_until": spec.valid_until,
                "status": spec.status,
                "end_note": spec.end_note,
                "website": spec.website,
                "original_language": "sv",
                "translations": {"en": dict(spec.english)} if spec.english else {},
            },
        )
        sync_collection(collaboration.parties, [orgs[slug] for slug in spec.parties])
    return collaborations


def load_posts(people: dict[str, Person], events: dict[str, Event]) -> dict[str, BlogPost]:
    """Create or update the published blog posts and news, linking translations."""
    posts = rows_by(BlogPost, "slug")
    for spec in POSTS:
        ensure(
            posts,
            spec.slug,
            lambda slug=spec.slug: BlogPost(slug=slug),
            {
                "title": spec.title,
                "lead": spec.lead,
                "body_md": spec.body_md,
                "language": spec.language,
                "author": people[spec.author] if spec.author else None,
                "author_line": spec.author_line,
                "event": events[spec.event] if spec.event else None,
                "status": PostStatus.PUBLISHED,
                "publish_at": spec.publish_at,
                "translation_of": posts[spec.translation_of] if spec.translation_of else None,
            },
        )
    return posts


def load_users(orgs: dict[str, Organisation], now: datetime) -> dict[str, str]:
    """Create the demo logins once; return the passwords of the ones created now."""
    given = os.environ.get("EVENTAPP_DEMO_PASSWORD") or None
    logins = (
        (ADMIN_EMAIL, "Demo site administrator", True, []),
        (
            ORGANISER_EMAIL,
            "Demo organiser (KI and Karolinska University Hospital)",
            False,
            [orgs["karolinska-institutet"], orgs["karolinska-universitetssjukhuset"]],
        ),
        # Acts for no organisation: it sees only the review pages of the upcoming edition.
        (REVIEWER_EMAIL, "Demo reviewer", False, []),
    )
    users = rows_by(User, "email", selectinload(User.organisations))
    created: dict[str, str] = {}
    shared_hash = None  # one Argon2 run (about a second) for every login given the same password
    for email, display_name, site_admin, organisations in logins:
        on_create: dict[str, object] = {}
        if email not in users:
            password = given or secrets.token_urlsafe(12)
            if given is None:
                password_hash = hash_password(password)
            else:
                shared_hash = shared_hash or hash_password(given)
                password_hash = shared_hash
            on_create = {"password_hash": password_hash, "password_changed_at": now}
            created[email] = password if given is None else "(from EVENTAPP_DEMO_PASSWORD)"
        user = ensure(
            users,
            email,
            lambda email=email: User(email=email),
            {"display_name": display_name, "is_site_admin": site_admin, "active": True},
            on_create,
        )
        sync_collection(user.organisations, organisations)
    return created


def load_demo(now: datetime | None = None) -> DemoSummary:
    """Load everything; running it again changes nothing. The caller commits."""
    now = now or utcnow()
    summary = DemoSummary()
    with db.session.no_autoflush:
        orgs = load_organisations()
        people = load_people(orgs)
        venues = load_venues()
        collaborations = load_collaborations(orgs, people)
        directory = Directory(orgs, people, venues, collaborations)
        series_rows = rows_by(EventSeries, "slug", selectinload(EventSeries.organisations))
        events = existing_events()
        for spec in SERIES:
            _series, editions = load_series(spec, series_rows, events, directory, now)
            if spec is collaboration_in_science.SERIES:
                summary.upcoming = editions[-1]
        load_posts(people, events)
        db.session.flush()
        summary.past_editions = load_after_event(events, now)
        if summary.upcoming is not None:
            summary.new_registrations = load_registrations(summary.upcoming, orgs, now)
            load_form(summary.upcoming)
        summary.new_passwords = load_users(orgs, now)
        if summary.upcoming is not None:
            db.session.flush()
            reviewer = db.session.execute(
                select(User).where(User.email == REVIEWER_EMAIL)
            ).scalar_one_or_none()
            load_call(summary.upcoming, reviewer, now)
            load_message(summary.upcoming, ORGANISER_EMAIL)
    db.session.flush()
    for model in (Organisation, Person, Venue, Collaboration, Event, BlogPost, User):
        summary.counts[model.__tablename__] = db.session.scalar(
            select(func.count()).select_from(model)
        )
    return summary
