"""Calendar feed benchmark: the site feed over the synthetic campus (1,000 events, 10 sessions
each): build time, bytes, and requests per second for a 200 and a 304, next to a hello-world
endpoint of the same app in the same run.

    .venv/bin/python -m bench.feeds                       # SQLite in a temporary directory
    .venv/bin/python -m bench.feeds --database-url postgresql+psycopg://postgres@127.0.0.1/x

The app is served by werkzeug's threaded server on loopback, in this process; each load loop
runs ``--clients`` threads for ``--seconds`` (bounded by ``--max-requests``). Targets: the
304 path at >= 50 % of the hello-world rate, the full build under 1 s.
"""

from __future__ import annotations

import argparse
import http.client
import logging
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import true
from werkzeug.serving import make_server


def _app(database_url: str | None, instance: Path):
    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = database_url or f"sqlite:///{instance / 'bench.sqlite3'}"
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(config.SQLALCHEMY_DATABASE_URI)
    app = create_app(config)
    app.add_url_rule("/hello", "hello", lambda: "Hello, world!")
    return app


def _prepare(app, events: int, sessions: int) -> None:
    from flask_migrate import upgrade

    from bench.synth import load_campus

    with app.app_context():
        upgrade()
        started = time.perf_counter()
        counts = load_campus(events, sessions, 0)
        print(f"loaded {counts} in {time.perf_counter() - started:.1f} s")


def _time_builds(app, repeats: int, with_sessions: bool) -> None:
    """Build time of the site feed (and, for scale, of every event with its sessions)."""
    from dataclasses import replace

    from eventapp.calendar import feeds
    from eventapp.calendar.views import _build
    from eventapp.extensions import db

    with app.test_request_context("/calendar.ics"):
        site = feeds.site_scope()
        everything = replace(site, key="everything", sessions_where=true)
        scopes = [("site feed", site)]
        if with_sessions:
            scopes.append(("all events + sessions", everything))
        for label, scope in scopes:
            times, cpu, body = [], [], b""
            for _ in range(repeats):
                db.session.expire_all()
                started, started_cpu = time.perf_counter(), time.process_time()
                body = _build(scope)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            print(
                f"build {label}: median {statistics.median(times) * 1000:.1f} ms wall "
                f"(min {min(times) * 1000:.1f}), {statistics.median(cpu) * 1000:.1f} ms CPU, "
                f"{len(body):,} bytes, {body.count(b'BEGIN:VEVENT'):,} VEVENTs"
            )
            if label == "site feed":
                wall = "OK" if statistics.median(times) < 1 else "MISSED"
                on_cpu = "OK" if statistics.median(cpu) < 1 else "MISSED"
                print(f"  target: full build < 1 s -> wall {wall}, CPU {on_cpu}")


def _load(port: int, path: str, headers: dict, expect: int, args) -> float:
    """Requests per second of ``--clients`` threads hitting ``path`` for ``--seconds``."""
    done = [0] * args.clients
    failures = [0] * args.clients
    deadline = time.perf_counter() + args.seconds
    per_client = args.max_requests // args.clients

    def client(index: int) -> None:
        while time.perf_counter() < deadline and done[index] < per_client:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == expect:
                done[index] += 1
            else:
                failures[index] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if sum(failures):
        raise SystemExit(f"{path}: {sum(failures)} responses were not {expect}")
    return sum(done) / elapsed


def _serve_and_measure(app, args) -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_port
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/calendar.ics")
        first = connection.getresponse()
        body = first.read()
        etag = first.getheader("ETag")
        connection.close()
        print(f"GET /calendar.ics: {first.status}, {len(body):,} bytes, ETag {etag}")
        rates = {
            "hello world": _load(port, "/hello", {}, 200, args),
            "feed 304": _load(port, "/calendar.ics", {"If-None-Match": etag}, 304, args),
            "feed 200": _load(port, "/calendar.ics", {}, 200, args),
        }
    finally:
        server.shutdown()
    hello = rates["hello world"]
    for label, rate in rates.items():
        print(f"{label:12s}: {rate:8.1f} requests/s ({rate / hello * 100:5.1f} % of hello world)")
    verdict = "OK" if rates["feed 304"] >= 0.5 * hello else "MISSED"
    print(f"  target: 304 >= 50 % of hello world -> {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--skip-load", action="store_true", help="database already loaded")
    parser.add_argument(
        "--with-sessions", action="store_true", help="also time every event with its sessions"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = _app(args.database_url, Path(tmp))
        if not args.skip_load:
            _prepare(app, args.events, args.sessions)
        print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        _time_builds(app, args.repeats, args.with_sessions)
        _serve_and_measure(app, args)


if __name__ == "__main__":
    main()
