"""Registration benchmark: gunicorn (4 sync workers) on PostgreSQL, M concurrent clients
registering N people for ONE event through the real form (CSRF token fetched per client
session), next to a minimal Flask endpoint inserting one row, in the same run.

    .venv/bin/python -m bench.registration                     # N=2000, M=16, capacity N/2
    .venv/bin/python -m bench.registration --people 4000 --clients 32 --capacity 1500

It creates a fresh database (dropped at the end), migrates it, starts both servers on loopback,
and prints, in alternate rounds, insert/s and registrations/s with p50/p99 latency and error
count, the ratio of the two per round and its median, and the checks (confirmed beyond
capacity, duplicate addresses, anyone confirmed after the first to wait, a waiting-list e-mail
with a wrong position). Target (#24): >= 25 % of the ceiling, every check 0. Every loop is
bounded by the number of people; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import free_port, percentile, run_clients

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def ceiling_app():
    """The stack's ceiling: Flask + SQLAlchemy inserting one row per POST, nothing else."""
    from flask import Flask

    engine = create_engine(os.environ["BENCH_DATABASE_URL"], pool_size=2)
    app = Flask(__name__)

    @app.post("/insert")
    def insert():
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO bench_rows (name) VALUES (:n)"), {"n": "x"})
        return "", 204

    return app


def start_gunicorn(
    spec: str, port: int, env: dict[str, str], workers: int, threads: int = 1
) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    command += ["--threads", str(threads)]
    command += ["--log-level", "warning", spec]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start on port {port}")


