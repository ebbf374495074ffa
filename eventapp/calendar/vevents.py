"""The VEVENTs of events and sessions, from their records (``items.py``), line by line.

What all the VEVENTs of one event repeat (its zone, organiser, position, links, the texts
around a session's own) is written and escaped once per event (``EventLines``): a timetable
of 200 sessions repeats it 200 times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import cached_property
from typing import NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from eventapp.calendar.items import EventItem, SessionItem
from eventapp.calendar.lines import ContentLines, content_line, escape_text, utc_stamp
from eventapp.core.timefmt import zone
from eventapp.core.types import EventStatus, SessionKind, SessionStatus

SESSION_KIND_LABELS = {kind: kind.value.replace("_", " ").capitalize() for kind in SessionKind}
KIND_CATEGORIES = {
    kind: f"CATEGORIES:{escape_text(label)}" for kind, label in SESSION_KIND_LABELS.items()
}


@dataclass(frozen=True)
class Site:
    """What the generator needs to know about the site: public base URL and a fallback
    organiser address."""

    base_url: str
    organizer_email: str
    organizer_name: str = "eventapp"
    default_timezone: str = "Europe/Stockholm"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or "localhost"

    @classmethod
    def from_config(cls) -> Site:
        """The site as configured in the current application (parsed once per configuration:
        parsing the sender's address cost more than writing a short agenda's VEVENTs)."""
        config = current_app.config
        base, sender = config["BASE_URL"], config.get("MAIL_FROM") or ""
        key = (base, sender, config.get("DEFAULT_TIMEZONE") or "Europe/Stockholm")
        cached = current_app.extensions.get("calendar_site")
        if cached is not None and cached[0] == key:
            return cached[1]
        name, address = parseaddr(sender)
        site = cls(
            base_url=base,
            organizer_email=address or f"noreply@{urlsplit(base).hostname}",
            organizer_name=name or "eventapp",
            default_timezone=key[2],
        )
        current_app.extensions["calendar_site"] = (key, site)
        return site


def event_uid(event: EventItem, site: Site) -> str:
    """``event-<id>@<host>`` with the host the event was made under (kept in the row), so a
    move of the site to another domain duplicates nothing in subscribers' calendars."""
    return f"event-{event.id}@{event.uid_host or site.host}"


def session_uid(session: SessionItem, site: Site) -> str:
    return f"session-{session.id}@{session.uid_host or site.host}"


def event_url(event: EventItem, site: Site) -> str:
    return f"{site.base_url}/events/{event.slug}/"


def _joined(parts: Iterable[str]) -> str:
    return ", ".join(part.strip() for part in parts if part and part.strip())


class EventLines(NamedTuple):
    """What every VEVENT of one event repeats, written once per feed."""

    tz: ZoneInfo
    uid: str
    url: str
    organizer: str  # the ORGANIZER line
    geo: str | None  # the GEO line
    venue: str  # "name, address, city": after the room in a session's LOCATION, escaped
    related: str  # a session's RELATED-TO line
    back_link: str  # "Title: URL", the end of a session's DESCRIPTION, escaped

    @classmethod
    def of(cls, event: EventItem, site: Site) -> EventLines:
        contact = event.contact
        email = contact[0] if contact is not None and contact[0] else site.organizer_email
        if event.organisers:
            name = event.organisers[0][0]
        else:
            name = contact[1] if contact is not None else site.organizer_name
        venue = event.venue
        geo = None
        if venue is not None and venue.latitude is not None and venue.longitude is not None:
            geo = f"GEO:{float(venue.latitude)};{float(venue.longitude)}"
        return cls(
            tz=zone(event.timezone),
            uid=event_uid(event, site),
            url=event_url(event, site),
            organizer=content_line("ORGANIZER", f"mailto:{email}", CN=" ".join(name.split())),
            geo=geo,
            venue=escape_text(_joined((venue.name, venue.address, venue.city)) if venue else ""),
            related=f"RELATED-TO:{escape_text(event_uid(event, site))}",
            back_link=escape_text(f"{event.title}: {event_url(event, site)}"),
        )


def _common(
    lines: ContentLines,
    shared: EventLines,
    item: EventItem | SessionItem,
    withdrawn_at: datetime | None = None,
) -> None:
    """Times, stamps, sequence, organiser and position shared by events and sessions.

    Times carry the event's TZID, except inside the hour that happens twice after the autumn
    switch: RFC 5545 reads such a local time as the first pass, ical.js as the second, so
    those are written in UTC, which every client reads alike."""
    # A withdrawn copy (the person cancelled) is newer than any the person imported: one
    # SEQUENCE above the item's, stamped when they cancelled.
    stamp = utc_stamp(withdrawn_at or item.updated_at)
    lines.raw("DTSTAMP", stamp)
    lines.utc("CREATED", item.created_at)
    lines.raw("LAST-MODIFIED", stamp)
    lines.raw("SEQUENCE", str(item.sequence + (1 if withdrawn_at else 0)))
    lines.zoned("DTSTART", item.starts_at, shared.tz)
    lines.zoned("DTEND", item.ends_at, shared.tz)
    lines.line(shared.organizer)
    if shared.geo is not None:
        lines.line(shared.geo)


