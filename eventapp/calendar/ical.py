"""A typed iCalendar generator: event and session records (``items.py``) in, bytes out.

Every line is written by ``lines.py``; what all the VEVENTs of one event repeat (organiser,
position, zone, links) is written once per event, and each zone's VTIMEZONE once per process
(``vtimezone.py``). The only query is for the materials of sessions that have ended. Identical
content gives identical bytes: UIDs are derived from ids, DTSTAMP is the item's last change,
never "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from eventapp.calendar.items import EventItem, SessionItem, event_item, session_item
from eventapp.calendar.lines import ContentLines, content_line, utc_stamp
from eventapp.calendar.vtimezone import build_vtimezone
from eventapp.core.timefmt import zone
from eventapp.core.translation import reader_language
from eventapp.core.types import (
    ChoiceStatus,
    EventStatus,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)
from eventapp.materials.feed import session_attachments

if TYPE_CHECKING:
    from eventapp.events.models import Session
    from eventapp.registration.models import Registration

PRODID = "-//eventapp//Calendar feeds 1.0//EN"
REFRESH = "PT1H"  # an hour, as a DURATION

SESSION_KIND_LABELS = {kind: kind.value.replace("_", " ").capitalize() for kind in SessionKind}


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
        """The site as configured in the current application."""
        config = current_app.config
        name, address = parseaddr(config.get("MAIL_FROM") or "")
        return cls(
            base_url=config["BASE_URL"],
            organizer_email=address or f"noreply@{urlsplit(config['BASE_URL']).hostname}",
            organizer_name=name or "eventapp",
            default_timezone=config.get("DEFAULT_TIMEZONE") or "Europe/Stockholm",
        )


@dataclass(frozen=True)
class FeedInfo:
    """The calendar's own properties: its name, description and the page it belongs to."""

    name: str
    description: str
    url: str


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
    venue: str  # "name, address, city": after the room in a session's LOCATION

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
            venue="" if venue is None else _joined((venue.name, venue.address, venue.city)),
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


@dataclass(frozen=True)
class Labels:
    """The few words a feed's descriptions use, translated once per feed."""

    cancelled: str
    organisers: str
    speakers: str

    @classmethod
    def current(cls) -> Labels:
        return cls(
            cancelled=_("Cancelled."),
            organisers=_("Organisers: %(names)s", names="{}"),
            speakers=_("Speakers: %(names)s", names="{}"),
        )


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
        lines.text("LOCATION", shared.venue)
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
    about.append(f"{event.title}: {shared.url}")
    lines.text("DESCRIPTION", "\n\n".join(about))
    room = session.room_name.strip()
    location = f"{room}, {shared.venue}" if room and shared.venue else room or shared.venue
    if location:
        lines.text("LOCATION", location)
    lines.raw("URL", f"{shared.url}#session-{session.id}")
    for uri, media_type in attachments:  # the session's public materials (eventapp/materials)
        lines.raw("ATTACH", uri, **({"FMTTYPE": media_type} if media_type else {}))
    categories = [SESSION_KIND_LABELS[session.kind]]
    if session.track:
        categories.append(session.track)
    lines.texts("CATEGORIES", categories)
    lines.text("RELATED-TO", shared.uid)
    lines.raw("STATUS", _status(cancelled, tentative))
    lines.raw("TRANSP", "TRANSPARENT" if session.kind == SessionKind.BREAK else "OPAQUE")
    return lines


def _status(cancelled: bool, tentative: bool) -> str:
    if cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def _zone_years(
    events: Iterable[EventItem], sessions: Iterable[SessionItem]
) -> dict[str, tuple[int, int]]:
    """Per zone, the local years of its earliest start and its latest end."""
    spans: dict[str, list[datetime]] = {}
    for tzid, start, end in [(e.timezone, e.starts_at, e.ends_at) for e in events] + [
        (s.event.timezone, s.starts_at, s.ends_at) for s in sessions
    ]:
        span = spans.setdefault(tzid, [start, end])
        if start < span[0]:
            span[0] = start
        if end > span[1]:
            span[1] = end
    return {
        tzid: (first.astimezone(zone(tzid)).year, last.astimezone(zone(tzid)).year)
        for tzid, (first, last) in spans.items()
    }


def _head(info: FeedInfo, method: str | None) -> ContentLines:
    """The calendar's own properties (in the order icalendar wrote them before)."""
    lines = ContentLines("VCALENDAR")
    lines.raw("VERSION", "2.0")
    lines.text("PRODID", PRODID)
    lines.raw("CALSCALE", "GREGORIAN")
    if method:
        lines.raw("METHOD", method)
    lines.text("DESCRIPTION", info.description)
    lines.text("X-WR-CALDESC", info.description)
    lines.text("NAME", info.name)
    lines.text("X-WR-CALNAME", info.name)
    lines.raw("REFRESH-INTERVAL", REFRESH, VALUE="DURATION")
    lines.raw("URL", info.url)
    lines.raw("X-PUBLISHED-TTL", REFRESH)
    return lines


