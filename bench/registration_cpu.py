"""CPU per registration, in-process: N form POSTs through ``app.test_client`` on PostgreSQL.

    .venv/bin/python -m bench.registration_cpu                 # N=200, prints CPU ms per POST
    .venv/bin/python -m bench.registration_cpu --profile 25    # and the top 25 by CPU time

No network and no other process: the figure is this process's CPU time (``time.process_time``),
so it does not depend on the machine's load as much as ``bench.registration``. A fresh database
is created (capacity N/2, so half confirmed and half waiting) and dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--database-url", default=PG_ADMIN)
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.config import TestConfig

    url = create_database(args.database_url, prefix="eventapp_cpu")
    try:
        with tempfile.TemporaryDirectory() as instance:
            slug = prepare(url, args.people // 2, Path(instance))
            app = create_app(TestConfig(url, INSTANCE_PATH=Path(instance), WTF_CSRF_ENABLED=False))
            profiler = cProfile.Profile(time.process_time) if args.profile else None
            seconds = post_registrations(app, slug, args.people, profiler)
            print(
                f"{args.people} registrations: {seconds / args.people * 1000:.1f} ms CPU each"
                f" ({args.people / seconds:.0f}/s on one core)"
            )
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
            with app.app_context():
                from eventapp.extensions import db

                db.engine.dispose()
    finally:
        drop_database(url)


if __name__ == "__main__":
    main()
