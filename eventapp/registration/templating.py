"""Template globals for the includes other pages embed (a fixed number of queries each)."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import url_for
from sqlalchemy import func, select

from eventapp.core.types import EventStatus
from eventapp.events.labels import label_of
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.availability import places_left
from eventapp.registration.blueprint import bp
from eventapp.registration.capacity import waitlist_position
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS
from eventapp.registration.models import Registration
from eventapp.registration.services import registration_closed_reason


@bp.app_template_global()
def registration_box(event: Event) -> dict[str, Any]:
    """What the public event page shows: places left, waiting list, open or why not (1 query)."""
    left = places_left(event)
    reason = registration_closed_reason(event)
    full = left == 0
    return {
        "open": reason is None and not (full and not event.waitlist_enabled),
        "reason": reason,
        "places_left": left,
        "capacity": event.capacity,
        "full": full,
        "waitlist_open": reason is None and full and event.waitlist_enabled,
        "cancelled": event.status == EventStatus.CANCELLED,
        "url": url_for("registration.register", slug=event.slug),
    }


@bp.app_template_global()
def registration_counts(event: Event) -> dict[str, int]:
    """Registrations of an event per status, for the organiser's panel (1 query)."""
    rows = db.session.execute(
        select(Registration.status, func.count())
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    counts = {status.value: n for status, n in rows}
    counts["total"] = sum(counts.values())
    return counts


bp.add_app_template_global(waitlist_position, "waitlist_position")


#: ``{{ registration.status|registration_status_label }}`` → "Confirmed", "Waiting list" …
bp.add_app_template_filter(partial(label_of, STATUS_LABELS), "registration_status_label")

#: ``{{ "speaker"|registration_category_label }}`` → "Speaker"
bp.add_app_template_filter(partial(label_of, CATEGORY_LABELS), "registration_category_label")