class Labels:
    """The few words a feed's descriptions use, each translated once per feed when first used
    (in the language of the feed being built: it is built within one request or e-mail)."""

    @cached_property
    def cancelled(self) -> str:
        return _("Cancelled.")

    @cached_property
    def organisers(self) -> str:
        return _("Organisers: %(names)s", names="{}")

    @cached_property
    def speakers(self) -> str:
        return _("Speakers: %(names)s", names="{}")

    @classmethod
    def current(cls) -> Labels:
        return cls()


def event_component(
    event: EventItem,
    site: Site,
    *,
    tentative: bool = False,
    labels: Labels | None = None,
    withdrawn_at: datetime | None = None,
    shared: EventLines | None = None,
) -> ContentLines:
    """The VEVENT of an event (UID ``event-<id>@<host>``); cancelled for one person when
    ``withdrawn_at`` says when they withdrew."""
    labels = labels or Labels.current()
    shared = shared or EventLines.of(event, site)
    lines = ContentLines("VEVENT")
    lines.text("UID", shared.uid)
    lines.text("SUMMARY", event.title)
    _common(lines, shared, event, withdrawn_at)
    about: list[str] = []
    if event.status == EventStatus.CANCELLED:
        about.append(f"{labels.cancelled} {event.cancellation_note}".strip())
    if event.summary:
        about.append(event.summary)
    if event.organisers:
        about.append(labels.organisers.format(", ".join(name for name, _ in event.organisers)))
    about.append(shared.url)
    lines.text("DESCRIPTION", "\n\n".join(about))
    if shared.venue:
        lines.line(f"LOCATION:{shared.venue}")
    lines.raw("URL", shared.url)
    categories = [event.series_name] if event.series_name is not None else []
    categories += [short_name or name for name, short_name in event.organisers]
    lines.texts("CATEGORIES", categories or ["Event"])
    cancelled = event.status == EventStatus.CANCELLED or withdrawn_at is not None
    lines.raw("STATUS", _status(cancelled, tentative))
    lines.raw("TRANSP", "OPAQUE")
    return lines


def session_component(
    session: SessionItem,
    site: Site,
    *,
    tentative: bool = False,
    labels: Labels | None = None,
    withdrawn_at: datetime | None = None,
    attachments: Iterable[tuple[str, str]] = (),
    shared: EventLines | None = None,
) -> ContentLines:
    """The VEVENT of a timetable entry, related to its event's VEVENT, with its materials."""
    labels = labels or Labels.current()
    event = session.event
    shared = shared or EventLines.of(event, site)
    lines = ContentLines("VEVENT")
    lines.text("UID", session_uid(session, site))
    lines.text("SUMMARY", session.title)
    _common(lines, shared, session, withdrawn_at)
    cancelled = (
        session.status == SessionStatus.CANCELLED
        or event.status == EventStatus.CANCELLED
        or withdrawn_at is not None
    )
    about: list[str] = []
    if cancelled:
        about.append(labels.cancelled)
    if session.abstract:
        about.append(session.abstract)
    if session.speakers:
        about.append(labels.speakers.format("; ".join(session.speakers)))
    if any(part.endswith("\r") for part in about):  # a CR the blank line after makes a CRLF
        about.append(f"{event.title}: {shared.url}")
        lines.text("DESCRIPTION", "\n\n".join(about))
    else:  # the same escaped text, the event's part escaped once per feed
        lines.line("DESCRIPTION:" + "\\n\\n".join([*map(escape_text, about), shared.back_link]))
    location = escape_text(session.room_name.strip())  # then the venue's, escaped already
    if location and shared.venue:
        location = f"{location}\\, {shared.venue}"
    if location or shared.venue:
        lines.line(f"LOCATION:{location or shared.venue}")
    lines.raw("URL", f"{shared.url}#session-{session.id}")
    for uri, media_type in attachments:  # the session's public materials (eventapp/materials)
        lines.raw("ATTACH", uri, **({"FMTTYPE": media_type} if media_type else {}))
    categories = KIND_CATEGORIES[session.kind]
    lines.line(f"{categories},{escape_text(session.track)}" if session.track else categories)
    lines.line(shared.related)
    lines.raw("STATUS", _status(cancelled, tentative))
    lines.raw("TRANSP", "TRANSPARENT" if session.kind == SessionKind.BREAK else "OPAQUE")
    return lines


def _status(cancelled: bool, tentative: bool) -> str:
    if cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"
