"""The benchmark suite: the whole stack on loopback, one table, each row beside the ceiling.

    .venv/bin/python -m bench                      # the full campus, about 4-5 minutes
    .venv/bin/python -m bench --events 100 --sessions 1000 --registrations 5000 --seconds 2

1. A fresh PostgreSQL database (dropped at the end), migrated with ``flask db upgrade``; the
   synthetic campus of ``bench/synth.py`` (default 1,000 events, 10,000 sessions, 50,000
   registrations; ``synthetic-big`` has 200 sessions), an event with 1,000 badges
   (``bench.badges.seed``) and an event with a capacity (``bench.registration.prepare``).
2. Four gunicorn servers with the same settings (``--workers 4``, sync; Redis for rate
   limits and the page cache): eventapp (``wsgi:app``), eventapp with the page cache off (what
   a cache miss, an organiser or a visitor with a session costs), a hello-world Flask app (the
   ceiling for reads) and a one-row-insert Flask app (the ceiling for writes, from
   ``bench.registration``).
3. GETs with ``wrk`` (``apt-get install wrk``; else Python keep-alive threads), registrations
   and check-in scans with the helpers of ``bench.registration`` and ``bench.badges``, the
   1,000-badge PDF in a process of its own (``bench.badges.bench_pdf``: its peak RSS is the
   PDF's), then the resident memory of every eventapp worker.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import badges as badge_bench
from bench import registration as registration_bench
from bench.common import (
    PG_ADMIN,
    ROOT,
    Load,
    create_database,
    drop_database,
    flask_db_upgrade,
    free_port,
    get_load,
    percentile,
    response_header,
    rss_mb,
    run_clients,
    start_gunicorn,
    stop,
    worker_pids,
)

sys.path.insert(0, str(ROOT))  # tests.builders, used by bench.badges.seed

# gunicorn's sync workers, as docs/deploy.md recommends (threads queue CPU-bound requests
# behind one GIL: a door's p99 and the registration rate are better without).
WORKERS, THREADS = 4, 1
BADGES = 1000
SCANNERS = 20


def machine() -> str:
    """``nproc``, CPU model and RAM of this machine."""
    model = platform.processor() or "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(
            line.split(":", 1)[1].strip() for line in out.splitlines() if "Model name" in line
        )
    except (OSError, StopIteration, subprocess.CalledProcessError):
        pass
    ram = next(
        int(line.split()[1]) / 1024**2
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return f"{os.cpu_count()} CPUs ({model}), {ram:.0f} GB RAM, Python {platform.python_version()}"


def _app(url: str, instance: Path):
    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.INSTANCE_PATH = instance
    config.SQLALCHEMY_DATABASE_URI = url
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(url)
    config.BASE_URL = badge_bench.BASE_URL
    return create_app(config)


def load_data(url: str, instance: Path, args) -> dict:
    """The badge event, the capped event and the synthetic campus; what the rows measure need."""
    from bench.synth import load_campus
    from eventapp.extensions import db

    app = _app(url, instance)
    badge_slug, token, codes = badge_bench.seed(app, BADGES)
    capped = registration_bench.prepare(url, args.people // 2, instance)
    with app.app_context():
        started = time.perf_counter()
        counts = load_campus(args.events, args.sessions, args.registrations)
        seconds = time.perf_counter() - started
        secret = db.session.execute(
            text(
                "SELECT r.secret FROM registrations r JOIN events e ON e.id = r.event_id "
                "WHERE e.slug = 'synthetic-big' ORDER BY r.id LIMIT 1"
            )
        ).scalar_one()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        db.engine.dispose()
    print(f"loaded {counts} in {seconds:.0f} s", flush=True)
    return {
        "badge_slug": badge_slug,
        "token": token,
        "codes": codes,
        "capped": capped,
        "secret": secret,
    }


def _pdf_child(url: str, instance: str, slug: str) -> dict[str, float]:
    """In a fresh process: the 1,000-badge PDF timings and that process's peak memory."""
    sys.path.insert(0, str(ROOT))
    app = _app(url, Path(instance))
    with app.app_context():
        from eventapp.badges.pdf import render_badges  # noqa: F401  (imported before the baseline)
    baseline = rss_mb(os.getpid())
    return {**badge_bench.bench_pdf(app, slug), "baseline_rss_mb": baseline}


def measure_pdf(url: str, instance: Path, slug: str) -> dict[str, float]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_pdf_child, (url, str(instance), slug))


