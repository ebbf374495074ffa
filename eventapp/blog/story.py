"""The story of a past event, written from its own data: the figures (``facts``) and a draft.

``collect_facts`` counts; ``draft_story`` turns the facts into a title, a lead and a Markdown
body in the post's language. The organiser edits the draft freely afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from babel.dates import format_date, format_interval, format_time
from babel.numbers import format_decimal
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.blog.numbers import (
    attendance_phrase,
    join_words,
    lang_of,
    sectors_phrase,
    sessions_phrase,
    with_article,
)
from eventapp.blog.render import escape_markdown as md
from eventapp.core.db import utcnow
from eventapp.core.timefmt import to_zone
from eventapp.core.types import OrganiserRole, RegistrationStatus, SessionStatus
from eventapp.core.urls import path_for
from eventapp.directory.models import Person
from eventapp.events.models import Event, EventOrganiser, Session, SessionSpeaker
from eventapp.extensions import db
from eventapp.registration.models import Registration
from eventapp.reports.services import event_report

BABEL_LOCALE = {"en": "en_GB", "sv": "sv_SE"}
TEXT = {
    "en": {
        "title": "{title}: a look back",
        "lead_hosts": "On {when}, {hosts} hosted {title}{where}.",
        "lead_plain": "{title} took place on {when}{where}.",
        "where": " at {venue}",
        "co": "It was co-organised with {names}.",
        "partners": "Partners: {names}.",
        "programme": "The programme offered {sessions}.",
        "attendance": "The event gathered {attendance}.",
        "sectors": "They came from {sectors}.",
        "feedback": "The {respondents} who answered the survey rated the event {mean} out of 5 "
        "on average.",
        "speakers": "Speakers",
        "more": "Read more about the event",
    },
    "sv": {
        "title": "{title}: en återblick",
        "lead_hosts": "Den {when} arrangerade {hosts} {title}{where}.",
        "lead_plain": "{title} ägde rum den {when}{where}.",
        "where": " på {venue}",
        "co": "Det arrangerades i samarbete med {names}.",
        "partners": "Samarbetspartner: {names}.",
        "programme": "Programmet bjöd på {sessions}.",
        "attendance": "Evenemanget samlade {attendance}.",
        "sectors": "De kom från {sectors}.",
        "feedback": "De {respondents} som svarade på enkäten gav evenemanget i snitt {mean} av 5.",
        "speakers": "Talare",
        "more": "Läs mer om evenemanget",
    },
}


def load_event_for_story(event_id: int) -> Event:
    """The event with everything a story names, in a fixed number of queries."""
    stmt = (
        select(Event)
        .where(Event.id == event_id)
        .options(
            joinedload(Event.venue),
            selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
            selectinload(Event.sessions)
            .selectinload(Session.speakers)
            .joinedload(SessionSpeaker.person)
            .joinedload(Person.affiliation),
        )
    )
    return db.session.execute(stmt).unique().scalar_one()


def count_attendance(event_id: int) -> tuple[int, int, str]:
    """``(participants, organisations, basis)`` from check-ins if any, else confirmed registrations.

    Organisations are told apart by their directory entry, else by the affiliation text typed.
    """
    rows = db.session.execute(
        select(
            Registration.organisation_id,
            Registration.affiliation,
            Registration.checked_in_at,
            Registration.status,
        ).where(
            Registration.event_id == event_id,
            or_(
                Registration.checked_in_at.is_not(None),
                Registration.status == RegistrationStatus.CONFIRMED,
            ),
        )
    ).all()
    checked_in = [row for row in rows if row.checked_in_at is not None]
    basis = "checkins" if checked_in else "registrations"
    counted = checked_in or [row for row in rows if row.status == RegistrationStatus.CONFIRMED]
    organisations = set()
    for row in counted:
        if row.organisation_id is not None:
            organisations.add(("id", row.organisation_id))
        elif row.affiliation.strip():
            organisations.add(("text", " ".join(row.affiliation.split()).casefold()))
    return len(counted), len(organisations), basis


def when_text(event: Event, language: str) -> str:
    """The event's date (and times on a single day) in its own zone, in ``language``."""
    locale = BABEL_LOCALE[lang_of(language)]
    start, end = to_zone(event.starts_at, event.timezone), to_zone(event.ends_at, event.timezone)
    if start.date() == end.date():
        day = format_date(start.date(), "long", locale=locale)
        hours = f"{format_time(start, 'HH:mm', locale=locale)}–"
        return f"{day}, {hours}{format_time(end, 'HH:mm', locale=locale)}"
    return format_interval(start.date(), end.date(), "yMMMMd", locale=locale)


def venue_text(event: Event) -> str:
    """ "Karolinska Institutet, Campus Flemingsberg" (the campus when it adds something)."""
    venue = event.venue
    if venue is None:
        return ""
    if venue.campus and venue.campus not in venue.name:
        return f"{venue.name}, {venue.campus}"
    return venue.name


