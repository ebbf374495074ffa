"""What the demo holds: true to the source documents, published, with registration open."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from eventapp.blog.models import BlogPost
from eventapp.core.db import utcnow
from eventapp.core.types import (
    CollaborationStatus,
    EventStatus,
    OrganiserRole,
    PostStatus,
    RegistrationStatus,
    SessionKind,
)
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _event(slug: str) -> Event:
    return db.session.scalars(select(Event).where(Event.slug == slug)).one()


def _local_day(value) -> date:
    return value.astimezone(STOCKHOLM).date()


def test_every_person_in_the_demo_is_named_in_the_source_documents(demo, seed_text):
    names = db.session.scalars(select(Person.name)).all()
    assert len(names) == 16
    for name in names:
        assert name in seed_text, name


def test_no_sentence_of_the_source_documents_is_copied(demo, seed_text):
    texts = [
        *db.session.scalars(select(BlogPost.body_md)),
        *db.session.scalars(select(BlogPost.lead)),
        *db.session.scalars(select(Event.description)),
        *db.session.scalars(select(Collaboration.purpose)),
    ]
    ours = re.sub(r"\s+", " ", " ".join(texts)).lower()
    sentences = [re.sub(r"\s+", " ", s).strip().lower() for s in re.split(r"[.!?]", seed_text)]
    long_ones = [s for s in sentences if len(s.split()) >= 8]
    assert len(long_ones) > 50
    assert [s for s in long_ones if s in ours] == []


def test_nothing_in_the_demo_is_a_draft(demo):
    assert (
        db.session.scalars(select(Event).where(Event.status != EventStatus.PUBLISHED)).all() == []
    )
    posts = db.session.scalars(select(BlogPost)).all()
    assert len(posts) == 8
    assert all(post.status == PostStatus.PUBLISHED for post in posts)
    assert all(post.publish_at <= utcnow() for post in posts)


def test_every_event_is_in_stockholm_time_with_aware_datetimes(demo):
    for event in db.session.scalars(select(Event)):
        assert event.timezone == "Europe/Stockholm"
        assert event.starts_at.tzinfo is not None and event.ends_at > event.starts_at
        for session in event.sessions:
            assert event.starts_at <= session.starts_at < session.ends_at <= event.ends_at


def test_the_upcoming_edition_has_registration_open_with_workshops(demo):
    event = db.session.scalars(
        select(Event).where(Event.starts_at > utcnow(), Event.registration_enabled)
    ).one()
    now = utcnow()
    assert event.series.slug == "collaboration-in-science"
    assert event.registration_opens_at <= now < event.registration_closes_at < event.starts_at
    assert event.capacity == 150 and event.waitlist_enabled
    assert "participant" in event.registration_categories
    assert event.privacy_text
    workshops = [s for s in event.sessions if s.selectable]
    assert len(workshops) == 3
    assert all(s.kind == SessionKind.WORKSHOP and s.capacity for s in workshops)
    registrations = event.registrations
    assert len(registrations) == 12
    # One registered a moment ago: its place is held until the address is confirmed.
    statuses = sorted(r.status for r in registrations)
    assert statuses == [RegistrationStatus.CONFIRMED] * 11 + [RegistrationStatus.UNCONFIRMED]
    assert event.confirm_email
    assert all(re.fullmatch(r"Demo participant \d+", r.name) for r in registrations)
    assert all(r.email.endswith("@example.org") and len(r.secret) >= 43 for r in registrations)
    assert sum(len(r.choices) for r in registrations) == 6


def test_atmp_mini_symposium_has_fourteen_presentations_and_no_invented_speakers(demo):
    event = _event("atmp-mini-symposium-2025")
    assert _local_day(event.starts_at) == date(2025, 1, 22)
    assert (event.ends_at - event.starts_at).total_seconds() <= 5 * 3600
    assert event.venue.name == "Karolinska Institutet, Campus Flemingsberg"
    presentations = [s for s in event.sessions if s.kind == SessionKind.SHORT_PRESENTATION]
    assert len(presentations) == 14
    assert all(not s.speakers for s in event.sessions)
    roles = {o.organisation.slug: o.role for o in event.organisers}
    assert roles == {"nextgennk": OrganiserRole.HOST, "ccrm-nordic": OrganiserRole.CO_ORGANISER}


def test_collaboration_in_science_has_2022_2024_and_a_future_edition(demo):
    series = db.session.scalars(
        select(EventSeries).where(EventSeries.slug == "collaboration-in-science")
    ).one()
    assert series.cadence_rrule == "FREQ=YEARLY;INTERVAL=2"
    years = [_local_day(e.starts_at).year for e in series.events]
    assert years[:2] == [2022, 2024] and len(years) == 3
    assert series.events[2].starts_at > utcnow()
    for event in series.events:
        roles = {o.organisation.slug: o.role for o in event.organisers}
        assert roles["karolinska-institutet"] == OrganiserRole.HOST
        assert roles["karolinska-universitetssjukhuset"] == OrganiserRole.CO_ORGANISER
        kinds = {s.kind for s in event.sessions}
        assert {SessionKind.KEYNOTE, SessionKind.POSTER_SESSION, SessionKind.EXHIBITION} <= kinds
        assert {SessionKind.SHORT_PRESENTATION, SessionKind.MINGLE} <= kinds
    talks = [s for s in series.events[1].sessions if s.speakers]
    assert [p.person.name for s in talks for p in s.speakers] == ["Johnny Högberg"]


def test_innovation_days_keynote_panel_and_inauguration(demo):
    event = _event("innovation-and-collaboration-days-2023")
    keynote = next(s for s in event.sessions if s.kind == SessionKind.KEYNOTE)
    assert [sp.person.name for sp in keynote.speakers] == ["Malin Lindberg"]
    panel = next(s for s in event.sessions if s.title.startswith("Panel"))
    assert "Samverket" in panel.abstract and not panel.speakers
    assert any(s.kind == SessionKind.INAUGURATION for s in event.sessions)


def test_nya_roster_series_is_ten_workshops_linked_to_its_agreement(demo):
    agreement = db.session.scalars(
        select(Collaboration).where(Collaboration.slug == "nya-roster-flemingsberg")
    ).one()
    event = _event("nya-roster-flemingsberg-hosten-2025")
    assert event.collaboration_id == agreement.id == event.series.collaboration_id
    workshops = [s for s in event.sessions if s.kind == SessionKind.WORKSHOP]
    assert len(workshops) == 10
    assert all(date(2025, 8, 1) <= _local_day(s.starts_at) <= date(2025, 12, 31) for s in workshops)
    assert {p.slug for p in agreement.parties} == {
        "sodertorns-hogskola",
        "huddinge-kommun",
        "film-stockholm",
    }


def test_collaborations_follow_the_memo(demo):
    by_slug = {c.slug: c for c in db.session.scalars(select(Collaboration))}
    assert len(by_slug) == 18
    ulf = by_slug["ulf-sodertorns-hogskola"]
    assert (ulf.valid_from, ulf.valid_until) == (date(2025, 1, 1), date(2027, 12, 31))
    assert ulf.responsible_unit.short_name == "GAF"
    assert ulf.contact_person.name == "Pia Hasselrot"
    assert by_slug["centrum-for-professionsutveckling"].valid_until is None
    assert by_slug["samverkan-karolinska-institutet"].valid_from == date(2022, 1, 1)
    ended = {slug for slug, c in by_slug.items() if c.status == CollaborationStatus.ENDED}
    assert ended == {"scenkonstresidens", "campusgruppen"}
    assert "Film Stockholm" in by_slug["scenkonstresidens"].end_note
    huddinge = db.session.scalars(
        select(Organisation).where(Organisation.slug == "huddinge-kommun")
    ).one()
    units = {u.short_name for u in huddinge.units if u.short_name}
    assert units == {"GAF", "BUF", "KSF", "KUF", "SOF"}


def test_blog_posts_pair_translations_and_credit_the_atmp_author(demo):
    posts = {p.slug: p for p in db.session.scalars(select(BlogPost))}
    swedish = posts["innovation-samverkan-och-kultur-mots-i-flemingsberg"]
    assert swedish.language == "sv" and swedish.translation_of.language == "en"
    assert swedish.translation_of.counterpart is swedish
    atmp = posts["atmp-mini-symposium-knowledge-exchange-and-future-collaborations"]
    assert atmp.author.name == "Carin Dahlberg" and atmp.event.slug == "atmp-mini-symposium-2025"
    assert "Carin Dahlberg" in atmp.author_line
    news = [posts[s] for s in posts if s.startswith(("limitless", "fifty", "royal-opera"))]
    assert len(news) == 3 and all(p.event is None for p in news)
    assert (
        "12 November 1975"
        in posts["fifty-years-of-stem-cell-transplantation-in-flemingsberg"].body_md
    )
