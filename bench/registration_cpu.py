"""CPU per registration, in-process: N form POSTs through ``app.test_client`` on PostgreSQL.

    .venv/bin/python -m bench.registration_cpu                 # N=200, prints CPU ms per POST
    .venv/bin/python -m bench.registration_cpu --profile 25    # and the top 25 by CPU time
    .venv/bin/python -m bench.registration_cpu --people 1000 --capacity 1000 --send
                                    # then render and send the 1,000 confirmations (aiosmtpd)

No network and no other process: the figure is this process's CPU time (``time.process_time``),
so it does not depend on the machine's load as much as ``bench.registration``. A fresh database
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


def post_registrations(app, slug: str, people: int, profiler: cProfile.Profile | None) -> float:
    """POST ``people`` registrations; returns the CPU seconds they took."""
    client = app.test_client()
    client.get(f"/events/{slug}/register")  # warm up templates and pools
    start = time.process_time()
    if profiler:
        profiler.enable()
    for i in range(people):
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
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
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
            profiler = cProfile.Profile(time.process_time) if args.profile else None
            seconds = post_registrations(app, slug, args.people, profiler)
            print(
                f"{args.people} registrations: {seconds / args.people * 1000:.1f} ms CPU each"
                f" ({args.people / seconds:.0f}/s on one core)"
            )
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
            if args.send:
                deliver_outbox(app)
            with app.app_context():
                from eventapp.extensions import db

                db.engine.dispose()
    finally:
        drop_database(url)


if __name__ == "__main__":
    main()