def register_one(slug: str, run: str):
    """One client session: GET the form once for its CSRF token and cookie, then POST."""

    def one(conn: http.client.HTTPConnection, state: dict, i: int) -> int:
        if "token" not in state:
            conn.request("GET", f"/events/{slug}/register")
            response = conn.getresponse()
            page = response.read().decode()
            state["cookie"] = response.getheader("Set-Cookie", "").split(";", 1)[0]
            state["token"] = TOKEN.search(page).group(1)
        body = urlencode(
            {
                "csrf_token": state["token"],
                "name": f"Bench Person {i}",
                "email": f"bench{i}-{run}@example.org",
                "affiliation": "Karolinska Institutet",
                "category": "participant",
                "consent": "y",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": state["cookie"],
        }
        conn.request("POST", f"/events/{slug}/register", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status

    return one


def form_page(slug: str):
    """GET the registration form (to warm the workers up)."""

    def one(conn: http.client.HTTPConnection, _state: dict, _i: int) -> int:
        conn.request("GET", f"/events/{slug}/register")
        response = conn.getresponse()
        response.read()
        return response.status

    return one


def insert_one(conn: http.client.HTTPConnection, _state: dict, _i: int) -> int:
    conn.request("POST", "/insert", body=b"")
    response = conn.getresponse()
    response.read()
    return response.status


def prepare(url: str, capacity: int, instance: Path) -> str:
    """Migrate the fresh database and create the event; returns its slug."""
    from datetime import timedelta

    from flask_migrate import upgrade

    from eventapp import create_app
    from eventapp.config import Config, engine_options
    from eventapp.core.db import utcnow
    from eventapp.core.types import EventStatus
    from eventapp.events.models import Event
    from eventapp.extensions import db

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = url
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(url)
    app = create_app(config)
    with app.app_context():
        upgrade()
        start = utcnow() + timedelta(days=30)
        event = Event(
            slug="bench-symposium",
            title="Benchmark symposium",
            starts_at=start,
            ends_at=start + timedelta(hours=8),
            status=EventStatus.PUBLISHED,
            capacity=capacity,
            waitlist_enabled=True,
            confirm_email=False,  # the immediate path: a hold is the same work, other statuses
        )
        db.session.add(event)
        db.session.execute(text("CREATE TABLE bench_rows (id serial PRIMARY KEY, name text)"))
        db.session.commit()
        db.engine.dispose()
    return "bench-symposium"


def check(url: str, capacity: int) -> dict[str, int]:
    """Overbooking, duplicates and the waiting list's order, straight from the database: no one
    confirmed after the first to wait (all registered in one go, nobody cancels), and every
    waiting-list e-mail tells the position the person has (rank by waitlisted_at, id)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT status, count(*) FROM registrations GROUP BY status")
        ).all()
        counts = {status: n for status, n in rows}
        duplicates = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT email FROM registrations GROUP BY email "
                "HAVING count(*) > 1) d"
            )
        ).scalar_one()
        outbox = conn.execute(text("SELECT count(*) FROM outbox_messages")).scalar_one()
        jumps = conn.execute(
            text(
                "SELECT count(*) FROM registrations WHERE status = 'confirmed' AND id > "
                "(SELECT min(id) FROM registrations WHERE status = 'waitlisted')"
            )
        ).scalar_one()
        wrong_positions = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT (m.render_context->>'position')::int AS told, "
                "row_number() OVER (ORDER BY r.waitlisted_at, r.id) AS rank "
                "FROM registrations r JOIN outbox_messages m ON m.registration_id = r.id "
                "AND m.kind = 'registration_waitlisted' WHERE r.status = 'waitlisted') q "
                "WHERE told IS DISTINCT FROM rank"
            )
        ).scalar_one()
    engine.dispose()
    confirmed = counts.get("confirmed", 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get("waitlisted", 0),
        "overbooked": max(0, confirmed - capacity),
        "duplicates": duplicates,
        "outbox": outbox,
        "queue jumps": jumps,
        "wrong positions": wrong_positions,
    }


def report(name: str, seconds: float, latencies: list[float], statuses: list[int], ok: int):
    errors = sum(1 for s in statuses if s != ok)
    print(
        f"{name:<26} {len(statuses) / seconds:8.1f} req/s"
        f"   p50 {percentile(latencies, 0.5) * 1000:6.1f} ms"
        f"   p99 {percentile(latencies, 0.99) * 1000:7.1f} ms   errors {errors}"
    )
    return len(statuses) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000, help="registrations to make (N)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (M)")
    parser.add_argument("--capacity", type=int, default=None, help="places (default N/2)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="per worker (1: sync workers)")
    parser.add_argument("--rounds", type=int, default=3, help="alternate rounds of N/rounds each")
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    args = parser.parse_args()
    capacity = args.capacity if args.capacity is not None else args.people // 2

    base = make_url(args.database_url)
    name = f"eventapp_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    processes: list[subprocess.Popen] = []
    try:
        with tempfile.TemporaryDirectory() as instance:
            slug = prepare(url, capacity, Path(instance))
            env = {
                "EVENTAPP_DATABASE_URL": url,
                "BENCH_DATABASE_URL": url,
                "EVENTAPP_INSTANCE_PATH": instance,
                "EVENTAPP_SECRET_KEY": "bench-" + uuid.uuid4().hex,
                "EVENTAPP_REGISTRATION_RATE_LIMIT": "100000 per second",  # clients share 127.0.0.1
                "EVENTAPP_ALTCHA": "0",  # a browser's proof of work: measured by bench.proof
                "EVENTAPP_BASE_URL": "http://127.0.0.1",
            }
            app_port, ceiling_port = free_port(), free_port()
            for spec, port in (
                ("eventapp:create_app()", app_port),
                ("bench.registration:ceiling_app()", ceiling_port),
            ):
                processes.append(start_gunicorn(spec, port, env, args.workers, args.threads))
            print(
                f"N={args.people} people, M={args.clients} clients, capacity {capacity}, "
                f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL, "
                f"{os.cpu_count()} cores"
            )
            # Warm both up before any figure: gunicorn listens before its workers have imported
            # the app, and four workers booting would slow whatever is measured first.
            run_clients(args.clients, args.clients * 4, insert_one, ceiling_port)
            run_clients(args.clients, args.clients * 4, form_page(slug), app_port)
            time.sleep(3)
            # Alternate rounds: the machine's load moves within a run, and a ratio is only
            # fair between figures measured at the same moment.
            ratios = []
            for n in range(args.rounds):
                people = args.people // args.rounds
                ceiling = report(
                    f"{n + 1}: minimal insert endpoint",
                    *run_clients(args.clients, people, insert_one, ceiling_port),
                    ok=204,
                )
                rate = report(
                    f"{n + 1}: registration (form POST)",
                    *run_clients(
                        args.clients,
                        people,
                        register_one(slug, uuid.uuid4().hex[:6]),
                        app_port,
                    ),
                    ok=303,
                )
                ratios.append(rate / ceiling)
                print(f"{n + 1}: ratio to the ceiling    {rate / ceiling:8.1%}")
            ratio = sorted(ratios)[len(ratios) // 2]
            result = check(url, capacity)
            print(f"median ratio to the ceiling {ratio:7.1%}   load average {os.getloadavg()}")
            print("database after the run     " + ", ".join(f"{k} {v}" for k, v in result.items()))
            faults = ("overbooked", "duplicates", "queue jumps", "wrong positions")
            verdict = "PASS" if ratio >= 0.25 and not any(result[k] for k in faults) else "FAIL"
            print(f"target >= 25 % of the ceiling, 0 overbooked, waiting list in order: {verdict}")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
