"""Times: ical.js, reading OUR VTIMEZONEs, must land on the same UTC instants as zoneinfo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from eventapp.calendar.vtimezone import build_vtimezone
from tests.builders import make_event, make_series
from tests.calendar.conftest import icaljs, needs_node, parse

ZONES = ("Europe/Stockholm", "America/New_York", "Australia/Sydney")
YEARS = range(2026, 2041)


def switches(zone: ZoneInfo, year: int) -> list[datetime]:
    """The UTC instants (to the hour) at which ``zone`` changes offset in ``year``."""
    found = []
    here = datetime(year, 1, 1, tzinfo=UTC)
    while here.year == year:
        if (
            here.astimezone(zone).utcoffset()
            != (here + timedelta(hours=1)).astimezone(zone).utcoffset()
        ):
            found.append(here + timedelta(hours=1))
        here += timedelta(hours=1)
    return found


def tricky_times(tzid: str, year: int) -> list[tuple[datetime, datetime]]:
    """Winter, summer, across each switch, and inside the repeated hour after the autumn one."""
    zone = ZoneInfo(tzid)
    local = lambda *a: datetime(year, *a, tzinfo=zone)  # noqa: E731
    times = [
        (local(1, 15, 10, 0), local(1, 15, 12, 0)),
        (local(7, 15, 10, 0), local(7, 15, 12, 0)),
    ]
    for switch in switches(zone, year):
        times.append((switch - timedelta(hours=5), switch + timedelta(hours=6)))
        times.append((switch - timedelta(minutes=30), switch + timedelta(minutes=30)))
        times.append((switch + timedelta(minutes=15), switch + timedelta(minutes=45)))
    return times


@pytest.mark.parametrize("tzid", ZONES)
def test_vtimezone_uses_yearly_rules_never_rdate_lists(tzid):
    text = build_vtimezone(tzid, 2026, 2040).decode()
    assert "RDATE" not in text
    assert text.count("RRULE:FREQ=YEARLY;") == 2
    assert text.count("BEGIN:STANDARD") == text.count("BEGIN:DAYLIGHT") == 1


def test_zone_without_daylight_saving_gets_one_standard_observance():
    text = build_vtimezone("Asia/Tokyo", 2026, 2040).decode()
    assert text.count("BEGIN:STANDARD") == 1
    assert "DAYLIGHT" not in text and "RRULE" not in text
    assert "TZOFFSETTO:+0900" in text


@needs_node
@pytest.mark.parametrize("tzid", ZONES)
def test_ical_js_computes_the_same_utc_instants_as_zoneinfo_2026_to_2040(client, db, tzid):
    series = make_series(f"Series in {tzid}")
    expected = {}
    for year in YEARS:
        for starts_at, ends_at in tricky_times(tzid, year):
            event = make_event(starts_at=starts_at, ends_at=ends_at, timezone=tzid, series=series)
            expected[f"event-{event.id}@eventapp.test"] = (starts_at, ends_at)
    db.session.commit()
    body = client.get(f"/series/{series.slug}/calendar.ics").data
    seen = icaljs(body)
    assert list(seen["zones"]) == [tzid]
    assert len(seen["events"]) == len(expected) > 15 * 6
    iso = lambda value: value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    mismatches = [
        (item["uid"], item["start_utc"], iso(expected[item["uid"]][0]))
        for item in seen["events"]
        if (item["start_utc"], item["end_utc"])
        != (iso(expected[item["uid"]][0]), iso(expected[item["uid"]][1]))
    ]
    assert mismatches == []
    for item in seen["events"]:
        assert item["zone_known"]
    # And icalendar agrees (it resolves the TZID through its own zone database).
    for component in parse(body).walk("VEVENT"):
        starts_at, ends_at = expected[str(component["UID"])]
        assert component["DTSTART"].dt == starts_at
        assert component["DTEND"].dt == ends_at


def test_every_tzid_in_a_feed_resolves_to_a_vtimezone(client, db):
    for tzid in ZONES:
        make_event(starts_at=datetime(2027, 3, 1, 9, tzinfo=ZoneInfo(tzid)), timezone=tzid)
    db.session.commit()
    calendar = parse(client.get("/calendar.ics").data)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = set()
    for component in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            tzid = component[name].params.get("TZID")
            assert tzid is not None or component[name].dt.tzinfo == UTC  # never floating
            used.add(tzid)
    assert used - {None} == defined == set(ZONES)
