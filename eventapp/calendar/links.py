"""Add-to-calendar links for templates: .ics, Google Calendar, Outlook, webcal subscriptions.

Only attributes already loaded are read (the instance's dictionary), so a timetable row's
buttons never send a query, whatever the page loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import current_app, url_for
from sqlalchemy import inspect

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_LIVE = "https://outlook.live.com/calendar/0/action/compose"
OUTLOOK_OFFICE = "https://outlook.office.com/calendar/0/action/compose"
DETAILS_LIMIT = 900  # keep the links well under URL length limits


@dataclass(frozen=True)
class CalendarLinks:
    """Every way to put one item (or a feed) into a calendar."""

    ics: str
    download: str
    google: str
    outlook: str
    office365: str
    webcal: str
    https: str


def _absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def webcal_url(https_url: str) -> str:
    """The ``webcal://`` form of a feed URL (calendar apps open it as a subscription)."""
    return "webcal://" + https_url.split("://", 1)[1]


def _loaded(obj: object, name: str) -> object | None:
    """``obj.name`` if already loaded, else None (never triggers a lazy load)."""
    if obj is None:
        return None
    # A loaded attribute is in the instance's dictionary (None included); reading it builds no
    # set of every unloaded attribute per row, as ``inspect(obj).unloaded`` would.
    return inspect(obj).dict.get(name)


def _google_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _outlook_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _web_links(
    title: str, starts_at: datetime, ends_at: datetime, details: str, location: str
) -> tuple[str, str, str]:
    details = details[:DETAILS_LIMIT]
    google = (
        GOOGLE
        + "?"
        + urlencode(
            {
                "action": "TEMPLATE",
                "text": title,
                "dates": f"{_google_time(starts_at)}/{_google_time(ends_at)}",
                "details": details,
                "location": location,
            }
        )
    )
    outlook_query = urlencode(
        {
            "rru": "addevent",
            "subject": title,
            "startdt": _outlook_time(starts_at),
            "enddt": _outlook_time(ends_at),
            "body": details,
            "location": location,
            "path": "/calendar/action/compose",
        }
    )
    return google, f"{OUTLOOK_LIVE}?{outlook_query}", f"{OUTLOOK_OFFICE}?{outlook_query}"


def _venue_text(venue, room_name: str = "") -> str:
    parts = [room_name]
    if venue is not None:
        parts += [venue.name, venue.address, venue.city]
    return ", ".join(p for p in parts if p)


def event_calendar_links(event) -> CalendarLinks:
    """Links for an event: its feed (.ics, webcal, https) and web calendars' add forms."""
    path = url_for("calendar.event_feed", slug=event.slug)
    page = _absolute(url_for("events.event", slug=event.slug))
    details = "\n\n".join(p for p in (event.summary, page) if p)
    google, outlook, office = _web_links(
        event.title, event.starts_at, event.ends_at, details, _venue_text(event.venue)
    )
    https = _absolute(path)
    return CalendarLinks(
        path, f"{path}?download=1", google, outlook, office, webcal_url(https), https
    )


def event_venue_text(event) -> str:
    """The event's venue as one line ("name, address, city"), as the web calendars show it."""
    return _venue_text(_loaded(event, "venue"))


def feed_links(endpoint: str, **values: object) -> dict[str, str]:
    """The ``https://`` and ``webcal://`` URLs (and a download link) of a feed endpoint."""
    path = url_for(endpoint, **values)
    https = _absolute(path)
    return {
        "path": path,
        "download": f"{path}?download=1",
        "https": https,
        "webcal": webcal_url(https),
    }
