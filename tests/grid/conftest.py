"""Fixtures of the grid tests: KI's two-day event at a venue with two rooms, and a speaker."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eventapp.directory.models import Person
from eventapp.events.models import Event, Room
from tests.builders import make_event, make_person, make_venue, stockholm
from tests.manage.conftest import ki, ki_client, kth  # noqa: F401 (the tests' own)


@dataclass
class Setting:
    event: Event
    aula: Room
    small: Room
    anna: Person


@pytest.fixture
def setting(db, ki) -> Setting:  # noqa: F811 (the fixture above)
    venue = make_venue("Campus Flemingsberg", rooms=("Aula", "Room 4U"))
    event = make_event(
        "Innovation Days",
        slug="innovation-days",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        ends_at=stockholm(2026, 9, 2, 17, 0),
        venue=venue,
        organisers=[ki.organisation],
    )
    anna = make_person("Anna Svensson")
    db.session.commit()
    aula, small = sorted(venue.rooms, key=lambda r: r.name)
    return Setting(event, aula, small, anna)