def measure_checkin(port: int, slug: str, token: str, codes: list[str], url: str, pids) -> dict:
    """``SCANNERS`` doors: back to back (saturation), then each about every 0.5 s (paced)."""
    return badge_bench.checkin_runs(port, url, slug, token, codes, SCANNERS, server_pids=pids)


def measure_writes(ports: dict[str, int], slug: str, args) -> tuple[Load, Load]:
    """Registrations through the real form vs. the one-row insert ceiling, same clients."""
    clients = args.clients
    run_clients(clients, clients, registration_bench.insert_one, ports["insert"])  # warm up
    seconds, lat, statuses = run_clients(
        clients, args.people, registration_bench.insert_one, ports["insert"]
    )
    ceiling = Load(len(lat), seconds, percentile(lat, 0.5), percentile(lat, 0.99), 0, "python")
    ceiling.errors = sum(1 for s in statuses if s != 204)
    one = registration_bench.register_one(slug, uuid.uuid4().hex[:6])
    seconds, lat, statuses = run_clients(clients, args.people, one, ports["app"])
    rate = Load(len(lat), seconds, percentile(lat, 0.5), percentile(lat, 0.99), 0, "python")
    rate.errors = sum(1 for s in statuses if s != 303)
    return ceiling, rate


#: The goals of issue #24: in-process CPU per request (page cache off), bytes, the wire.
PERSONAL_FEED_TARGET = 1000
RENDER_TARGETS = (
    ("home page", "/", 3.0),
    ("events list", "/events/", 3.0),
    ("event page, 200 sessions", "/events/synthetic-big/", 10.0),
    ("full-event feed, 200 sessions", "/events/synthetic-big/calendar.ics", 8.0),
)
EVENT_PAGE_BYTES, EVENT_PAGE_WIRE = 120_000, 25_000
BACK_OFFICE_MS = 20.0


def _renders_child(url: str, instance: str) -> list[tuple[str, dict]]:
    """In a fresh process (as a server's worker is, not this one with the campus and the load
    generators' garbage in its heap): the renders of ``renders``."""
    sys.path.insert(0, str(ROOT))
    from bench import backoffice
    from bench import pages as page_bench

    app = page_bench.make_app(url, Path(instance) / "render")
    client = app.test_client()
    found = []
    for _name, path, _ceiling in RENDER_TARGETS:
        row = page_bench.measure(app, client, path, 50, calls=False)
        if path == "/events/synthetic-big/":
            wire = client.get(path, headers={"Accept-Encoding": "br"})
            row["br"] = len(wire.get_data())
        found.append((path, row))
    with app.app_context():
        backoffice.top_up(2000)
    admin = backoffice.admin_client(app)
    for _name, path in backoffice.PAGES:
        found.append((path, backoffice.measure(app, admin, path, 20)))
    return found


def renders(table: Table, url: str, instance: Path, secret: str) -> None:
    """In-process CPU (median, page cache off) of the pages of issue #24, the event page's
    bytes plain and brotli-compressed, and the back office of a 2,000-registration event,
    measured in a process of their own."""
    from bench import backoffice

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        rows = dict(pool.apply(_renders_child, (url, str(instance))))
    for name, path, ceiling in RENDER_TARGETS:
        row = rows[path]
        table.add(
            f"{name}: CPU in-process (cache off)",
            f"{row['cpu']:.1f} ms CPU; {row['bytes']:,} bytes; {row['sql']} SQL",
            target=f"<= {ceiling:g} ms",
            ok=row["cpu"] <= ceiling,
        )
        if "br" in row:
            table.add(
                "  its HTML, plain and on the wire (br)",
                f"{row['bytes']:,} bytes; {row['br']:,} bytes br",
                target=f"<= {EVENT_PAGE_BYTES:,}; <= {EVENT_PAGE_WIRE:,}",
                ok=row["bytes"] <= EVENT_PAGE_BYTES and row["br"] <= EVENT_PAGE_WIRE,
            )
    for name, path in backoffice.PAGES:
        row = rows[path]
        table.add(
            f"back office, 200 sessions, 2,000 registrations: {name}",
            f"{row['cpu']:.1f} ms CPU; {row['bytes']:,} bytes; {row['sql']} SQL",
            target=f"<= {BACK_OFFICE_MS:g} ms",
            ok=row["cpu"] <= BACK_OFFICE_MS,
        )


