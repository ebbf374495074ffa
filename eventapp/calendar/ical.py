"""A pure, typed iCalendar generator: events and sessions in, bytes out.

Nothing here touches the request or the database beyond the attributes of the objects given,
which the caller loads eagerly (``feeds.py``). Identical content gives identical bytes: UIDs are
derived from ids, DTSTAMP is the item's last change, never "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, vDuration, vText

from eventapp.calendar.lines import ContentLines
from eventapp.calendar.vtimezone import vtimezone
from eventapp.core.timefmt import zone
from eventapp.core.translation import translated
from eventapp.core.types import (
    ChoiceStatus,
    EventStatus,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)
from eventapp.materials.feed import session_attachments

if TYPE_CHECKING:
    from eventapp.events.models import Event, Session
    from eventapp.registration.models import Registration

PRODID = "-//eventapp//Calendar feeds 1.0//EN"
REFRESH = timedelta(hours=1)

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


def event_uid(event: Event, site: Site) -> str:
    """``event-<id>@<host>`` with the host the event was made under (kept in the row), so a
    move of the site to another domain duplicates nothing in subscribers' calendars."""
    return f"event-{event.id}@{event.uid_host or site.host}"


def session_uid(session: Session, site: Site) -> str:
    return f"session-{session.id}@{session.uid_host or site.host}"


def event_url(event: Event, site: Site) -> str:
    return f"{site.base_url}/events/{event.slug}/"


def _location(event: Event, room_name: str = "") -> str:
    venue = event.venue
    parts = [room_name]
    if venue is not None:
        parts += [translated(venue, "name"), venue.address, venue.city]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _common(
    lines: ContentLines,
    event: Event,
    site: Site,
    item: Event | Session,
    withdrawn_at: datetime | None = None,
) -> None:
    """Times, stamps, sequence, organiser and position shared by events and sessions.

    Times carry the event's TZID, except inside the hour that happens twice after the autumn
    switch: RFC 5545 reads such a local time as the first pass, ical.js as the second, so
    those are written in UTC, which every client reads alike."""
    tz = zone(event.timezone)
    # A withdrawn copy (the person cancelled) is newer than any the person imported: one
    # SEQUENCE above the item's, stamped when they cancelled.
    stamp = withdrawn_at or item.updated_at
    lines.utc("DTSTAMP", stamp)
    lines.utc("CREATED", item.created_at)
    lines.utc("LAST-MODIFIED", stamp)
    lines.raw("SEQUENCE", str(item.sequence + (1 if withdrawn_at else 0)))
    lines.zoned("DTSTART", item.starts_at, tz)
    lines.zoned("DTEND", item.ends_at, tz)
    contact = event.contact_person
    email = contact.email if contact is not None and contact.email else site.organizer_email
    hosts = [role.organisation.name for role in event.organisers]
    name = hosts[0] if hosts else (contact.name if contact is not None else site.organizer_name)
    lines.raw("ORGANIZER", f"mailto:{email}", CN=" ".join(name.split()))
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        lines.raw("GEO", f"{float(venue.latitude)};{float(venue.longitude)}")


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
    event: Event,
    site: Site,
    *,
    tentative: bool = False,
    labels: Labels | None = None,
    withdrawn_at: datetime | None = None,
) -> ContentLines:
    """The VEVENT of an event (UID ``event-<id>@<host>``); cancelled for one person when
    ``withdrawn_at`` says when they withdrew."""
    labels = labels or Labels.current()
    lines = ContentLines("VEVENT")
    lines.text("UID", event_uid(event, site))
    lines.text("SUMMARY", translated(event, "title"))
    _common(lines, event, site, event, withdrawn_at)
    about: list[str] = []
    if event.status == EventStatus.CANCELLED:
        about.append(f"{labels.cancelled} {event.cancellation_note}".strip())
    if summary := translated(event, "summary"):
        about.append(summary)
    if event.organisers:
        names = ", ".join(role.organisation.name for role in event.organisers)
        about.append(labels.organisers.format(names))
    about.append(event_url(event, site))
    lines.text("DESCRIPTION", "\n\n".join(about))
    location = _location(event)
    if location:
        lines.text("LOCATION", location)
    lines.raw("URL", event_url(event, site))
    categories = [translated(event.series, "name")] if event.series is not None else []
    categories += [r.organisation.short_name or r.organisation.name for r in event.organisers]
    lines.texts("CATEGORIES", categories or ["Event"])
    cancelled = event.status == EventStatus.CANCELLED or withdrawn_at is not None
    lines.raw("STATUS", _status(cancelled, tentative))
    lines.raw("TRANSP", "OPAQUE")
    return lines


