"""VTIMEZONE components built from ``zoneinfo`` with yearly RRULE rules.

icalendar's own ``Timezone.from_tzinfo`` lists every switch as one comma-separated RDATE, of
which Mozilla's ical.js (Thunderbird) and vobject read only the first value and which Outlook
ignores: events end up an hour off. Here the zone's real transitions are found, grouped into
yearly rules (``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``) and written as STANDARD/DAYLIGHT
observances, the shape every client understands. A zone without DST gets one STANDARD.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The rules start no later than this year, whatever the feed's years: vobject (through
# dateutil's tzical) reads London, Lisbon and Troll an hour off from 2038 on when the yearly
# rules start in 2024, and right when they start in 2019 or earlier (tests/calendar/
# test_vtimezone_vobject.py). It costs a rule or two for zones that changed since.
RULES_START_BY = 2020


@dataclass(frozen=True)
class Transition:
    """One change of offset: the UTC instant, and the offsets and name around it."""

    at: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_dst: bool

    @property
    def local_start(self) -> datetime:
        """Wall-clock time of the switch in the old offset (how RFC 5545 writes DTSTART)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    def ordinals(self) -> frozenset[int]:
        """The BYDAY ordinals describing the day: nth weekday of the month, or nth from its end."""
        day = self.local_start
        last = calendar.monthrange(day.year, day.month)[1]
        return frozenset({(day.day - 1) // 7 + 1, -((last - day.day) // 7 + 1)})

    def rule_key(self) -> tuple[object, ...]:
        local = self.local_start
        return (
            self.is_dst,
            self.offset_from,
            self.offset_to,
            self.name,
            local.month,
            local.weekday(),
            local.time(),
        )


@dataclass
class Rule:
    """Transitions in consecutive years that one yearly RRULE describes."""

    members: list[Transition]
    ordinals: frozenset[int] = field(default_factory=frozenset)

    def accepts(self, item: Transition) -> bool:
        last = self.members[-1]
        return (
            item.rule_key() == last.rule_key()
            and item.local_start.year == last.local_start.year + 1
            and bool(self.ordinals & item.ordinals())
        )


def _state(zone: ZoneInfo, at: datetime) -> tuple[timedelta, timedelta, str]:
    local = at.astimezone(zone)
    return (local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or "")


def find_transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every offset change between 1 January ``first_year`` and the end of ``last_year`` (UTC)."""
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    transitions: list[Transition] = []
    step = timedelta(days=1)
    here, state = start, _state(zone, start)
    while here < end:
        there = here + step
        new_state = _state(zone, there)
        if new_state != state:
            low, high = here, there  # bisect to the second: offset(low) = old, offset(high) = new
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            at = high.replace(microsecond=0)
            transitions.append(
                Transition(at, state[0], new_state[0], new_state[2], new_state[1] != timedelta(0))
            )
        here, state = there, new_state
    return transitions


def group_rules(transitions: list[Transition]) -> list[Rule]:
    """Group transitions into yearly rules, in order of their first occurrence."""
    open_rules: dict[tuple[object, ...], Rule] = {}
    rules: list[Rule] = []
    for item in transitions:
        key = item.rule_key()
        rule = open_rules.get(key)
        if rule is not None and rule.accepts(item):
            rule.members.append(item)
            rule.ordinals = rule.ordinals & item.ordinals()
            continue
        rule = Rule([item], item.ordinals())
        open_rules[key] = rule
        rules.append(rule)
    return rules


def _observance(rule: Rule, last_year: int) -> TimezoneStandard | TimezoneDaylight:
    first, last = rule.members[0], rule.members[-1]
    component = TimezoneDaylight() if first.is_dst else TimezoneStandard()
    component.add("TZNAME", first.name)
    component.add("TZOFFSETFROM", first.offset_from)
    component.add("TZOFFSETTO", first.offset_to)
    component.add("DTSTART", first.local_start)
    if len(rule.members) > 1:
        local = first.local_start
        ordinal = max(rule.ordinals) if min(rule.ordinals) > 0 else min(rule.ordinals)
        recur: dict[str, object] = {
            "FREQ": "YEARLY",
            "BYMONTH": local.month,
            "BYDAY": f"{ordinal}{WEEKDAYS[local.weekday()]}",
        }
        if last.local_start.year < last_year:
            recur["UNTIL"] = last.at  # RFC 5545: UNTIL in UTC when DTSTART has a zone
        component.add("RRULE", vRecur(recur))
    return component


@lru_cache(maxsize=256)
def build_vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``tzid`` valid from ``first_year`` to ``last_year`` (and on, for
    a zone whose rules still hold then), serialised: a pure function of tzdata, built once per
    process and zone and years, and put into every feed and e-mail as these bytes."""
    zone = ZoneInfo(tzid)
    # Events early in the first year come after the previous year's switch.
    first_year = min(first_year, RULES_START_BY) - 1
    transitions = find_transitions(zone, first_year, last_year)
    component = Timezone()
    component.add("TZID", tzid)
    if not transitions or transitions[0].at.year > first_year:
        offset, dst, name = _state(zone, datetime(first_year, 1, 1, tzinfo=UTC))
        lead = TimezoneDaylight() if dst else TimezoneStandard()
        lead.add("TZNAME", name)
        lead.add("TZOFFSETFROM", offset)
        lead.add("TZOFFSETTO", offset)
        lead.add("DTSTART", datetime(first_year, 1, 1))
        component.add_component(lead)
    for rule in group_rules(transitions):
        component.add_component(_observance(rule, last_year))
    return component.to_ical()
