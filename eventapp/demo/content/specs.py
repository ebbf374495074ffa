"""Plain records describing the demo's series, events and sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventapp.core.types import OrganiserRole, SessionKind, SpeakerRole


@dataclass(frozen=True)
class SessionSpec:
    """A timetable entry: ``day`` counts days from the event's first day; times are local."""

    day: int
    start: str
    end: str
    kind: SessionKind
    title: str
    abstract: str = ""
    room: str | None = None
    speakers: tuple[tuple[str, SpeakerRole], ...] = ()
    track: str = ""
    selectable: bool = False
    capacity: int | None = None
    #: The texts in the event's other language: ``(("title", "…"), ("abstract", "…"))``.
    translated: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RegistrationSpec:
    """Registration settings of an event whose registration is open in the demo."""

    capacity: int
    categories: tuple[str, ...]
    privacy_text: str
    opens_days_before_now: int = 1
    closes_days_before_start: int = 3
    waitlist: bool = True


@dataclass(frozen=True)
class EventSpec:
    """One edition. ``first_day`` None: dated ``weeks_ahead`` from the day the demo first runs."""

    slug: str
    title: str
    series: str | None
    venue: str
    first_day: date | None
    start: str
    end: tuple[int, str]
    summary: str
    description: str
    organisers: tuple[tuple[str, OrganiserRole], ...]
    sessions: tuple[SessionSpec, ...]
    language: str = "en"
    weeks_ahead: int = 0
    registration: RegistrationSpec | None = None
    collaboration: str | None = None
    contact: str | None = None
    website: str = ""
    #: The title (``{year}`` filled in like the original's), summary and description in the
    #: other language.
    translated: tuple[tuple[str, str], ...] = ()
    #: The public page shows the programme as a grid by room too.
    public_grid: bool = False


@dataclass(frozen=True)
class SeriesSpec:
    """A recurring event and its organisers."""

    slug: str
    name: str
    description: str
    organisations: tuple[str, ...]
    cadence_rrule: str | None = None
    cadence_text: str = ""
    collaboration: str | None = None
    events: tuple[EventSpec, ...] = field(default=())
    language: str = "en"
    translated: tuple[tuple[str, str], ...] = ()


def other_texts(language: str, translated: tuple[tuple[str, str], ...], **fill: object) -> dict:
    """The ``translations`` column of a demo row: its texts in the other language."""
    if not translated:
        return {}
    other = "sv" if language == "en" else "en"
    return {other: {name: text.format(**fill) for name, text in translated}}
