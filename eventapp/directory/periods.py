"""Periods of validity: "2025–2027", "since 2023, until further notice", expiring soon."""

from __future__ import annotations

import calendar
from datetime import date

from flask_babel import gettext as _

from eventapp.core.timefmt import local_date
from eventapp.core.types import CollaborationStatus
from eventapp.directory.models import Collaboration

#: An agreement whose end date falls within this many months is listed as expiring.
EXPIRY_WARNING_MONTHS = 6


def months_later(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on (31 August + 6 → 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_horizon(today: date) -> date:
    """The last end date that still counts as "expiring within 6 months" on ``today``."""
    return months_later(today, EXPIRY_WARNING_MONTHS)


def is_expiring(collaboration: Collaboration, today: date) -> bool:
    """True for an active collaboration whose end date lies between today and the horizon."""
    until = collaboration.valid_until
    return (
        collaboration.status == CollaborationStatus.ACTIVE
        and until is not None
        and today <= until <= expiry_horizon(today)
    )


def is_lapsed(collaboration: Collaboration, today: date) -> bool:
    """True for a collaboration still marked active although its end date has passed."""
    until = collaboration.valid_until
    return (
        collaboration.status == CollaborationStatus.ACTIVE and until is not None and until < today
    )


def _whole_years(start: date | None, end: date | None) -> bool:
    """True when the period is written in whole years (1 January … 31 December)."""
    return (start is None or (start.month, start.day) == (1, 1)) and (
        end is None or (end.month, end.day) == (12, 31)
    )


def validity_text(start: date | None, end: date | None) -> str:
    """The period as people write it: "2025–2027", "since 2023, until further notice"."""
    if start is None and end is None:
        return _("until further notice")
    years = _whole_years(start, end)

    def show(day: date) -> str:
        return str(day.year) if years else local_date(day)

    if start is not None and end is not None:
        if years and start.year == end.year:
            return show(start)
        return f"{show(start)}–{show(end)}"
    if start is not None:
        return _("since %(start)s, until further notice", start=show(start))
    assert end is not None
    return _("until %(end)s", end=show(end))
