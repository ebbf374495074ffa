"""What a public page costs to render, in-process (a page-cache miss): median ms, CPU, bytes.

    .venv/bin/python -m bench.pages                  # fresh PostgreSQL database, synthetic campus
    .venv/bin/python -m bench.pages --database-url postgresql+psycopg://postgres@127.0.0.1/x
    .venv/bin/python -m bench.pages --requests 100 --calls

Without ``--database-url`` a fresh PostgreSQL database is created, migrated, loaded with
``bench.synth.load_campus(1000, 10000, 50000)`` and dropped at the end; with it, the database
must already hold that campus. The page cache is off (``PAGE_CACHE_SECONDS = 0``): every
request renders. Each page is requested a few times first (templates compiled, connections
open), then ``--requests`` times; the table gives the median wall time, the median CPU time of
this process (the database server's work is not in it, its waits are in the wall time), the
page's size and its SQL statements. ``--calls`` adds the Python function calls of one request
(cProfile), a count that does not depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy import text

PAGES = [
    ("home", "/"),
    ("events list", "/events/"),
    ("event page, 200 sessions", "/events/synthetic-big/"),
    ("event page, 200 sessions, sv", "/events/synthetic-big/?lang=sv"),
    ("event page, ~10 sessions", "/events/synthetic-event-0001/"),
    ("series, 1,000 editions", "/series/synthetic-series/"),
]


def make_app(database_url: str, instance: Path):
    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(database_url)
    config.PAGE_CACHE_SECONDS = 0  # measure the render, not the cache
    return create_app(config)


def statements_of(app, client, path: str) -> int:
    from eventapp.extensions import db

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    with app.app_context():
        sa_event.listen(db.engine, "before_cursor_execute", count)
        try:
            client.get(path).close()
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def measure(app, client, path: str, requests: int, calls: bool) -> dict[str, float]:
    for _ in range(5):
        client.get(path).close()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    size = len(response.get_data())
    wall, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path).close()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    row = {
        "ms": statistics.median(wall) * 1000,
        "cpu": statistics.median(cpu) * 1000,
        "bytes": size,
        "sql": statements_of(app, client, path),
    }
    if calls:
        profile = cProfile.Profile()
        profile.runcall(lambda: client.get(path).close())
        row["calls"] = pstats.Stats(profile).total_calls
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a database already holding the synthetic campus")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--calls", action="store_true", help="count Python calls per request")
    args = parser.parse_args()
    from bench.common import given_or_fresh_database

    with (
        given_or_fresh_database(args.database_url, "eventapp_pages") as (url, fresh),
        tempfile.TemporaryDirectory(prefix="eventapp-pages-") as tmp,
    ):
        app = make_app(url, Path(tmp))
        if fresh:
            from bench.synth import load_campus
            from eventapp.extensions import db

            with app.app_context():
                load_campus(1000, 10000, 50000)
                db.session.execute(text("ANALYZE"))
                db.session.commit()
                db.engine.dispose()
        client = app.test_client()
        print(f"load average at the start: {os.getloadavg()[0]:.1f}")
        header = "| page | ms (median) | CPU ms | bytes | SQL |" + (" calls |" * args.calls)
        print(header)
        print("|---|---|---|---|---|" + "---|" * args.calls)
        for name, path in PAGES:
            row = measure(app, client, path, args.requests, args.calls)
            cells = [
                f"{row['ms']:.1f}",
                f"{row['cpu']:.1f}",
                f"{row['bytes']:,}",
                f"{row['sql']}",
            ]
            if args.calls:
                cells.append(f"{row['calls']:,}")
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
