"""Dates and times shown in the event's own zone and formatted for the reader's language."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.dates import (
    format_date,
    format_datetime,
    format_interval,
    format_time,
)
from flask_babel import get_locale


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name (cached: the same few zones are used on every page)."""
    return ZoneInfo(name)


def is_valid_timezone(name: str) -> bool:
    """True for an IANA zone name this machine knows."""
    if not name or name not in _zone_names():
        return False
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def to_zone(value: datetime, tz: str) -> datetime:
    """``value`` (aware) expressed in zone ``tz``."""
    return value.astimezone(zone(tz))


def _locale() -> str:
    locale = get_locale()
    return str(locale) if locale is not None else "en"


def local_time(value: datetime, tz: str) -> str:
    """ "09:00" in the event's zone, in the reader's format."""
    return clock_time(to_zone(value, tz), _locale())


def clock_time(local: datetime, locale: str) -> str:
    """ "09:00" of a time already in its zone, in ``locale``'s format (a timetable's rows look
    the locale up once, not once per time)."""
    return _hour_minute(local.hour, local.minute, locale)


@lru_cache(maxsize=4096)
def _hour_minute(hour: int, minute: int, locale: str) -> str:
    # Babel is slow per call (a timetable formats hundreds); the result depends on these alone.
    return format_time(time(hour, minute), "HH:mm", locale=locale)


def local_date(value: datetime | date, tz: str | None = None, fmt: str = "long") -> str:
    """ "22 January 2025" / "22 januari 2025" (``fmt`` is a Babel width or pattern)."""
    if isinstance(value, datetime):
        value = to_zone(value, tz) if tz else value
        value = value.date()
    return _date(value, fmt, _locale())


def local_weekday_date(value: datetime, tz: str) -> str:
    """ "Wednesday 22 January 2025", for timetable day headings."""
    return _date(to_zone(value, tz).date(), "full", _locale())


@lru_cache(maxsize=4096)
def _date(value: date, fmt: str, locale: str) -> str:
    # As ``_hour_minute``: Babel's format_date per row (an organiser's 200-session timetable
    # asks for its day on every row) cost more than the rest of the row.
    return format_date(value, fmt, locale=locale)


def local_datetime(value: datetime, tz: str, fmt: str = "minutes") -> str:
    """A date and time in the event's zone; by default to the minute ("2 Jan 2027, 23:59")."""
    local = to_zone(value, tz)
    if fmt == "minutes":
        locale = Locale.parse(_locale())
        pattern = str(locale.datetime_formats["medium"])  # "{1}, {0}" (en), "{1} {0}" (sv)
        day = format_date(local.date(), "medium", locale=locale)
        time = format_time(local, "HH:mm", locale=locale)
        return pattern.replace("{1}", day).replace("{0}", time)
    return format_datetime(local, fmt, tzinfo=zone(tz), locale=_locale())


def date_range(start: datetime, end: datetime, tz: str) -> str:
    """The dates of an event: one day, or a range such as "22–23 January 2025"."""
    start_local, end_local = to_zone(start, tz), to_zone(end, tz)
    locale = _locale()
    return _date_range(start_local.date(), end_local.date(), locale)


@lru_cache(maxsize=4096)
def _date_range(start: date, end: date, locale: str) -> str:
    # Babel's format_interval costs about a millisecond; an events list calls it per event.
    if start == end:
        return format_date(start, "long", locale=locale)
    return format_interval(start, end, "yMMMMd", locale=locale)


def time_range(start: datetime, end: datetime, tz: str) -> str:
    """ "09:00–12:30" in the event's zone."""
    return f"{local_time(start, tz)}–{local_time(end, tz)}"


def zone_abbreviation(value: datetime, tz: str) -> str:
    """ "CET" / "CEST": tells the reader which offset the times are in."""
    return to_zone(value, tz).tzname() or tz


def when(start: datetime, end: datetime, tz: str) -> str:
    """Day and hours of an event, with its zone: "Thursday 12 March 2026, 09:00–17:00 CET",
    or "12 March 2026, 09:00 – 13 March 2026, 16:00 CET" over several days (e-mails)."""
    label = zone_abbreviation(start, tz)
    if to_zone(start, tz).date() == to_zone(end, tz).date():
        return f"{local_weekday_date(start, tz)}, {time_range(start, end, tz)} {label}"
    return f"{local_datetime(start, tz)} – {local_datetime(end, tz)} {label}"