def capacity_check(url: str, slug: str, capacity: int) -> dict[str, int]:
    """Confirmed, waiting and overbooked of the event ``slug`` (the campus has other events:
    ``bench.registration.check`` counts the whole table)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.status, count(*), count(DISTINCT r.email) FROM registrations r "
                "JOIN events e ON e.id = r.event_id WHERE e.slug = :slug GROUP BY r.status"
            ),
            {"slug": slug},
        ).all()
    engine.dispose()
    counts = {status: n for status, n, _ in rows}
    confirmed = counts.get("confirmed", 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get("waitlisted", 0),
        "overbooked": max(0, confirmed - capacity),
        "duplicates": sum(n - distinct for _, n, distinct in rows),
    }


class Table:
    """The one table: measure, result, p50, p99, share of the ceiling, target, verdict."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, name, result, p50="", p99="", share="", target="", ok=None) -> None:
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        self.rows.append((name, result, p50, p99, share, target, verdict))

    def load(self, name: str, load: Load, ceiling: float, unit: str = "req/s", **kw) -> None:
        share = f"{load.rate / ceiling:.0%}" if ceiling else ""
        errors = f" ({load.errors} errors)" if load.errors else ""
        self.add(
            name, f"{load.rate:,.0f} {unit}{errors}", _ms(load.p50), _ms(load.p99), share, **kw
        )

    def render(self) -> str:
        head = ("measure", "result", "p50", "p99", "of ceiling", "target", "")
        rows = [head, *self.rows]
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        lines = [
            "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
            for r in rows
        ]
        lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=PG_ADMIN, help="PostgreSQL server to use")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--registrations", type=int, default=50000)
    parser.add_argument("--seconds", type=float, default=5.0, help="per GET row")
    parser.add_argument("--connections", type=int, default=16, help="concurrent GET clients")
    parser.add_argument("--people", type=int, default=1000, help="registrations (capacity N/2)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent registering clients")
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}", flush=True)
    url = create_database(args.database_url)
    servers: dict[str, subprocess.Popen] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="eventapp-bench-") as tmp:
            instance = Path(tmp)
            env = {
                "EVENTAPP_DATABASE_URL": url,
                "BENCH_DATABASE_URL": url,
                "EVENTAPP_REDIS_URL": args.redis_url,
                "EVENTAPP_INSTANCE_PATH": tmp,
                "EVENTAPP_SECRET_KEY": secrets.token_urlsafe(32),
                "EVENTAPP_REGISTRATION_RATE_LIMIT": "100000 per second",  # clients share 127.0.0.1
                "EVENTAPP_ALTCHA": "0",  # a browser's proof of work: measured by bench.proof
                "EVENTAPP_BASE_URL": badge_bench.BASE_URL,
            }
            flask_db_upgrade(env)
            data = load_data(url, instance, args)
            ports = {key: free_port() for key in ("app", "render", "hello", "insert")}
            specs = {
                "app": ("wsgi:app", "/healthz", env),
                # The same app with the page cache off: what a cache miss, an organiser or a
                # visitor with a session costs.
                "render": ("wsgi:app", "/healthz", {**env, "EVENTAPP_PAGE_CACHE_SECONDS": "0"}),
                "hello": ("bench.common:hello_app()", "/", env),
                "insert": ("bench.registration:ceiling_app()", "/", env),
            }
            for key, (spec, ready, environ) in specs.items():
                servers[key] = start_gunicorn(spec, ports[key], environ, WORKERS, THREADS, ready)
            table = run_suite(args, ports, data, servers, url, instance)
            print()
            print(table.render())
            print(
                f"\nwhole run {time.perf_counter() - started:.0f} s; load average now "
                f"{os.getloadavg()[0]:.1f}"
            )
    finally:
        for server in servers.values():
            stop(server)
        drop_database(url)


