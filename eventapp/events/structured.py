"""schema.org ``Event`` JSON-LD and Open Graph data for an event page (pure, no queries)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from eventapp.core.timefmt import to_zone
from eventapp.core.translation import translated
from eventapp.core.types import EventStatus
from eventapp.events.models import Event
from eventapp.events.timetable_rows import TimetableRow

SCHEMA = "https://schema.org/"
#: Programmes up to this size are listed as ``subEvent``s. A larger one would be a fifth of the
#: page (200 sessions: 50 kB) that no visitor reads and search engines do not show; its sessions
#: are in the page itself and, for machines, in schedule.json / schedule.xml and the feed.
SUB_EVENTS_LISTED = 50
OG_LOCALES = {"en": "en_GB", "sv": "sv_SE"}


def local_iso(value: Any, tz: str) -> str:
    """ISO 8601 in the event's zone, with its UTC offset: ``2026-06-10T09:00:00+02:00``."""
    return to_zone(value, tz).isoformat()


def _place(event: Event) -> dict[str, Any] | None:
    venue = event.venue
    if venue is None:
        return None
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city:
        address["addressLocality"] = venue.city
    place: dict[str, Any] = {
        "@type": "Place",
        "name": translated(venue, "name"),
        "address": address,
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    return place


def _sub_event(row: TimetableRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "name": row.title,
        "startDate": row.start_iso,
        "endDate": row.end_iso,
        "eventStatus": SCHEMA + ("EventCancelled" if row.is_cancelled else "EventScheduled"),
    }
    if row.speakers:
        data["performer"] = [{"@type": "Person", "name": line.name} for line in row.speakers]
    return data


def event_json_ld(
    event: Event,
    url_of: Callable[[str, str], str],
    places_left: int | None = None,
    rows: Sequence[TimetableRow] = (),
) -> dict[str, Any]:
    """The schema.org description of ``event`` and its timetable ``rows`` (``timetable_rows``);
    ``url_of(kind, slug)`` gives absolute URLs."""
    tz = event.timezone
    cancelled = event.status == EventStatus.CANCELLED
    title = translated(event, "title")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": title,
        "url": url_of("event", event.slug),
        "startDate": local_iso(event.starts_at, tz),
        "endDate": local_iso(event.ends_at, tz),
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "inLanguage": title.lang,
    }
    if about := translated(event, "summary") or translated(event, "description"):
        data["description"] = about
    place = _place(event)
    if place is not None:
        data["location"] = place
    organizers = [
        {
            "@type": "Organization",
            "name": link.organisation.name,
            "url": url_of("organisation", link.organisation.slug),
        }
        for link in event.organisers
    ]
    if organizers:
        data["organizer"] = organizers
    if event.series is not None:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": translated(event.series, "name"),
            "url": url_of("series", event.series.slug),
        }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        if places_left is not None:
            data["remainingAttendeeCapacity"] = places_left
    if rows and len(rows) <= SUB_EVENTS_LISTED:
        data["subEvent"] = [_sub_event(row) for row in rows]
    return data


def og_locale(language: str) -> str:
    """The Open Graph locale for a UI language ("sv" → "sv_SE")."""
    return OG_LOCALES.get(language, "en_GB")
