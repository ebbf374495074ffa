"""What the API and the schedule exports cost, in-process, beside the HTML pages: requests per
second of one client, rendered (page cache off) and through the page cache, and 304s.

    .venv/bin/python -m bench.api                      # fresh PostgreSQL database, synthetic campus
    .venv/bin/python -m bench.api --events 100 --sessions 1000 --registrations 5000 --seconds 1
    .venv/bin/python -m bench.api --redis-url redis://127.0.0.1:6379/0   # the cache in Redis

A fresh PostgreSQL database is created, migrated, loaded with ``bench.synth.load_campus`` (the
event ``synthetic-big`` has 200 sessions) and dropped at the end. Two apps run on it in this
process: one with the page cache off (every request renders: a cache miss, what a client with
a cookie costs) and one with it on (memory, or Redis with ``--redis-url``: what anonymous
clients get). Each URL is requested a few times first, then as often as fits in ``--seconds``
through Flask's test client (no sockets: the WSGI app alone); the table gives requests per
second, the median time, the answer's size and its SQL statements when rendered.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bench.pages import statements_of

URLS = [
    ("HTML: events list", "/events/"),
    ("HTML: event page, 200 sessions", "/events/synthetic-big/"),
    ("API: events, 50 a page", "/api/v1/events"),
    ("API: events, 200 a page", "/api/v1/events?per_page=200"),
    ("API: one event", "/api/v1/events/synthetic-big"),
    ("API: 200 sessions", "/api/v1/events/synthetic-big/sessions"),
    ("API: people, 50 a page", "/api/v1/people"),
    ("API: openapi.json", "/api/v1/openapi.json"),
    ("schedule.xml, 200 sessions", "/events/synthetic-big/schedule.xml"),
    ("schedule.json, 200 sessions", "/events/synthetic-big/schedule.json"),
]


def make_app(database_url: str, instance: Path, cache_seconds: int, redis_url: str | None):
    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(database_url)
    config.PAGE_CACHE_SECONDS = cache_seconds
    config.REDIS_URL = redis_url if cache_seconds else None
    return create_app(config)


def rate(client, path: str, seconds: float, headers: dict | None = None) -> dict[str, float]:
    """Requests per second and the median time of ``path`` for ``seconds``."""
    for _ in range(3):
        client.get(path, headers=headers).close()
    response = client.get(path, headers=headers)
    status, size = response.status_code, len(response.get_data())
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        client.get(path, headers=headers).close()
        times.append(time.perf_counter() - started)
    return {
        "status": status,
        "rps": len(times) / sum(times),
        "ms": statistics.median(times) * 1000,
        "bytes": size,
    }


def table(rendered, cached, seconds: float) -> None:
    print("| URL | rendered req/s | ms | cached req/s | ms | 304 req/s | bytes | SQL |")
    print("|---|---|---|---|---|---|---|---|")
    for name, path in URLS:
        miss = rate(rendered["client"], path, seconds)
        assert miss["status"] == 200, (path, miss["status"])
        hit = rate(cached["client"], path, seconds)
        etag = cached["client"].get(path).headers["ETag"]
        not_modified = rate(cached["client"], path, seconds, {"If-None-Match": etag})
        assert not_modified["status"] == 304, path
        sql = statements_of(rendered["app"], rendered["client"], path)
        print(
            f"| {name} | {miss['rps']:,.0f} | {miss['ms']:.1f} | {hit['rps']:,.0f} | "
            f"{hit['ms']:.2f} | {not_modified['rps']:,.0f} | {miss['bytes']:,} | {sql} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--registrations", type=int, default=50000)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--redis-url", help="keep the page cache in Redis (else in memory)")
    args = parser.parse_args()
    from bench.common import create_database, drop_database, flask_db_upgrade
    from bench.synth import load_campus
    from eventapp.extensions import db

    url = create_database(prefix="eventapp_api")
    flask_db_upgrade({"EVENTAPP_DATABASE_URL": url})
    try:
        with tempfile.TemporaryDirectory(prefix="eventapp-api-") as tmp:
            apps = {}
            for name, seconds in (("rendered", 0), ("cached", 3600)):
                instance = Path(tmp) / name
                instance.mkdir()
                app = make_app(url, instance, seconds, args.redis_url)
                apps[name] = {"app": app, "client": app.test_client()}
            with apps["rendered"]["app"].app_context():
                load_campus(args.events, args.sessions, args.registrations)
                db.session.execute(text("ANALYZE"))
                db.session.commit()
                db.engine.dispose()
            print(f"load average at the start: {os.getloadavg()[0]:.1f}")
            table(apps["rendered"], apps["cached"], args.seconds)
            for entry in apps.values():
                with entry["app"].app_context():
                    db.engine.dispose()
    finally:
        drop_database(url)


if __name__ == "__main__":
    main()