def run_suite(args, ports, data, servers, url, instance) -> Table:
    table = Table()

    def get(path: str, server: str = "app", **kw) -> Load:
        load = get_load(ports[server], path, seconds=args.seconds, clients=args.connections, **kw)
        print(f"  {path} ({server}) {load.rate:,.0f} req/s", flush=True)
        return load

    hello = get_load(ports["hello"], "/", seconds=args.seconds, clients=args.connections)
    print(f"hello world {hello.rate:,.0f} req/s ({hello.tool})", flush=True)
    pages = (
        ("home page", "/"),
        ("events list", "/events/"),
        ("event page, 200 sessions", "/events/synthetic-big/"),
    )
    for server in ("app", "render"):
        for path in ("/", "/events/", "/events/synthetic-big/", "/calendar.ics"):
            for _ in range(2 * WORKERS * THREADS):  # warm every worker (templates, pools)
                response_header(ports[server], path, "ETag")
    rows = [(f"{name} (anonymous: page cache)", get(path), 0.30) for name, path in pages]
    rows.append(("site feed, 200", get("/calendar.ics"), None))
    etag = response_header(ports["app"], "/calendar.ics", "ETag")
    rows.append(
        ("site feed, 304", get("/calendar.ics", headers={"If-None-Match": etag}, expect=304), 0.5)
    )
    rows += [(f"{name} (rendered: cache off)", get(path, "render"), None) for name, path in pages]
    rows.append(
        (
            "site feed, 304 (through Flask: cache off)",
            get("/calendar.ics", "render", headers={"If-None-Match": etag}, expect=304),
            None,
        )
    )
    personal = get(f"/r/{data['secret']}/agenda.ics")
    hello_after = get_load(ports["hello"], "/", seconds=args.seconds, clients=args.connections)
    ceiling = (hello.rate + hello_after.rate) / 2
    table.add(
        f"hello world (ceiling, {hello.tool})",
        f"{ceiling:,.0f} req/s",
        _ms(hello.p50),
        _ms(hello.p99),
        "100%",
        f"before {hello.rate:,.0f}, after {hello_after.rate:,.0f}",
    )
    for name, load, share in rows:
        target = f">= {share:.0%} of ceiling" if share else ""
        ok = None if share is None else (load.rate >= share * ceiling and not load.errors)
        table.load(name, load, ceiling, target=target, ok=ok)
    table.load(
        "personal feed, 200 (private: never cached)",
        personal,
        ceiling,
        target=f">= {PERSONAL_FEED_TARGET:,}/s (5x 185-207)",
        ok=personal.rate >= PERSONAL_FEED_TARGET and not personal.errors,
    )
    renders(table, url, instance, data["secret"])

    insert, registrations = measure_writes(ports, data["capped"], args)
    check = capacity_check(url, data["capped"], args.people // 2)
    print(f"registrations {registrations.rate:,.0f}/s; database {check}", flush=True)
    table.load("one-row insert (write ceiling)", insert, 0)
    table.load(
        f"registrations, {args.clients} clients, 1 event",
        registrations,
        insert.rate,
        unit="/s",
        target=">= 25% of ceiling, 0 overbooked",
        ok=registrations.rate >= 0.25 * insert.rate
        and check["overbooked"] == 0
        and not registrations.errors,
    )
    table.add(
        "  after the registrations",
        f"{check['confirmed']} confirmed, {check['waitlisted']} waiting, "
        f"{check['overbooked']} overbooked, {check['duplicates']} duplicates",
    )
    runs = measure_checkin(
        ports["app"], data["badge_slug"], data["token"], data["codes"], url,
        worker_pids(servers["app"]),
    )  # fmt: skip
    for name, f in runs.items():
        scans = Load(
            int(f["scans"]),
            f["scans"] / f["scans_per_second"],
            f["p50_ms"] / 1000,
            f["p99_ms"] / 1000,
            int(f["other"]) + (0 if f["checked_in_once"] else 1),
            "python",
        )
        offered = (
            f"{f['offered_scans_per_second']:.0f} scans/s offered"
            if f["offered_scans_per_second"]
            else "back to back"
        )
        table.load(
            f"check-in scans, {SCANNERS} scanners, {name} ({offered})",
            scans,
            0,
            unit=f"scans/s, {f['server_cpu_ms_per_scan']:.1f} ms CPU/scan",
            target="p99 <= 50 ms",
            ok=scans.p99 <= 0.050 and not scans.errors,
        )
        table.add("  answers", f"{f['green']:.0f} green, {f['amber']:.0f} amber")
    if not args.skip_pdf:
        pdf = measure_pdf(url, instance, data["badge_slug"])
        table.add(
            f"{BADGES:,}-badge PDF (A6 on A4)",
            f"{pdf['seconds_a6x4']:.1f} s; peak RSS {pdf['ru_maxrss_mb']:.0f} MB "
            f"(app loaded: {pdf['baseline_rss_mb']:.0f} MB), "
            f"Python peak {pdf['tracemalloc_peak_mb']:.0f} MB",
            target="<= 10 s, <= 300 MB",
            ok=pdf["seconds_a6x4"] <= 10 and pdf["ru_maxrss_mb"] <= 300,
        )
    for key in ("app", "hello"):
        sizes = [rss_mb(pid) for pid in worker_pids(servers[key])]
        name = "eventapp worker RSS after the run" if key == "app" else "hello-world worker RSS"
        table.add(
            name,
            f"max {max(sizes):.0f} MB, mean {sum(sizes) / len(sizes):.0f} MB, {len(sizes)} workers",
            target="<= 150 MB" if key == "app" else "",
            ok=max(sizes) <= 150 if key == "app" else None,
        )
    return table


if __name__ == "__main__":
    main()
