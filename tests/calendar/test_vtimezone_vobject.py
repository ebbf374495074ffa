"""vobject (and so the Python tools built on it: radicale, khal, caldav clients) reads our
VTIMEZONEs right in the years after 2038 too, in the zones where it once got them wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
import vobject.icalendar

from eventapp.calendar.vtimezone import build_vtimezone

ZONES = ("Europe/London", "Antarctica/Troll", "Europe/Lisbon", "Europe/Stockholm",
         "America/New_York", "Australia/Sydney")  # fmt: skip


def read_by_vobject(tzid: str, first_year: int, last_year: int, local: datetime) -> datetime:
    """The UTC instant vobject gives a local time with TZID in our VTIMEZONE for the years."""
    vobject.icalendar.__dict__["__tzidMap"].clear()  # vobject keeps the first zone of a TZID
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + build_vtimezone(tzid, first_year, last_year).decode()
        + "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
        + f"DTSTART;TZID={tzid}:{local:%Y%m%dT%H%M%S}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return vobject.readOne(ics).vevent.dtstart.value.astimezone(UTC)


@pytest.mark.parametrize("tzid", ZONES)
def test_vobject_reads_a_feed_of_later_years_right(tzid):
    wrong = []
    for year in (2026, 2037, 2038, 2039, 2040, 2050):
        for month in (1, 4, 7, 10, 12):
            local = datetime(year, month, 15, 12, 0)
            expected = local.replace(tzinfo=ZoneInfo(tzid)).astimezone(UTC)
            # A feed of that year's events only: its VTIMEZONE covers just that year.
            if read_by_vobject(tzid, year, year, local) != expected:
                wrong.append(local)
    assert wrong == []
