"""A typed iCalendar generator: event and session records (``items.py``) in, bytes out.

Every line is written by ``lines.py``, the VEVENTs by ``vevents.py``, each zone's VTIMEZONE
once per process (``vtimezone.py``). The only query is for the materials of sessions that have
some and have ended. Identical content gives identical bytes: UIDs are derived from ids,
DTSTAMP is the item's last change, never "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from eventapp.calendar.items import EventItem, SessionItem, event_item, session_item
from eventapp.calendar.lines import ContentLines
from eventapp.calendar.vevents import (
    EventLines,
    Labels,
    Site,
    event_component,
    event_url,
    session_component,
)
from eventapp.calendar.vtimezone import build_vtimezone
from eventapp.core.timefmt import zone
from eventapp.core.translation import reader_language
from eventapp.core.types import ChoiceStatus, EventStatus, RegistrationStatus
from eventapp.materials.feed import session_attachments

if TYPE_CHECKING:
    from eventapp.events.models import Session
    from eventapp.registration.models import Registration

PRODID = "-//eventapp//Calendar feeds 1.0//EN"
REFRESH = "PT1H"  # an hour, as a DURATION


@dataclass(frozen=True)
class FeedInfo:
    """The calendar's own properties: its name, description and the page it belongs to."""

    name: str
    description: str
    url: str


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
