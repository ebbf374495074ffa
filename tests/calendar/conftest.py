"""Calendar test helpers: third-party parsers (icalendar, Mozilla's ical.js) and rich content."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from eventapp.calendar.http import etags
from eventapp.core.types import SessionKind, SpeakerRole
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_series,
    make_session,
    make_venue,
    stockholm,
)
from tests.helpers.tools import need

ROOT = Path(__file__).resolve().parents[2]
DUMP_SCRIPT = Path(__file__).with_name("icaljs_dump.cjs")
NODE = shutil.which("node")

needs_node = pytest.mark.needs("node", "ical.js")  # skipped without them, failed under CI

TRICKY = 'Kaffe, fika; "citat" \\ back\\slash\nny rad: Åsa Öberg & Ärlig 🎉 ☕'


def icaljs(body: bytes | list[bytes]) -> dict | list[dict]:
    """What Mozilla's ical.js reads from ``body`` (see icaljs_dump.cjs); a list of bodies is
    read in one node run."""
    need("node", "ical.js")
    if isinstance(body, list):
        body = json.dumps([item.decode() for item in body]).encode()
    result = subprocess.run(
        [NODE, str(DUMP_SCRIPT)], input=body, capture_output=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def parse(body: bytes) -> icalendar.Calendar:
    """What the icalendar library reads from ``body``."""
    return icalendar.Calendar.from_ical(body)


@pytest.fixture(autouse=True)
def forget_etags():
    """Each test starts without remembered ETags (a fresh process, as after a restart)."""
    etags.clear()
    yield
    etags.clear()


@pytest.fixture
def symposium(db):
    """The ATMP mini-symposium: a venue with coordinates, organisers, speakers, sessions."""
    ki = make_organisation("Karolinska Institutet", short_name="KI")
    ccrm = make_organisation("CCRM Nordic", short_name="")
    ltu = make_organisation("Luleå University of Technology", short_name="LTU")
    series = make_series("ATMP mini-symposia", organisations=[ki])
    venue = make_venue(
        "Karolinska Institutet, Campus Flemingsberg",
        rooms=("Hörsalen Erna Möller",),
        address="Alfred Nobels allé 8",
        city="Huddinge",
        latitude=59.2195,
        longitude=17.9383,
    )
    contact = make_person("Carin Dahlberg", email="carin.dahlberg@example.org")
    event = make_event(
        "ATMP mini-symposium",
        starts_at=stockholm(2027, 1, 22, 12, 0),
        ends_at=stockholm(2027, 1, 22, 17, 0),
        organisers=[ki, ccrm],
        venue=venue,
        series=series,
        contact_person=contact,
        summary="Half a day on advanced therapy medicinal products.",
    )
    keynote_speaker = make_person("Malin Lindberg", title="Prof.", affiliation=ltu)
    panellist = make_person("Evren Alici", affiliation_text="NextGenNK")
    keynote = make_session(
        event,
        "Keynote: innovation through collaboration",
        starts_at=stockholm(2027, 1, 22, 12, 15),
        minutes=45,
        kind=SessionKind.KEYNOTE,
        speakers=[keynote_speaker],
        room=venue.rooms[0],
        abstract="Why places like Flemingsberg matter.",
        track="Plenary",
    )
    panel = make_session(
        event,
        "Panel",
        starts_at=stockholm(2027, 1, 22, 13, 15),
        kind=SessionKind.PANEL,
        speakers=[panellist, keynote_speaker],
        speaker_role=SpeakerRole.PANELLIST,
    )
    db.session.commit()
    return event, keynote, panel
