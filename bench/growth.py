"""How cost grows: the same pages timed on a campus 1×, 10×, 100× and 1,000× as large.

    .venv/bin/python -m bench.growth                         # SQLite in a temporary folder
    .venv/bin/python -m bench.growth --database-url postgresql+psycopg://postgres@127.0.0.1/x
    .venv/bin/python -m bench.growth --scales 1 10           # quicker

Scale k is ``bench.synth.load_campus(10k events, 200 + 100k sessions, 100k registrations)`` on
an empty database, plus ``50k`` registrations added to ``synthetic-big``. Each row is
requested in-process (Flask test client, no network) and reports the median time of a few
requests and the number of SQL statements. Rows whose *shown* content is fixed (an event page,
an event feed, the CSV of a 10-person event) must stay flat while the *stored* data grows 1,000
times; rows that show more (the site feed lists every event; the big event's CSV lists
``50k`` people) grow linearly with what they show, and their query count stays flat.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy import insert, select

BIG = "synthetic-big"
SMALL = "synthetic-event-0001"
SESSION_ROW = b'<li class="timetable-row'  # one per session in the timetable


@dataclass(frozen=True)
class Scale:
    """The synthetic campus at ``factor`` times the base size."""

    factor: int
    events: int
    sessions: int
    registrations: int
    big_extra: int

    @classmethod
    def of(cls, factor: int, base_events: int = 10, big_extra: int = 50) -> Scale:
        events = base_events * factor
        return cls(factor, events, 200 + 10 * events, 10 * events, big_extra * factor)


def load(scale: Scale) -> int:
    """Load the campus at ``scale`` (schema migrated, tables empty) and a site admin; the admin's
    id. Runs in an application context."""
    from bench.synth import load_campus
    from eventapp.auth.models import User
    from eventapp.extensions import db

    load_campus(scale.events, scale.sessions, scale.registrations)
    add_registrations(BIG, scale.big_extra)
    admin = User(email="growth-admin@example.org", display_name="Growth", is_site_admin=True)
    db.session.add(admin)
    db.session.commit()
    return admin.id


def add_registrations(slug: str, count: int) -> None:
    """``count`` more confirmed registrations for the event ``slug``."""
    import secrets

    from eventapp.core.search import search_text_of
    from eventapp.core.types import RegistrationCategory, RegistrationStatus
    from eventapp.events.models import Event
    from eventapp.extensions import db
    from eventapp.registration.models import Registration

    event_id = db.session.scalar(select(Event.id).where(Event.slug == slug))
    now = datetime.now(UTC)
    rows = [
        {
            "event_id": event_id,
            "name": f"Extra participant {n}",
            "email": f"extra{n}@synthetic.example",
            "affiliation": "Synthetic organisation",
            "category": RegistrationCategory.PARTICIPANT,
            "status": RegistrationStatus.CONFIRMED,
            "confirmed_at": now,
            "consent_at": now,
            "secret": secrets.token_urlsafe(32),
            "checkin_code": secrets.token_urlsafe(16),
            "language": "en",
            "dietary_needs": "",
            "accessibility_needs": "",
            "note": "",
            "search_text": search_text_of(
                f"Extra participant {n}", f"extra{n}@synthetic.example", "Synthetic organisation"
            ),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(count)
    ]
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Registration), rows[start : start + 5000])


def wipe() -> None:
    """Empty every table (between two scales on one database)."""
    from eventapp.extensions import db

    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


PAGES = [
    ("event page, 200 sessions", f"/events/{BIG}/"),
    ("event page, ~10 sessions", f"/events/{SMALL}/"),
    ("event feed, 200 sessions", f"/events/{BIG}/calendar.ics"),
    ("site feed, every event", "/calendar.ics"),
    ("CSV, small event", f"/manage/events/{SMALL}/registrations.csv"),
    ("CSV, big event", f"/manage/events/{BIG}/registrations.csv"),
    (".xlsx, small event", f"/manage/events/{SMALL}/registrations.xlsx"),
    (".xlsx, big event", f"/manage/events/{BIG}/registrations.xlsx"),
    (
        "search ÖBERG-style, big event",
        f"/manage/events/{BIG}/registrations?q=EXTRA+PARTICIPANT+4999",
    ),
    ("door search, big event", f"/manage/events/{BIG}/checkin/search?q=extra49"),
]


def measure(app, client, path: str, repeats: int) -> tuple[float, int, int, int]:
    """(median seconds, SQL statements of one request, bytes, rows shown) of GET ``path``."""
    from eventapp.calendar.http import etags
    from eventapp.extensions import db

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    client.get(path).close()  # a first request opens the connection (SQLite: PRAGMAs)
    etags.clear()
    db.session.remove()  # nothing cached from an earlier request: count what one request sends
    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: {response.status_code}")
    body = response.get_data()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(path).close()
        times.append(time.perf_counter() - started)
    shown = body.count(b"BEGIN:VEVENT") if path.endswith(".ics") else body.count(b"\n") - 1
    if path.endswith("/"):
        shown = body.count(SESSION_ROW)
    return statistics.median(times), len(statements), len(body), shown


def make_app(database_url: str | None, instance: Path):
    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = database_url or f"sqlite:///{instance / 'growth.sqlite3'}"
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(config.SQLALCHEMY_DATABASE_URI)
    return create_app(config)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an EMPTY database (default: SQLite, temporary)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from flask_migrate import upgrade

    from eventapp.auth.models import User
    from eventapp.auth.session_services import start_session
    from eventapp.extensions import db

    with tempfile.TemporaryDirectory(prefix="eventapp-growth-") as tmp:
        app = make_app(args.database_url, Path(tmp))
        results: dict[str, list[tuple[int, float, int, int, int]]] = {n: [] for n, _ in PAGES}
        with app.app_context():
            upgrade()
            db.engine.dispose()
            for factor in args.scales:
                scale = Scale.of(factor)
                wipe()
                started = time.perf_counter()
                admin_id = load(scale)
                print(
                    f"{factor}x: {scale.events:,} events, {scale.sessions:,} sessions, "
                    f"{scale.registrations + scale.big_extra:,} registrations "
                    f"(loaded in {time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
                client = app.test_client()
                admin = db.session.get(User, admin_id)
                start_session(admin, "bench.growth")  # the server-side half of a login
                with client.session_transaction() as session:
                    session["_user_id"], session["_fresh"] = admin.get_id(), True
                for name, path in PAGES:
                    seconds, queries, size, shown = measure(app, client, path, args.repeats)
                    results[name].append((factor, seconds, queries, size, shown))
            wipe()
    print()
    print("| what | " + " | ".join(f"{k}x: ms · queries · shown" for k in args.scales) + " |")
    print("|---|" + "---|" * len(args.scales))
    for name, rows in results.items():
        cells = [f"{s * 1000:,.1f} · {q} · {n:,}" for _k, s, q, _b, n in rows]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
