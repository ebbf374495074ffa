"""Builders for the API's tests: a small campus with public data and private values beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus, PostStatus, SessionKind, SpeakerRole
from tests.blog.conftest import make_post
from tests.builders import (
    STOCKHOLM,
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_series,
    make_session,
    make_user,
    make_venue,
)


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """``days`` from today at ``hour:minute`` Stockholm time."""
    day = (utcnow() + timedelta(days=days)).astimezone(STOCKHOLM).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture
def campus(db) -> dict[str, Any]:
    """KI (with a unit) and KTH, a series, a two-day symposium with a programme and a capacity,
    a past event, and private things: e-mails, registrations, a draft event, a draft post."""
    ki = make_organisation("Karolinska Institutet", slug="ki", short_name="KI")
    unit = make_organisation("Department of Medicine", slug="ki-medicine", parent=ki)
    kth = make_organisation("KTH", slug="kth")
    series = make_series("NextGenNK seminars", organisations=[ki], slug="nextgennk")
    venue = make_venue("Biomedicum", rooms=("Aula", "Room 2"), city="Solna")
    asa = make_person(
        "Åsa Öberg", slug="asa-oberg", email="asa.private@example.org", affiliation=ki, bio="Bio."
    )
    bo = make_person("Bo Berg", slug="bo-berg", email="bo.private@example.org")
    symposium = make_event(
        "Cell therapy symposium",
        slug="cell-therapy",
        organisers=[ki, kth],
        series=series,
        venue=venue,
        capacity=100,
        starts_at=at(30, 9),
        ends_at=at(31, 17),
        registration_opens_at=at(-5, 8),
        registration_closes_at=at(29, 12),
        contact_person=bo,
    )
    keynote = make_session(
        symposium,
        "Opening keynote",
        starts_at=at(30, 9),
        minutes=45,
        kind=SessionKind.KEYNOTE,
        speakers=[asa, bo],
        room=venue.rooms[0],
        track="Clinic",
    )
    panel = make_session(
        symposium,
        "Panel on manufacturing",
        starts_at=at(31, 10),
        minutes=60,
        kind=SessionKind.PANEL,
        speakers=[bo],
        speaker_role=SpeakerRole.MODERATOR,
        room=venue.rooms[1],
    )
    coffee = make_session(symposium, "Coffee", starts_at=at(30, 10), kind=SessionKind.BREAK)
    past = make_event("Unit day", slug="unit-day", organisers=[unit], starts_at=at(-60, 9))
    make_session(past, "Welcome", speakers=[asa])
    draft = make_event(
        "Secret draft retreat", slug="secret-draft", status=EventStatus.DRAFT, organisers=[ki]
    )
    make_session(draft, "Secret draft talk", speakers=[asa])
    registrations = [
        make_registration(symposium, "Jörg Müller", email="jorg.private@example.org"),
        make_registration(symposium, "Kim Lee", email="kim.private@example.org"),
    ]
    post = make_post("After the symposium", slug="after", event=symposium, author=asa)
    make_post("Efter symposiet", slug="efter", language="sv", translation_of=post)
    make_post("Draft story", slug="draft-story", status=PostStatus.DRAFT)
    make_post("Tomorrow's story", slug="tomorrow", publish_at=utcnow() + timedelta(days=1))
    user = make_user("organiser.private@example.org", organisations=[ki])
    db.session.commit()
    return dict(
        ki=ki,
        unit=unit,
        kth=kth,
        series=series,
        venue=venue,
        asa=asa,
        bo=bo,
        symposium=symposium,
        keynote=keynote,
        panel=panel,
        coffee=coffee,
        past=past,
        draft=draft,
        registrations=registrations,
        post=post,
        user=user,
    )