def session_component(
    session: Session,
    site: Site,
    *,
    tentative: bool = False,
    labels: Labels | None = None,
    withdrawn_at: datetime | None = None,
    attachments: Iterable[tuple[str, str]] = (),
) -> ContentLines:
    """The VEVENT of a timetable entry, related to its event's VEVENT, with its materials."""
    labels = labels or Labels.current()
    event = session.event
    lines = ContentLines("VEVENT")
    lines.text("UID", session_uid(session, site))
    lines.text("SUMMARY", translated(session, "title"))
    _common(lines, event, site, session, withdrawn_at)
    cancelled = (
        session.status == SessionStatus.CANCELLED
        or event.status == EventStatus.CANCELLED
        or withdrawn_at is not None
    )
    about: list[str] = []
    if cancelled:
        about.append(labels.cancelled)
    if abstract := translated(session, "abstract"):
        about.append(abstract)
    if session.speakers:
        people = []
        for role in session.speakers:
            person = role.person
            affiliation = person.affiliation_name
            name = person.full_name
            people.append(f"{name} ({affiliation})" if affiliation else name)
        about.append(labels.speakers.format("; ".join(people)))
    about.append(f"{translated(event, 'title')}: {event_url(event, site)}")
    lines.text("DESCRIPTION", "\n\n".join(about))
    location = _location(
        event, translated(session.room, "name") if session.room is not None else ""
    )
    if location:
        lines.text("LOCATION", location)
    lines.raw("URL", f"{event_url(event, site)}#session-{session.id}")
    for uri, media_type in attachments:  # the session's public materials (eventapp/materials)
        lines.raw("ATTACH", uri, **({"FMTTYPE": media_type} if media_type else {}))
    categories = [SESSION_KIND_LABELS[session.kind]]
    if session.track:
        categories.append(session.track)
    lines.texts("CATEGORIES", categories)
    lines.text("RELATED-TO", event_uid(event, site))
    lines.raw("STATUS", _status(cancelled, tentative))
    lines.raw("TRANSP", "TRANSPARENT" if session.kind == SessionKind.BREAK else "OPAQUE")
    return lines


def _status(cancelled: bool, tentative: bool) -> str:
    if cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def _zone_years(events: Iterable[Event], sessions: Iterable[Session]) -> dict[str, list[int]]:
    years: dict[str, list[int]] = {}
    for tzid, start, end in [(e.timezone, e.starts_at, e.ends_at) for e in events] + [
        (s.event.timezone, s.starts_at, s.ends_at) for s in sessions
    ]:
        tz = zone(tzid)
        span = years.setdefault(tzid, [start.astimezone(tz).year, end.astimezone(tz).year])
        span[0] = min(span[0], start.astimezone(tz).year)
        span[1] = max(span[1], end.astimezone(tz).year)
    return years


def build_calendar(
    info: FeedInfo,
    events: Sequence[Event],
    sessions: Sequence[Session],
    site: Site,
    *,
    method: str | None = None,
    tentative: bool = False,
    empty_zone: tuple[str, int] | None = None,
    withdrawn_at: datetime | None = None,
) -> bytes:
    """A VCALENDAR of ``events`` and ``sessions`` (in that order), each time with a TZID whose
    VTIMEZONE is included. ``method`` is only for e-mail attachments (``PUBLISH``)."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    if method:
        calendar.add("METHOD", method)
    # icalendar 7.3 no longer escapes these when given as str: set them as vText.
    calendar.add("NAME", vText(info.name))
    calendar.add("X-WR-CALNAME", vText(info.name))
    calendar.add("DESCRIPTION", vText(info.description))
    calendar.add("X-WR-CALDESC", vText(info.description))
    calendar.add("URL", info.url)
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    zones = _zone_years(events, sessions)
    if not zones:
        # RFC 5545 wants at least one component: an empty feed still describes its zone.
        tzid, year = empty_zone or (site.default_timezone, 2026)
        zones = {tzid: [year, year]}
    for tzid in sorted(zones):
        calendar.add_component(vtimezone(tzid, zones[tzid][0], zones[tzid][1]))
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    labels = Labels.current()
    options = {"tentative": tentative, "labels": labels, "withdrawn_at": withdrawn_at}
    body = [event_component(e, site, **options).to_ical() for e in events]
    attached = session_attachments(sessions, site.base_url)
    body += [
        session_component(s, site, **options, attachments=attached.get(s.id, ())).to_ical()
        for s in sessions
    ]
    return head[: -len(end)] + "".join(body).encode() + end


def registration_sessions(registration: Registration) -> list[Session]:
    """The sessions a participant holds a confirmed place in, in timetable order."""
    chosen = [c.session for c in registration.choices if c.status == ChoiceStatus.CONFIRMED]
    return sorted(chosen, key=lambda s: (s.starts_at, s.id))


def registration_calendar(
    registration: Registration, site: Site, *, method: str | None = None
) -> bytes:
    """A participant's event and chosen sessions; empty (but valid) once cancelled."""
    event = registration.event
    info = FeedInfo(
        name=f"{translated(event, 'title')} – {registration.name}",
        description=f"Your registration for {translated(event, 'title')}",
        url=event_url(event, site),
    )
    active = registration.status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    events = [event] if active and event.status != EventStatus.DRAFT else []
    sessions = registration_sessions(registration) if events else []
    tentative = registration.status != RegistrationStatus.CONFIRMED
    year = event.starts_at.astimezone(zone(event.timezone)).year
    return build_calendar(
        info,
        events,
        sessions,
        site,
        method=method,
        tentative=tentative,
        empty_zone=(event.timezone, year),
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
    event = registration.event
    info = FeedInfo(
        name=f"{translated(event, 'title')} – {registration.name}",
        description=f"Your registration for {translated(event, 'title')}",
        url=event_url(event, site),
    )
    return build_calendar(
        info,
        [event],
        registration_sessions(registration),
        site,
        method=METHOD,
        withdrawn_at=registration.cancelled_at or registration.updated_at,
    )
