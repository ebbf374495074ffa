"""What the organisers' pages of a big event cost, in-process: median CPU, bytes, SQL statements.

    .venv/bin/python -m bench.backoffice                 # fresh PostgreSQL database, dropped after
    .venv/bin/python -m bench.backoffice --database-url postgresql+psycopg://postgres@127.0.0.1/x
    .venv/bin/python -m bench.backoffice --database-url … --page timetable --requests 50

The event is ``synthetic-big`` of ``bench.synth`` (200 sessions with speakers) with its
registrations topped up to ``--registrations`` (default 2,000, a tenth checked in); a site
admin is logged in. Each page is requested a few times first, then ``--requests`` times; then
five more under cProfile for the Python calls per request (a figure that load does not change).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import func, select, text

PAGES = [
    ("event dashboard", "/manage/events/synthetic-big/"),
    ("timetable", "/manage/events/synthetic-big/timetable"),
    ("registrations list", "/manage/events/synthetic-big/registrations"),
    ("check-in screen", "/manage/events/synthetic-big/checkin"),
]
SLUG = "synthetic-big"


def top_up(registrations: int) -> None:
    """Give ``synthetic-big`` ``registrations`` confirmed registrations (a tenth checked in)."""
    from eventapp.core.db import utcnow
    from eventapp.events.models import Event
    from eventapp.extensions import db
    from eventapp.registration.models import Registration
    from tests.builders import make_registration

    event = db.session.scalars(select(Event).where(Event.slug == SLUG)).one()
    have = db.session.scalar(select(func.count()).where(Registration.event_id == event.id))
    for n in range(have, registrations):
        registration = make_registration(
            event, f"Participant {n}", email=f"participant{n}@example.org"
        )
        if n % 10 == 0:
            registration.checked_in_at = utcnow()
    event.capacity = None
    db.session.commit()


def admin_client(app):
    from eventapp.extensions import db
    from tests.builders import make_user
    from tests.conftest import login

    client = app.test_client()
    with app.app_context():
        user = make_user(f"bench-admin-{uuid.uuid4().hex[:8]}@example.org", site_admin=True)
        db.session.commit()
        with app.test_request_context():
            login(client, user)
        db.session.commit()
    return client


def calls_per_request(client, path: str, requests: int) -> int:
    """cProfile's count of Python calls per request: unlike CPU time, the same under load."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        client.get(path).close()
    profile.disable()
    return pstats.Stats(profile).total_calls // requests


def measure(app, client, path: str, requests: int) -> dict[str, float]:
    from bench.pages import statements_of

    for _ in range(3):
        client.get(path).close()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    cpu = []
    for _ in range(requests):
        started = time.process_time()
        client.get(path).close()
        cpu.append(time.process_time() - started)
    return {
        "cpu": statistics.median(cpu) * 1000,
        "min": min(cpu) * 1000,
        "bytes": len(response.get_data()),
        "sql": statements_of(app, client, path),
        "calls": calls_per_request(client, path, 5),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a database already holding the synthetic campus")
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--page", action="append", help="only the pages whose name contains this (repeatable)"
    )
    args = parser.parse_args()
    from bench.common import ROOT, given_or_fresh_database
    from bench.pages import make_app

    sys.path.insert(0, str(ROOT))  # tests.builders
    with (
        given_or_fresh_database(args.database_url, "eventapp_backoffice") as (url, fresh),
        tempfile.TemporaryDirectory(prefix="eventapp-backoffice-") as tmp,
    ):
        app = make_app(url, Path(tmp))
        with app.app_context():
            from eventapp.extensions import db

            if fresh:
                from bench.synth import load_campus

                load_campus(100, 1000, 5000)
            top_up(args.registrations)
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        client = admin_client(app)
        print("| page | CPU ms (median) | min | bytes | SQL | calls |")
        print("|---|---|---|---|---|---|")
        for name, path in PAGES:
            if args.page and not any(part in name for part in args.page):
                continue
            row = measure(app, client, path, args.requests)
            print(
                f"| {name} | {row['cpu']:.1f} | {row['min']:.1f} | {row['bytes']:,} | "
                f"{row['sql']} | {row['calls']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
