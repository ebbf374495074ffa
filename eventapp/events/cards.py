"""Event cards (the home page, the events list, a series' editions, the embeds) read as columns
and formatted once per list.

Loading a card's event as an ORM object with its venue, series and organisers (joined and
``selectin`` loads: four statements for the home page, about 100 objects) cost more than the
rest of the page, and the card's macro then looked up the reader's language, the labels and
each date's format per card. One ``select`` of the columns a card shows (events with their
venue and series) and one of their organisers' names give the same cards; each is formatted
here, so the macro only prints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from flask import url_for
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import Select, bindparam, select

from eventapp.core.db import read_columns
from eventapp.core.i18n import current_language
from eventapp.core.timefmt import clock_time, date_range, zone
from eventapp.core.translation import Text, lang_attr, marked, pick_text
from eventapp.core.types import EventStatus
from eventapp.directory.models import Organisation
from eventapp.events.labels import translated_labels
from eventapp.events.models import Event, EventOrganiser, EventSeries, Venue
from eventapp.events.timetable_rows import as_text, parsed

#: Statuses a card marks with a badge (and its class).
BADGED = {EventStatus.CANCELLED: "badge-cancelled", EventStatus.ARCHIVED: "badge-archived"}


@dataclass(slots=True)
class EventCard:
    """An event as a card shows it, every text ready to print."""

    id: int
    slug: str
    status: EventStatus
    is_cancelled: bool
    starts_at: datetime
    ends_at: datetime
    timezone: str
    #: ``/events/<slug>/``.
    url: str
    title: Text
    #: `` lang="…"`` when the title is in another language than the page's.
    title_lang: Markup
    summary: Text
    summary_lang: Markup
    #: The status's label and its badge's class, or "" for events that carry none.
    badge: str
    badge_class: str
    start_iso: str
    dates: str
    start_time: str
    zone: str
    venue: Text | None
    #: The venue's name marked with its language, and its campus unless the name says it.
    venue_html: Markup
    campus: str
    series_slug: str | None
    series_url: str
    series_html: Markup
    #: The organisers' short names (or names), in their order, joined for reading.
    organisers: str


#: What a card reads: the event's own columns, its venue's and its series'.
CARD_COLUMNS = (
    Event.id,
    Event.slug,
    Event.title,
    Event.summary,
    Event.language,
    as_text(Event.translations, "event_translations"),
    Event.status,
    Event.timezone,
    Event.starts_at,
    Event.ends_at,
    Venue.id.label("venue_id"),
    Venue.name.label("venue_name"),
    Venue.campus,
    Venue.original_language.label("venue_language"),
    as_text(Venue.translations, "venue_translations"),
    EventSeries.slug.label("series_slug"),
    EventSeries.name.label("series_name"),
    EventSeries.original_language.label("series_language"),
    as_text(EventSeries.translations, "series_translations"),
)


def card_select(*extra: Any) -> Select:
    """``select`` of a card's columns (and ``extra`` ones) from events, their venue and series;
    callers add the ``where``, order and window."""
    return (
        select(*CARD_COLUMNS, *extra)
        .select_from(Event)
        .outerjoin(Venue, Venue.id == Event.venue_id)
        .outerjoin(EventSeries, EventSeries.id == Event.series_id)
    )


def read_cards(stmt: Select) -> list[EventCard]:
    """Run ``stmt`` (a ``card_select``) and format each row as a card."""
    return cards_of(read_columns(stmt).all())


def cards_of(rows: Sequence[Any]) -> list[EventCard]:
    """Cards from rows of ``card_select`` (the leading columns; extra ones are ignored)."""
    if not rows:
        return []
    language = current_language()
    locale = str(get_locale() or language)
    statuses = translated_labels("event_status_label")
    events_path = url_for("events.event_list")
    series_path = url_for("events.series", slug="-slug-").replace("-slug-", "{}")
    organisers = _organiser_names([row[0] for row in rows])
    venues: dict[int, tuple[Text, Markup]] = {}
    cards = []
    for (
        event_id,
        slug,
        title,
        summary,
        original,
        translations,
        status,
        tz,
        starts_at,
        ends_at,
        venue_id,
        venue_name,
        campus,
        venue_original,
        venue_translations,
        series_slug,
        series_name,
        series_original,
        series_translations,
        *_extra,
    ) in rows:
        texts = parsed(translations, original, language)
        title_text = pick_text(title, "title", original, texts, language)
        summary_text = pick_text(summary, "summary", original, texts, language)
        start = starts_at.astimezone(zone(tz))
        venue = venues.get(venue_id) if venue_id is not None else None
        if venue_id is not None and venue is None:
            name = pick_text(
                venue_name,
                "name",
                venue_original,
                parsed(venue_translations, venue_original, language),
                language,
            )
            venue = venues[venue_id] = (name, marked(name, language))
        series_html = Markup("")
        if series_slug is not None:
            series_text = pick_text(
                series_name,
                "name",
                series_original,
                parsed(series_translations, series_original, language),
                language,
            )
            series_html = marked(series_text, language)
        cards.append(
            EventCard(
                id=event_id,
                slug=slug,
                status=status,
                is_cancelled=status == EventStatus.CANCELLED,
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=tz,
                url=f"{events_path}{slug}/",
                title=title_text,
                title_lang=lang_attr(title_text, language),
                summary=summary_text,
                summary_lang=lang_attr(summary_text, language),
                badge=str(statuses.get(status, status)) if status in BADGED else "",
                badge_class=BADGED.get(status, ""),
                start_iso=start.isoformat(),
                dates=date_range(starts_at, ends_at, tz),
                start_time=clock_time(start, locale),
                zone=start.tzname() or tz,
                venue=venue[0] if venue else None,
                venue_html=venue[1] if venue else Markup(""),
                campus=campus if venue and campus and campus not in venue[0] else "",
                series_slug=series_slug,
                series_url=series_path.format(series_slug) if series_slug else "",
                series_html=series_html,
                organisers=", ".join(organisers.get(event_id, ())),
            )
        )
    return cards


@lru_cache(maxsize=1)
def _organisers_statement() -> Select:
    """Built once (building a statement costs about what running a small one does)."""
    return (
        select(EventOrganiser.event_id, Organisation.short_name, Organisation.name)
        .join(Organisation, Organisation.id == EventOrganiser.organisation_id)
        .where(EventOrganiser.event_id.in_(bindparam("event_ids", expanding=True)))
        .order_by(EventOrganiser.event_id, EventOrganiser.position, EventOrganiser.organisation_id)
    )


def _organiser_names(event_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each event's organisers' short names (or names), in their order: one statement."""
    rows = read_columns(_organisers_statement(), {"event_ids": list(event_ids)}).all()
    names: dict[int, list[str]] = defaultdict(list)
    for event_id, short_name, name in rows:
        names[event_id].append(short_name or name)
    return names
