"""Badge benchmark: a 1,000-badge PDF (seconds, peak memory) and door check-in latency.

    .venv/bin/python -m bench.badges                    # SQLite file in a temporary folder
    .venv/bin/python -m bench.badges --postgres         # a fresh PostgreSQL database (dropped)
    .venv/bin/python -m bench.badges --badges 2000 --scanners 20 --workers 4

1. PDF: the organiser's path (select + sort the confirmed registrations, render) for each layout,
   timed without tracing; then the A6-on-A4 batch again under tracemalloc for the Python peak,
   and the process's ru_maxrss. Targets: <= 10 s and <= 300 MB for 1,000 badges.
2. Check-in: gunicorn (sync workers; ``--threads`` n for gthread) on 127.0.0.1 against the same
   database, warmed up;
   ``--scanners`` doors post ``{"code": "<BASE_URL>/c/<code>"}`` with a bearer token, each for
   its own share of the badges, in two runs on badges nobody has scanned yet:
   - saturation: back to back, no pause (then every door re-scans five: amber): the server's
     capacity (scans/s) and the latency of its queue;
   - paced: each door about every ``--pace`` seconds (default 0.5: 40 scans/s offered by 20
     doors) for ``--paced-seconds``: the latency a door sees on a busy morning.
   The doors run as threads in ``--client-processes`` processes of their own (default 2), so
   one GIL does not queue every door's answer. Each run prints p50/p99, answers by colour, the
   CPU per scan of the gunicorn workers and of PostgreSQL's backends (measured while the doors
   scan, from /proc; the client's too), and checks that each person was counted exactly once.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import secrets
import socket
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from bench.common import PG_ADMIN, free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://events.example.org"
FIRST = ["Åsa", "Jörg", "Élodie", "Łukasz", "Ayşe", "Ñuño", "Anna", "Mohammed", "Li", "Karin"]
LAST = ["Öberg", "Müller", "Señorán", "Łęcki", "Şahin", "Ibáñez", "Lindqvist", "Al-Sayed", "Wang"]


def make_database(postgres: bool, folder: Path) -> tuple[str, str | None]:
    """A fresh database URL (and the PostgreSQL database name to drop afterwards)."""
    if not postgres:
        return f"sqlite:///{folder / 'bench.sqlite3'}", None
    name = f"eventapp_bench_badges_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False), name


def drop_database(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def seed(app, count: int) -> tuple[str, str, list[str]]:
    """Migrate, then an event with ``count`` confirmed registrations: (slug, token, codes)."""
    from flask_migrate import upgrade

    from eventapp.badges.tokens import create_api_token
    from eventapp.core.db import utcnow
    from eventapp.core.types import RegistrationCategory
    from eventapp.extensions import db
    from eventapp.registration.models import Registration
    from tests.builders import make_event, make_organisation, make_user

    with app.app_context():
        upgrade()
        organisation = make_organisation("Karolinska Institutet")
        event = make_event("Collaboration in Science 2026", organisers=[organisation])
        user = make_user("door@example.org", organisations=[organisation])
        db.session.commit()
        categories = list(RegistrationCategory)
        now = utcnow()
        codes = [secrets.token_urlsafe(16) for _ in range(count)]
        rows = [
            {
                "event_id": event.id,
                "name": f"{FIRST[n % len(FIRST)]} {LAST[n // 10 % len(LAST)]} {n:04d}",
                "email": f"person{n}@example.org",
                "affiliation": "Karolinska Institutet, Department of Laboratory Medicine",
                "category": categories[n % len(categories)],
                "confirmed_at": now,
                "consent_at": now,
                "secret": secrets.token_urlsafe(32),
                "checkin_code": codes[n],
            }
            for n in range(count)
        ]
        db.session.execute(insert(Registration), rows)
        # The planner's statistics, as autovacuum has them a minute after a bulk load (without,
        # PostgreSQL counts an event's rows through the e-mail index: four times the work).
        db.session.execute(text("ANALYZE registrations"))
        db.session.commit()
        _token, plain = create_api_token(user, "bench scanner", [event])
        return event.slug, plain, codes


def bench_pdf(app, slug: str) -> dict[str, float]:
    """Seconds per layout, then the Python peak (tracemalloc) and the process's peak RSS."""
    from eventapp.badges.layouts import LAYOUTS
    from eventapp.badges.pdf import render_badges
    from eventapp.badges.services import BadgeSelection, select_badge_registrations
    from eventapp.events.models import Event
    from eventapp.extensions import db

    figures: dict[str, float] = {}
    with app.app_context():
        event = db.session.query(Event).filter_by(slug=slug).one()

        def run(key: str) -> bytes:
            registrations = select_badge_registrations(event, BadgeSelection())
            return render_badges(event, registrations, LAYOUTS[key], base_url=BASE_URL)

        for key in LAYOUTS:
            start, cpu = time.perf_counter(), time.process_time()
            pdf = run(key)
            figures[f"seconds_{key}"] = time.perf_counter() - start
            # CPU seconds too: on a shared machine the wall clock includes waiting for a core.
            figures[f"cpu_seconds_{key}"] = time.process_time() - cpu
            figures[f"mb_pdf_{key}"] = len(pdf) / 1e6
            db.session.expunge_all()
        tracemalloc.start()
        run("a6x4")
        figures["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    figures["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (from /proc; gone processes count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _sql(url: str, statement: str) -> tuple[list, int]:
    """Run one statement on its own connection, committed: (rows, rowcount)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        result = conn.execute(text(statement))
        rows = list(result) if result.returns_rows else []
    engine.dispose()
    return rows, result.rowcount


def _backend_pids(url: str) -> list[int]:
    """PostgreSQL's server processes serving ``url``'s database (none on SQLite)."""
    if not url.startswith("postgresql"):
        return []
    rows, _count = _sql(
        url,
        "SELECT pid FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    return [row[0] for row in rows]


def scan_request(slug: str, token: str, code: str) -> bytes:
    """The bytes a scanner app sends for one badge (one connection per scan: sync workers
    close it after the answer, as they would a real scanner's)."""
    body = json.dumps({"code": f"{BASE_URL}/c/{code}"}).encode()
    head = (
        f"POST /manage/events/{slug}/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def exchange(port: int, request: bytes) -> str:
    """Send one scan and read the answer to the end: its colour, or ``http <status>``."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    head, _sep, body = b"".join(chunks).partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1].decode() if head else "none"
    if status != "200":
        return f"http {status}"
    return json.loads(body).get("colour", "none")


def door(
    port: int, slug: str, token: str, codes: list[str], pace: float, start_at: float, seed: int
) -> tuple[list[tuple[float, str]], int, float]:
    """One door scanning ``codes`` in turn: back to back (``pace`` 0) or about every ``pace``
    seconds (each gap drawn from 0.5-1.5 x ``pace``, the first at a random moment, so doors are
    not in step). Returns (latency, colour) per scan, the scans started late, and the end time.

    A scan is due at a fixed time whatever the previous answer took, so a slow server does not
    lower the rate offered; a late scan is sent at once and counted. The requests are built
    before the clock runs and sent over plain sockets: the doors share the two cores with the
    server, and a lighter client leaves more of them to it (as wrk does for the pages)."""
    rng = random.Random(seed)
    requests = [scan_request(slug, token, code) for code in codes]
    answers: list[tuple[float, str]] = []
    late = 0
    due = start_at + rng.uniform(0, pace)
    for request in requests:
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        elif pace and wait < -0.005:
            late += 1
        start = time.monotonic()
        colour = exchange(port, request)
        answers.append((time.monotonic() - start, colour))
        due += rng.uniform(0.5 * pace, 1.5 * pace)
    return answers, late, time.monotonic()


def _door_group(port, slug, token, shares, pace, start_at, seed) -> tuple[list, int, float, float]:
    """In a client process of its own: one thread per door; also this process's CPU."""
    cpu = time.process_time()
    results: list = [None] * len(shares)

    def run(n: int) -> None:
        results[n] = door(port, slug, token, shares[n], pace, start_at, seed + n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(shares))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = [answer for result in results for answer in result[0]]
    late = sum(result[1] for result in results)
    return answers, late, max(result[2] for result in results), time.process_time() - cpu


def run_doors(
    port: int,
    slug: str,
    token: str,
    shares: list[list[str]],
    pace: float = 0.0,
    processes: int = 2,
    server_pids: list[int] | None = None,
    database_url: str = "",
) -> dict[str, float]:
    """``len(shares)`` doors against the server on ``port``, spread over ``processes`` client
    processes (so the clients' GIL is not one lock for every door); p50/p99 in ms and, when
    given the server's pids and database URL, the CPU per scan of the app and the database."""
    processes = max(1, min(processes, len(shares)))
    groups = [shares[n::processes] for n in range(processes)]
    server_pids = server_pids or []
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        pool.map(time.sleep, [0] * processes)  # the client processes are up before the clock runs
        backends = _backend_pids(database_url) if database_url else []
        server_cpu, database_cpu = _cpu_seconds(server_pids), _cpu_seconds(backends)
        start_at = time.monotonic() + 0.5
        parts = pool.starmap(
            _door_group,
            [
                (port, slug, token, group, pace, start_at, 1000 * n)
                for n, group in enumerate(groups)
            ],
        )
        # Only while the doors scanned: the server's start-up and imports are not in it.
        server_cpu = _cpu_seconds(server_pids) - server_cpu
        database_cpu = _cpu_seconds(backends) - database_cpu
    elapsed = max(part[2] for part in parts) - start_at
    answers = [answer for part in parts for answer in part[0]]
    latencies = sorted(latency for latency, _colour in answers)
    colours = [colour for _latency, colour in answers]
    scans = len(answers)
    figures = {
        "scans": scans,
        "scans_per_second": scans / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(scans - 1, int(scans * 0.99))] * 1000,
        "late_starts": sum(part[1] for part in parts),
        "green": colours.count("green"),
        "amber": colours.count("amber"),
        "other": scans - colours.count("green") - colours.count("amber"),
        "client_cpu_ms_per_scan": sum(part[3] for part in parts) * 1000 / scans,
    }
    if server_pids:
        figures["server_cpu_ms_per_scan"] = server_cpu * 1000 / scans
    if backends:
        figures["database_cpu_ms_per_scan"] = database_cpu * 1000 / scans
    return figures


def reset_checkins(url: str) -> int:
    """Nobody checked in (between runs); returns how many were."""
    return _sql(
        url,
        "UPDATE registrations SET checked_in_at = NULL, checked_in_by_id = NULL "
        "WHERE checked_in_at IS NOT NULL",
    )[1]


def checkin_runs(
    port: int,
    url: str,
    slug: str,
    token: str,
    codes: list[str],
    scanners: int = 20,
    pace: float = 0.5,
    paced_seconds: float = 15.0,
    processes: int = 2,
    server_pids: list[int] | None = None,
) -> dict[str, dict[str, float]]:
    """The door against the server on ``port`` (database ``url``), warmed up first, then twice,
    each run on badges nobody has scanned yet (check-ins are reset after each):

    - ``saturation``: every door scans its share back to back (then re-scans five: amber);
      the server's capacity, with the latency of a queue.
    - ``paced``: every door scans a badge about every ``pace`` seconds for ``paced_seconds``
      (``scanners / pace`` scans/s offered): the latency a door sees on a busy morning.
    """
    shares = [codes[n::scanners] for n in range(scanners)]
    per_door = max(1, int(paced_seconds / pace)) if pace > 0 else 0
    plans = {
        "saturation": (0.0, [share + share[:5] for share in shares]),
        "paced": (pace, [share[:per_door] for share in shares] if per_door else []),
    }
    run_doors(port, slug, token, [[code] for code in codes[:scanners]], 0, processes)
    reset_checkins(url)  # warmed up: the workers have answered scans
    runs: dict[str, dict[str, float]] = {}
    for name, (run_pace, run_shares) in plans.items():
        if not run_shares:
            continue
        load = os.getloadavg()[0]
        figures = run_doors(port, slug, token, run_shares, run_pace, processes, server_pids, url)
        badges = len({code for share in run_shares for code in share})
        once = reset_checkins(url) == badges == figures["green"]
        runs[name] = {
            **figures,
            "offered_scans_per_second": len(run_shares) / run_pace if run_pace else 0.0,
            "load_average": load,
            "checked_in_once": float(once),
        }
    return runs


def bench_checkin(
    env: dict[str, str],
    slug: str,
    token: str,
    codes: list[str],
    workers: int = 4,
    threads: int = 1,
    **options,
) -> dict[str, dict[str, float]]:
    """``checkin_runs`` against a gunicorn of its own (``workers`` workers, ``threads`` each:
    1 is gunicorn's sync worker)."""
    port = free_port()
    server = start_gunicorn("wsgi:app", port, env, workers, threads, "/healthz")
    try:
        for _ in range(100):  # every worker forked, so that its CPU is counted
            pids = _children(server.pid)
            if len(pids) >= workers:
                break
            time.sleep(0.1)
        url = env["EVENTAPP_DATABASE_URL"]
        return checkin_runs(port, url, slug, token, codes, server_pids=pids, **options)
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="per worker (1: sync workers)")
    parser.add_argument(
        "--pace", type=float, default=0.5, help="seconds between scans at a door (0: no paced run)"
    )
    parser.add_argument("--paced-seconds", type=float, default=15.0)
    parser.add_argument(
        "--client-processes", type=int, default=2, help="processes the doors are spread over"
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true", help="only the check-in part")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    folder = Path(tempfile.mkdtemp(prefix="bench-badges-"))
    url, pg_name = make_database(args.postgres, folder)
    env = {
        **os.environ,
        "EVENTAPP_DATABASE_URL": url,
        "EVENTAPP_INSTANCE_PATH": str(folder),
        "EVENTAPP_SECRET_KEY": secrets.token_urlsafe(32),
        "EVENTAPP_BASE_URL": BASE_URL,
    }
    os.environ.update(env)
    try:
        from eventapp import create_app

        app = create_app()
        slug, token, codes = seed(app, args.badges)
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; badges: {args.badges}")
        if not args.skip_pdf:
            pdf = bench_pdf(app, slug)
            for key, value in pdf.items():
                print(f"pdf {key}: {value:.2f}")
            ok = pdf["seconds_a6x4"] <= 10 and pdf["ru_maxrss_mb"] <= 300
            print(f"pdf targets (<= 10 s, <= 300 MB): {'met' if ok else 'MISSED'}")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        with app.app_context():
            from eventapp.extensions import db

            db.engine.dispose()
        runs = bench_checkin(
            env,
            slug,
            token,
            codes,
            scanners=args.scanners,
            workers=args.workers,
            threads=args.threads,
            pace=args.pace,
            paced_seconds=args.paced_seconds,
            processes=args.client_processes,
        )
        for name, figures in runs.items():
            print(f"checkin, {name} ({args.scanners} doors):")
            for key, value in figures.items():
                print(f"  {key}: {value:.1f}")
            ok = figures["p99_ms"] <= 50 and figures["checked_in_once"]
            print(f"  target (p99 <= 50 ms, each counted once): {'met' if ok else 'MISSED'}")
    finally:
        if pg_name:
            drop_database(pg_name)


if __name__ == "__main__":
    main()
