"""What a calendar feed costs to build, in-process: CPU ms (median), Python calls, bytes, SQL.

    .venv/bin/python -m bench.feeds_cpu          # a fresh PostgreSQL database, synthetic campus
    .venv/bin/python -m bench.feeds_cpu --database-url postgresql+psycopg://postgres@127.0.0.1/x

The feeds of issue #24: the full-event feed of the 200-session event, the site feed (1,000
events; built once per change of the site, then kept, but measured here with the page cache
off, so every request builds it), one session's download, and a personal agenda. The agenda
is the first registration of ``synthetic-big``, given eight confirmed sessions over the two
days if it holds none (``bench.synth`` makes no choices): a participant's realistic agenda.
Each row: the median CPU time of this process per request (``time.process_time``, after five
warm-up requests), the Python function calls of one request (cProfile: does not depend on the
machine's load), the response's bytes and its SQL statements. ``--gunicorn`` also loads the
personal agenda through gunicorn (4 sync workers, as ``bench.run``) for ``--seconds``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from sqlalchemy import text

AGENDA_SESSIONS = 8


def agenda_secret(app) -> str:
    """The secret of the first registration of ``synthetic-big``, with a realistic agenda."""
    from eventapp.extensions import db

    with app.app_context():
        registration_id, secret = db.session.execute(
            text(
                "SELECT r.id, r.secret FROM registrations r JOIN events e ON e.id = r.event_id "
                "WHERE e.slug = 'synthetic-big' ORDER BY r.id LIMIT 1"
            )
        ).one()
        held = db.session.execute(
            text("SELECT count(*) FROM registration_choices WHERE registration_id = :id"),
            {"id": registration_id},
        ).scalar_one()
        if not held:
            # Every 25th session: eight talks spread over the event's two days.
            db.session.execute(
                text(
                    "INSERT INTO registration_choices "
                    "(registration_id, session_id, status, created_at) "
                    "SELECT :id, s.id, 'confirmed', s.created_at FROM sessions s "
                    "JOIN events e ON e.id = s.event_id WHERE e.slug = 'synthetic-big' "
                    "AND (s.id - (SELECT min(id) FROM sessions WHERE event_id = e.id)) % 25 = 0 "
                    "ORDER BY s.id LIMIT :n"
                ),
                {"id": registration_id, "n": AGENDA_SESSIONS},
            )
            db.session.commit()
        return secret


def feeds(app) -> list[tuple[str, str]]:
    """(name, path) of the feeds measured."""
    from eventapp.extensions import db

    secret = agenda_secret(app)
    with app.app_context():
        session_id = db.session.execute(
            text(
                "SELECT min(s.id) FROM sessions s JOIN events e ON e.id = s.event_id "
                "WHERE e.slug = 'synthetic-big'"
            )
        ).scalar_one()
    return [
        ("full-event feed, 200 sessions", "/events/synthetic-big/calendar.ics"),
        ("site feed, 1,000 events", "/calendar.ics"),
        ("one session's download", f"/events/synthetic-big/calendar.ics?session={session_id}"),
        (f"personal agenda, {AGENDA_SESSIONS} sessions", f"/r/{secret}/agenda.ics"),
    ]


def gunicorn_rates(url: str, path: str, seconds: float) -> list[str]:
    """Requests per second of the personal agenda through gunicorn, as ``bench.run`` loads it,
    and of hello world (the ceiling) before and after it, with the same settings."""
    import secrets

    from bench.common import free_port, get_load, start_gunicorn, stop
    from bench.run import THREADS, WORKERS

    with tempfile.TemporaryDirectory(prefix="eventapp-feeds-") as tmp:
        env = {
            "EVENTAPP_DATABASE_URL": url,
            "EVENTAPP_INSTANCE_PATH": tmp,
            "EVENTAPP_SECRET_KEY": secrets.token_urlsafe(32),
            "EVENTAPP_PAGE_CACHE_SECONDS": "0",
        }
        ports = {"agenda": free_port(), "hello": free_port()}
        servers = {
            "agenda": start_gunicorn(
                "wsgi:app", ports["agenda"], env, WORKERS, THREADS, "/healthz"
            ),
            "hello": start_gunicorn(
                "bench.common:hello_app()", ports["hello"], env, WORKERS, THREADS, "/"
            ),
        }
        try:
            get_load(ports["agenda"], path, seconds=1, clients=16)  # warm every worker
            runs = [
                ("hello world", get_load(ports["hello"], "/", seconds=seconds, clients=16)),
                ("personal agenda", get_load(ports["agenda"], path, seconds=seconds, clients=16)),
                ("hello world", get_load(ports["hello"], "/", seconds=seconds, clients=16)),
            ]
        finally:
            for server in servers.values():
                stop(server)
    return [
        f"{name} through gunicorn: {load.rate:,.0f} req/s, p50 {load.p50 * 1000:.1f} ms, "
        f"{load.errors} errors ({load.tool}, {WORKERS} sync workers)"
        for name, load in runs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a database already holding the synthetic campus")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--gunicorn", action="store_true", help="also load the agenda via gunicorn")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--only", default="", help="only the feeds whose name contains this")
    args = parser.parse_args()
    from bench import pages as page_bench
    from bench.common import given_or_fresh_database

    with (
        given_or_fresh_database(args.database_url, "eventapp_feeds") as (url, fresh),
        tempfile.TemporaryDirectory(prefix="eventapp-feeds-") as tmp,
    ):
        app = page_bench.make_app(url, Path(tmp))
        if fresh:
            from bench.synth import load_campus
            from eventapp.extensions import db

            with app.app_context():
                load_campus(1000, 10000, 50000)
                db.session.execute(text("ANALYZE"))
                db.session.commit()
        client = app.test_client()
        print(f"load average at the start: {os.getloadavg()[0]:.1f}")
        print("| feed | CPU ms (median) | calls | bytes | SQL |")
        print("|---|---|---|---|---|")
        paths = feeds(app)
        for name, path in [(name, path) for name, path in paths if args.only in name]:
            row = page_bench.measure(app, client, path, args.requests, calls=True)
            print(
                f"| {name} | {row['cpu']:.2f} | {row['calls']:,} | {row['bytes']:,} "
                f"| {row['sql']} |",
                flush=True,
            )
        if args.gunicorn:
            with app.app_context():
                from eventapp.extensions import db

                db.engine.dispose()
            for line in gunicorn_rates(url, paths[-1][1], args.seconds):
                print(line)


if __name__ == "__main__":
    main()
