"""CPU per registration, in-process: N form POSTs through ``app.test_client`` on PostgreSQL.

    .venv/bin/python -m bench.registration_cpu                 # N=200: median CPU ms per POST
    .venv/bin/python -m bench.registration_cpu --profile 25    # and calls, the top 25 by CPU
    .venv/bin/python -m bench.registration_cpu --people 1000 --capacity 1000 --send
                                    # then render and send the 1,000 confirmations (aiosmtpd)

No network and no other process: the figure is this process's CPU time (``time.process_time``),
so it does not depend on the machine's load as much as ``bench.registration``; the median of
``--rounds`` rounds of N/rounds POSTs is printed, and with ``--profile`` one round more is
profiled (cProfile's call count per POST does not depend on the load at all). A fresh database
is created (capacity N/2, so half confirmed and half waiting) and dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import PG_ADMIN, create_database, drop_database
from bench.registration import prepare


def post_registrations(app, slug: str, people: range, profiler: cProfile.Profile | None) -> float:
    """POST the registrations of ``people`` (their numbers); returns the CPU seconds taken."""
    client = app.test_client()
    client.get(f"/events/{slug}/register")  # warm up templates and pools
    start = time.process_time()
    if profiler:
        profiler.enable()
    for i in people:
        data = {
            "name": f"Profile Person {i}",
            "email": f"profile{i}@example.org",
            "affiliation": "Karolinska Institutet",
            "category": "participant",
            "consent": "y",
        }
        response = client.post(f"/events/{slug}/register", data=data)
        assert response.status_code == 303, response.status_code
    if profiler:
        profiler.disable()
    return time.process_time() - start


def deliver_outbox(app) -> None:
    """Send the whole outbox (rendering what was deferred) to aiosmtpd on 127.0.0.1, running in a
    process of its own as a real relay would; time the sender."""
    from bench.common import free_port
    from eventapp.extensions import db
    from eventapp.mail.sender import send_due

    port = free_port()
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
    relay = subprocess.Popen([*command, "-l", f"127.0.0.1:{port}"])
    try:
        _wait_for_port(port)
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_TLS="none")
        with app.app_context():
            wall, cpu, total = time.perf_counter(), time.process_time(), 0
            while True:
                sent, failed, _discarded = send_due(limit=100)
                assert failed == 0, failed
                total += sent
                if not sent:
                    break
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            db.session.remove()
    finally:
        relay.terminate()
        relay.wait(timeout=10)
    print(
        f"sender: {total} messages rendered and sent in {wall:.1f} s"
        f" ({total / wall:.0f}/s; {cpu / total * 1000:.1f} ms of the sender's CPU each;"
        " aiosmtpd in its own process)"
    )


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"aiosmtpd did not listen on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=None, help="places (default N/2)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (median)")
    parser.add_argument(
        "--profile", type=int, default=0, help="then profile one round more: top N functions"
    )
    parser.add_argument(
        "--send", action="store_true", help="then deliver the outbox to a local SMTP server"
    )
    parser.add_argument("--database-url", default=PG_ADMIN)
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.config import TestConfig

    url = create_database(args.database_url, prefix="eventapp_cpu")
    try:
        with tempfile.TemporaryDirectory() as instance:
            capacity = args.capacity if args.capacity is not None else args.people // 2
            slug = prepare(url, capacity, Path(instance))
            app = create_app(TestConfig(url, INSTANCE_PATH=Path(instance), WTF_CSRF_ENABLED=False))
            size = args.people // args.rounds
            each = []
            for n in range(args.rounds):  # rounds: a median, the machine being shared
                people = range(n * size, (n + 1) * size)
                each.append(post_registrations(app, slug, people, None) / size * 1000)
            median = sorted(each)[len(each) // 2]
            rounds = ", ".join(f"{ms:.1f}" for ms in each)
            print(
                f"{size * args.rounds} registrations: median {median:.1f} ms CPU each"
                f" ({1000 / median:.0f}/s on one core; rounds of {size}: {rounds} ms)"
            )
            if args.profile:
                profiler = cProfile.Profile(time.process_time)
                people = range(args.people, args.people + size)
                post_registrations(app, slug, people, profiler)
                stats = pstats.Stats(profiler)
                print(f"cProfile: {stats.total_calls / size:,.0f} Python calls per registration")
                stats.sort_stats("cumulative").print_stats(args.profile)
            if args.send:
                deliver_outbox(app)
            with app.app_context():
                from eventapp.extensions import db

                db.engine.dispose()
    finally:
        drop_database(url)


if __name__ == "__main__":
    main()