def build_calendar(
    info: FeedInfo,
    events: Sequence[EventItem],
    sessions: Sequence[SessionItem],
    site: Site,
    *,
    method: str | None = None,
    tentative: bool = False,
    empty_zone: tuple[str, int] | None = None,
    withdrawn_at: datetime | None = None,
) -> bytes:
    """A VCALENDAR of ``events`` and ``sessions`` (in that order), each time with a TZID whose
    VTIMEZONE is included. ``method`` is only for e-mail attachments (``PUBLISH``)."""
    zones = _zone_years(events, sessions)
    if not zones:
        # RFC 5545 wants at least one component: an empty feed still describes its zone.
        tzid, year = empty_zone or (site.default_timezone, 2026)
        zones = {tzid: (year, year)}
    head = _head(info, method).to_ical(end=False).encode()
    timezones = [build_vtimezone(tzid, *zones[tzid]) for tzid in sorted(zones)]
    labels = Labels.current()
    options = {"tentative": tentative, "labels": labels, "withdrawn_at": withdrawn_at}
    shared: dict[int, EventLines] = {}

    def shared_of(event: EventItem) -> EventLines:
        found = shared.get(event.id)
        if found is None:
            found = shared[event.id] = EventLines.of(event, site)
        return found

    body = [event_component(e, site, **options, shared=shared_of(e)).to_ical() for e in events]
    attached = session_attachments([s for s in sessions if s.has_materials], site.base_url)
    body += [
        session_component(
            s, site, **options, attachments=attached.get(s.id, ()), shared=shared_of(s.event)
        ).to_ical()
        for s in sessions
    ]
    return b"".join([head, *timezones, "".join(body).encode(), b"END:VCALENDAR\r\n"])


def registration_sessions(registration: Registration) -> list[Session]:
    """The sessions a participant holds a confirmed place in, in timetable order."""
    chosen = [c.session for c in registration.choices if c.status == ChoiceStatus.CONFIRMED]
    return sorted(chosen, key=lambda s: (s.starts_at, s.id))


def agenda_shows_event(status: RegistrationStatus, event_status: EventStatus) -> bool:
    """Whether a participant's agenda holds the event (and sessions): not once cancelled."""
    active = status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    return active and event_status != EventStatus.DRAFT


def _agenda_info(event: EventItem, name: str, site: Site) -> FeedInfo:
    return FeedInfo(
        name=f"{event.title} – {name}",
        description=f"Your registration for {event.title}",
        url=event_url(event, site),
    )


def agenda_calendar(
    event: EventItem,
    name: str,
    status: RegistrationStatus,
    sessions: Sequence[SessionItem],
    site: Site,
    *,
    method: str | None = None,
) -> bytes:
    """A participant's event and chosen sessions; empty (but valid) once cancelled."""
    events = [event] if agenda_shows_event(status, event.status) else []
    year = event.starts_at.astimezone(zone(event.timezone)).year
    return build_calendar(
        _agenda_info(event, name, site),
        events,
        sessions if events else [],
        site,
        method=method,
        tentative=status != RegistrationStatus.CONFIRMED,
        empty_zone=(event.timezone, year),
    )


def registration_calendar(
    registration: Registration, site: Site, *, method: str | None = None
) -> bytes:
    """``agenda_calendar`` of a loaded registration (its event and chosen sessions)."""
    lang = reader_language()
    event = event_item(registration.event, lang)
    sessions = [session_item(s, event, lang) for s in registration_sessions(registration)]
    return agenda_calendar(
        event, registration.name, registration.status, sessions, site, method=method
    )


# Why METHOD:PUBLISH for every e-mailed .ics, the confirmation, its updates and cancellations,
# not REQUEST and CANCEL. REQUEST/CANCEL (RFC 5546 iTIP over iMIP, RFC 6047) make the mail a
# meeting invitation: they require ORGANIZER and an ATTENDEE per participant, and Outlook, Gmail
# and Apple Mail answer them with Accept/Decline buttons whose replies go to the ORGANIZER (the
# event's contact person would get a reply mail per registrant); Gmail also puts a REQUEST into
# the calendar before the person chose to, and Outlook warns when the ORGANIZER is not the
# sender. A registration is not a meeting to answer: the place is confirmed already. With
# PUBLISH the mail offers "Add to calendar", and a later PUBLISH with the same UID and a higher
# SEQUENCE updates the imported item in Outlook, Apple Calendar and Thunderbird (Gmail updates it
# when the person adds it again); a cancellation is the same item with STATUS:CANCELLED, which
# RFC 5546 allows in PUBLISH and which those clients show as cancelled. A CANCEL for an item that
# was never a REQUEST is what clients handle least consistently, so it is not used.
METHOD = "PUBLISH"


def registration_invitation(registration: Registration, site: Site | None = None) -> bytes:
    """The ``.ics`` attached to the confirmation e-mail and its updates: PUBLISH with an
    ORGANIZER, the event and the registration's chosen sessions as they are now."""
    return registration_calendar(registration, site or Site.from_config(), method=METHOD)


def registration_cancellation(registration: Registration, site: Site | None = None) -> bytes:
    """The ``.ics`` attached when a person cancels: the event and the sessions they held, same
    UIDs as their invitation, STATUS:CANCELLED, SEQUENCE one higher, so the calendar that
    imported the invitation shows it cancelled."""
    site = site or Site.from_config()
    lang = reader_language()
    event = event_item(registration.event, lang)
    return build_calendar(
        _agenda_info(event, registration.name, site),
        [event],
        [session_item(s, event, lang) for s in registration_sessions(registration)],
        site,
        method=METHOD,
        withdrawn_at=registration.cancelled_at or registration.updated_at,
    )