def collect_facts(event_id: int, language: str) -> dict[str, Any]:
    """Count what happened at the event; the result is stored as a post's ``facts``."""
    lang = lang_of(language)
    event = load_event_for_story(event_id)
    held = [s for s in event.sessions if s.status != SessionStatus.CANCELLED]
    counts = Counter(str(s.kind) for s in held)
    speakers: list[dict[str, str]] = []
    seen: set[int] = set()
    for session in held:
        for role in session.speakers:
            if role.person_id not in seen:
                seen.add(role.person_id)
                person = role.person
                speakers.append(
                    {"name": person.full_name, "affiliation": person.affiliation_name,
                     "role": str(role.role)}
                )  # fmt: skip
    participants, organisations, basis = count_attendance(event.id)
    report = event_report(event)
    rating = report.feedback.ratings[0] if report.feedback and report.feedback.ratings else None
    return {
        "version": 1,
        "language": lang,
        "event": {"id": event.id, "slug": event.slug, "title": event.text("title", lang),
                  "url": path_for("events.event", slug=event.slug), "timezone": event.timezone,
                  "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat()},
        "when": when_text(event, lang),
        "where": venue_text(event),
        "organisers": [
            {"name": o.organisation.name, "role": str(o.role)} for o in event.organisers
        ],
        "sessions": dict(sorted(counts.items())),
        "sessions_text": sessions_phrase(counts, lang),
        "participants": participants,
        "organisations": organisations,
        "basis": basis,
        "attendance_text": attendance_phrase(participants, organisations, lang)
        if participants
        else "",
        "speakers": speakers,
        "attended": report.counts.attended,
        "sectors": [name for name, c in report.by_sector.items()
                    if name and (c.attended if basis == "checkins" else c.confirmed)],
        "feedback": {"respondents": report.feedback.respondents, "mean": rating[1]}
        if rating else None,
        "counted_at": utcnow().isoformat(),
        "frozen_at": None,
    }  # fmt: skip


def _names(facts: dict[str, Any], role: OrganiserRole, esc: Callable[[str], str]) -> str:
    names = [esc(o["name"]) for o in facts["organisers"] if o["role"] == role]
    return join_words(names, facts["language"])


def _plain(text: str) -> str:
    return text


def write_lead(facts: dict[str, Any], markdown: bool = False) -> str:
    """ "On 22 January 2025, NextGenNK and CCRM Nordic hosted … at …." (Markdown or plain)."""
    text = TEXT[facts["language"]]
    esc = md if markdown else _plain
    plain = facts["event"]["title"]
    title = with_article(plain, facts["language"], f"**{esc(plain)}**" if markdown else plain)
    where = text["where"].format(venue=esc(facts["where"])) if facts["where"] else ""
    hosts = _names(facts, OrganiserRole.HOST, esc)
    if hosts:
        return text["lead_hosts"].format(when=facts["when"], hosts=hosts, title=title, where=where)
    return text["lead_plain"].format(when=facts["when"], title=title, where=where)


def draft_story(facts: dict[str, Any]) -> tuple[str, str, str]:
    """``(title, lead, body_md)`` of a draft, written from ``facts`` in their language; the
    body goes on from the lead (a page shows the lead above it: it is not said twice)."""
    text = TEXT[facts["language"]]
    paragraphs = []
    others = [
        text[key].format(names=names)
        for key, role in (("co", OrganiserRole.CO_ORGANISER), ("partners", OrganiserRole.PARTNER))
        if (names := _names(facts, role, md))
    ]
    if others:
        paragraphs.append(" ".join(others))
    figures = []
    if facts["sessions_text"]:
        figures.append(text["programme"].format(sessions=facts["sessions_text"]))
    if facts["attendance_text"]:
        figures.append(text["attendance"].format(attendance=facts["attendance_text"]))
    if sectors := sectors_phrase(facts.get("sectors") or [], facts["language"]):
        figures.append(text["sectors"].format(sectors=sectors))
    if feedback := facts.get("feedback"):
        mean = format_decimal(feedback["mean"], "#,##0.#", locale=BABEL_LOCALE[facts["language"]])
        figures.append(text["feedback"].format(respondents=feedback["respondents"], mean=mean))
    if figures:
        paragraphs.append(" ".join(figures))
    if facts["speakers"]:
        lines = [
            f"- **{md(s['name'])}**" + (f", {md(s['affiliation'])}" if s["affiliation"] else "")
            for s in facts["speakers"]
        ]
        paragraphs.append(f"## {text['speakers']}\n\n" + "\n".join(lines))
    paragraphs.append(f"[{text['more']}]({facts['event']['url']})")
    title = text["title"].format(title=facts["event"]["title"])
    return title, write_lead(facts), "\n\n".join(paragraphs) + "\n"
