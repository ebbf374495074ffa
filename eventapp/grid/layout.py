"""The grid's geometry, pure: an event's sessions laid out by day, room column and time slot.

Rows are slots of ``SLOT_MINUTES`` counted from each day's first half hour; a session covers the
slots it overlaps. A break spans every room when nothing else happens during it. A session that
would overlap another one in its cell (a cancelled talk under its replacement, data from before
the clash checks) is not drawn on top: it waits in ``Day.unplaced`` and the list shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from eventapp.core.timefmt import to_zone
from eventapp.core.types import SessionKind
from eventapp.events.models import Event
from eventapp.grid.rows import GridRoom, GridSession

SLOT_MINUTES = 5
LABEL_MINUTES = 30
#: Kinds drawn across every room when nothing runs beside them.
SPANNING_KINDS = frozenset({SessionKind.BREAK})


@dataclass(frozen=True)
class Column:
    """A room column (``room`` None: the sessions without a room)."""

    room: GridRoom | None

    @property
    def room_id(self) -> int:
        return self.room.id if self.room is not None else 0


@dataclass(frozen=True)
class Block:
    """A session's place: first slot row and column (1-based), and how many of each it covers."""

    session: GridSession
    row: int
    rows: int
    column: int
    columns: int


@dataclass
class Day:
    day: date
    starts: datetime  # the naive local wall-clock time of the first slot
    slots: int
    columns: list[Column]
    blocks: list[Block] = field(default_factory=list)
    unplaced: list[GridSession] = field(default_factory=list)
    sessions: list[GridSession] = field(default_factory=list)  # cancelled ones too, for the list

    def by_room(self) -> list[tuple[Column, list[GridSession]]]:
        """The day's sessions by room, in the columns' order (the list view)."""
        groups: dict[int, tuple[Column, list[GridSession]]] = {
            c.room_id: (c, []) for c in self.columns
        }
        for session in self.sessions:
            key = session.room_id or 0
            if key not in groups:
                groups[key] = (Column(session.room), [])
            groups[key][1].append(session)
        return [(column, rows) for column, rows in groups.values() if rows]

    def labels(self) -> list[tuple[int, str]]:
        """The time labels down the side: (first slot row, "HH:MM") every half hour."""
        step = LABEL_MINUTES // SLOT_MINUTES
        return [
            (row + 1, (self.starts + timedelta(minutes=row * SLOT_MINUTES)).strftime("%H:%M"))
            for row in range(0, self.slots, step)
        ]


@dataclass
class Grid:
    days: list[Day]
    columns: list[Column]
    slot_minutes: int = SLOT_MINUTES

    @property
    def multi_room(self) -> bool:
        return sum(1 for c in self.columns if c.room is not None) > 1


def _local(value: datetime, tz: str) -> datetime:
    return to_zone(value, tz).replace(tzinfo=None)


def _floor(value: datetime) -> datetime:
    minute = value.minute - value.minute % LABEL_MINUTES
    return value.replace(minute=minute, second=0, microsecond=0)


def _ceil(value: datetime) -> datetime:
    floored = _floor(value)
    return floored if floored == value else floored + timedelta(minutes=LABEL_MINUTES)


def grid_columns(rooms: list[GridRoom], sessions: list[GridSession]) -> list[Column]:
    """The venue's rooms and any other room a session uses, by name; then "no room" if needed."""
    by_id = {room.id: room for room in rooms}
    for session in sessions:
        if session.room is not None:
            by_id.setdefault(session.room.id, session.room)
    columns = [Column(room) for room in sorted(by_id.values(), key=lambda r: (r.name, r.id))]
    roomless = any(s.room_id is None and s.kind not in SPANNING_KINDS for s in sessions)
    if roomless or not columns:
        columns.append(Column(None))
    return columns


def _day_window(event: Event, day: date, sessions: list[GridSession]) -> tuple[datetime, datetime]:
    """From the event's daily start to its daily end, widened to the day's sessions."""
    tz = event.timezone
    opens = _local(event.starts_at, tz).time()
    closes = _local(event.ends_at, tz).time()
    if closes <= opens:
        opens, closes = time(8, 0), time(18, 0)
    start = datetime.combine(day, opens)
    end = datetime.combine(day, closes)
    for session in sessions:
        start = min(start, session.starts)
        end = max(end, session.ends)
    midnight = datetime.combine(day, time())
    start = max(_floor(start), midnight)
    end = min(_ceil(end), midnight + timedelta(days=1))
    return start, end


def _event_days(event: Event) -> list[date]:
    first = _local(event.starts_at, event.timezone).date()
    last = _local(event.ends_at - timedelta(microseconds=1), event.timezone).date()
    last = min(max(first, last), first + timedelta(days=30))  # a grid per day is for a few days
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _alone(session: GridSession, todays: list[GridSession]) -> bool:
    """A break nothing else overlaps (it is drawn across every room)."""
    return session.kind in SPANNING_KINDS and not any(
        other is not session
        and other.starts_at < session.ends_at
        and other.ends_at > session.starts_at
        for other in todays
    )


def _place(
    day: Day,
    session: GridSession,
    index: dict[int, int],
    taken: dict[tuple[int, int], int],
    spanning: bool,
) -> None:
    """Put ``session`` on ``day`` in its room's column (``index``: room id to column), or
    across all when ``spanning``."""
    start = max(session.starts, day.starts)
    end = min(session.ends, day.starts + timedelta(minutes=day.slots * SLOT_MINUTES))
    first = int((start - day.starts).total_seconds() // 60) // SLOT_MINUTES
    last = -(-int((end - day.starts).total_seconds() // 60) // SLOT_MINUTES)
    rows = range(first, max(last, first + 1))
    column = index.get(session.room_id or 0)
    if spanning:
        cells = range(len(day.columns))
    elif column is not None:
        cells = range(column, column + 1)
    else:
        cells = range(0)
    if not cells or any((r, c) in taken for r in rows for c in cells):
        day.unplaced.append(session)
        return
    for r in rows:
        for c in cells:
            taken[(r, c)] = session.id
    day.blocks.append(Block(session, first + 1, len(rows), cells[0] + 1, len(cells)))


def build_grid(event: Event, sessions: list[GridSession], rooms: list[GridRoom]) -> Grid:
    """The event's grid: one day per date of the event (and any date a session falls on)."""
    shown = [s for s in sessions if not s.is_cancelled]
    columns = grid_columns(rooms, shown)
    index = {c.room_id: n for n, c in enumerate(columns)}
    by_day: dict[date, list[GridSession]] = {day: [] for day in _event_days(event)}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.id)):
        by_day.setdefault(session.starts.date(), []).append(session)
    days = []
    for day in sorted(by_day):
        everything = by_day[day]
        todays = [s for s in everything if not s.is_cancelled]
        start, end = _day_window(event, day, todays)
        slots = max(1, int((end - start).total_seconds() // 60) // SLOT_MINUTES)
        grid_day = Day(day, start, slots, columns, sessions=everything)
        taken: dict[tuple[int, int], int] = {}
        for session in todays:
            _place(grid_day, session, index, taken, _alone(session, todays))
        days.append(grid_day)
    return Grid(days, columns)
