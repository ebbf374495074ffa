"""The figures of an event's dashboard: four grouped queries, whatever the number of
registrations (each counted in the database but the dates, read as one column)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.badges.checkin_services import checkin_counts
from eventapp.core.db import utcnow
from eventapp.core.timefmt import local_date, to_zone
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES
from eventapp.directory.models import Organisation
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.labels import CATEGORY_LABELS
from eventapp.registration.models import Registration

#: The organisations named one by one; the rest are summed up as "other organisations".
TOP_ORGANISATIONS = 8
#: A door opens this long before the event: the check-in counter is live from then.
LIVE_BEFORE = timedelta(hours=2)
#: Longest stretch of days drawn (a registration open for years is drawn from its last year).
MAX_DAYS = 366


@dataclass
class Dashboard:
    over_time: list[tuple[str, float]]
    by_category: list[tuple[str, float]]
    by_organisation: list[tuple[str, float]]
    capacity: int | None
    confirmed: int
    checked_in: int
    live: bool

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


def _active(event: Event):
    return (
        Registration.event_id == event.id,
        Registration.status.in_(list(ACTIVE_REGISTRATION_STATUSES)),
    )


def registrations_over_time(event: Event, today: date) -> list[tuple[str, float]]:
    """Registrations received by the end of each day (the event's zone), from the first one."""
    stamps = db.session.execute(
        select(Registration.created_at).where(Registration.event_id == event.id)
    ).scalars()
    per_day: dict[date, int] = {}
    for stamp in stamps:
        day = to_zone(stamp, event.timezone).date()
        per_day[day] = per_day.get(day, 0) + 1
    if not per_day:
        return []
    first, last = min(per_day), max(max(per_day), min(today, _last_day(event)))
    first = max(first, last - timedelta(days=MAX_DAYS - 1))
    total = sum(n for day, n in per_day.items() if day < first)
    series = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        total += per_day.get(day, 0)
        series.append((local_date(day, None, "medium"), float(total)))
    return series


def _last_day(event: Event) -> date:
    return to_zone(event.ends_at, event.timezone).date()


def by_category(event: Event) -> list[tuple[str, float]]:
    """Active registrations by category, most first."""
    rows = db.session.execute(
        select(Registration.category, func.count())
        .where(*_active(event))
        .group_by(Registration.category)
    ).all()
    return sorted(
        ((str(CATEGORY_LABELS.get(category, category)), float(n)) for category, n in rows),
        key=lambda row: (-row[1], row[0]),
    )


def by_organisation(event: Event) -> list[tuple[str, float]]:
    """Active registrations by organisation (the directory's name, else the affiliation typed),
    the largest ``TOP_ORGANISATIONS`` by name and the rest together."""
    name = func.coalesce(Organisation.name, Registration.affiliation)
    rows = db.session.execute(
        select(name, func.count())
        .select_from(Registration)
        .outerjoin(Organisation, Registration.organisation_id == Organisation.id)
        .where(*_active(event))
        .group_by(name)
    ).all()
    named = sorted(
        ((label or _("No organisation given"), float(n)) for label, n in rows),
        key=lambda row: (-row[1], row[0].casefold()),
    )
    top, rest = named[:TOP_ORGANISATIONS], named[TOP_ORGANISATIONS:]
    if rest:
        top.append((_("%(num)d other organisations", num=len(rest)), sum(n for _l, n in rest)))
    return top


def is_live(event: Event, now: datetime) -> bool:
    """The door is open: from shortly before the start to the end."""
    return event.starts_at - LIVE_BEFORE <= now <= event.ends_at


def event_dashboard(user: User, event: Event, now: datetime | None = None) -> Dashboard:
    """Everything the dashboard shows of ``event``."""
    require_event_manager(user, event)
    now = now or utcnow()
    counts = checkin_counts(event)
    return Dashboard(
        over_time=registrations_over_time(event, to_zone(now, event.timezone).date()),
        by_category=by_category(event),
        by_organisation=by_organisation(event),
        capacity=event.capacity,
        confirmed=counts["confirmed"],
        checked_in=counts["checked_in"],
        live=is_live(event, now),
    )
