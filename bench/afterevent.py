"""After-event benchmark: certificates for 1,000 attendees (one PDF, and the zip of one PDF each)
and the funder report of a series of 10 editions × 1,000 registrations (page, CSV, PDF), with
time and peak memory beside their ceilings, and the report page's query count.

    .venv/bin/python -m bench.afterevent                  # SQLite file in a temporary folder
    .venv/bin/python -m bench.afterevent --postgres       # a fresh PostgreSQL database (dropped)
    .venv/bin/python -m bench.afterevent --attendees 2000 --editions 10 --registrations 1000

Each download goes through the app (test client, logged in as the organiser) after one warm-up
request, best of three (the zip: one run); the peaks are Python's (tracemalloc) for one more
run of the same request, and the process's ru_maxrss at the end.
"""

from __future__ import annotations

import argparse
import resource
import secrets
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import create_database, drop_database  # noqa: E402

CEILINGS = {
    "certificates_pdf": 20.0, "certificates_zip": 40.0, "certificates_mb": 300,
    "report_page": 2.0, "report_csv": 2.0, "report_pdf": 5.0, "report_mb": 100,
}  # fmt: skip
AFFILIATIONS = ["Karolinska Institutet", "KI", "Uppsala universitet", "AstraZeneca",
                "Region Stockholm", "Karolinska Universitetssjukhuset", "Cellcoin AB"]  # fmt: skip


def _rows(event_id: int, count: int, start, orgs: list[int], all_came: bool = False) -> list[dict]:
    return [
        {
            "event_id": event_id, "name": f"Åsa Öberg {n:04d}",
            "email": f"p{n}-{event_id}@example.org",
            "affiliation": AFFILIATIONS[n % len(AFFILIATIONS)],
            "organisation_id": orgs[n % len(orgs)] if n % 3 == 0 else None,
            "status": "confirmed" if n % 10 or all_came else "cancelled", "confirmed_at": start,
            "consent_at": start, "checked_in_at": start if n % 5 or all_came else None,
            "secret": secrets.token_urlsafe(32), "checkin_code": secrets.token_urlsafe(16),
            "language": "sv" if n % 2 else "en",
        }
        for n in range(count)
    ]  # fmt: skip


def seed(attendees: int, editions: int, registrations: int) -> tuple[str, int]:
    """KI's series of ``editions`` past editions of ``registrations`` each (the first: of
    ``attendees``, all checked in, with their certificates); returns (its slug, series id)."""
    from sqlalchemy import insert, text

    from eventapp.certificates.services import issue_certificates
    from eventapp.core.db import utcnow
    from eventapp.core.types import OrganisationKind
    from eventapp.extensions import db
    from eventapp.registration.models import Registration
    from tests.builders import make_event, make_organisation, make_series, make_session, make_user

    ki = make_organisation("Karolinska Institutet", short_name="KI", slug="ki",
                           kind=OrganisationKind.UNIVERSITY)  # fmt: skip
    orgs = [ki.id] + [make_organisation(f"Organisation {i}", kind=OrganisationKind.COMPANY).id
                      for i in range(30)]  # fmt: skip
    make_user("organiser@example.org", organisations=[ki])
    series = make_series("Collaboration in Science", organisations=[ki])
    now = utcnow()
    first = None
    for i in range(editions):
        start = now - timedelta(days=400 * (editions - i))
        event = make_event(
            f"Collaboration in Science {2016 + i}", starts_at=start, organisers=[ki],
            ends_at=start + timedelta(hours=8), series=series,
        )  # fmt: skip
        for s in range(6):
            make_session(event, f"Session {s}", starts_at=start + timedelta(hours=s))
        db.session.flush()
        # The first edition: ``attendees`` registrations, every one checked in (certificates).
        count, all_came = (attendees, True) if i == 0 else (registrations, False)
        db.session.execute(insert(Registration), _rows(event.id, count, start, orgs, all_came))
        first = first or event
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    issue_certificates(first)
    db.session.commit()
    return first.slug, series.id


CPU: dict[str, float] = {}  # CPU seconds of the best run (the machine is shared: wall > CPU)


def best_of(get, path: str, runs: int = 3) -> float:
    get(path)
    best = float("inf")
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        response = get(path)
        if time.perf_counter() - start < best:
            best, CPU[path] = time.perf_counter() - start, time.process_time() - cpu
        assert response.status_code == 200, (path, response.status_code)
    return best


def peak(get, path: str) -> float:
    tracemalloc.start()
    get(path)
    figure = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return figure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=1000)
    parser.add_argument("--editions", type=int, default=10)
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    from flask_migrate import upgrade
    from sqlalchemy import event as sa_event

    from eventapp import create_app
    from eventapp.auth.models import User
    from eventapp.auth.session_services import start_session
    from eventapp.config import TestConfig
    from eventapp.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="bench-afterevent-"))
    url = create_database() if args.postgres else f"sqlite:///{folder / 'bench.sqlite3'}"
    try:
        app = create_app(TestConfig(url, INSTANCE_PATH=folder))
        with app.app_context():
            upgrade()
            slug, series_id = seed(args.attendees, args.editions, args.registrations)
            organiser = db.session.query(User).filter_by(email="organiser@example.org").one()
            start_session(organiser, "bench")
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = organiser.get_id()
            certificates = f"/manage/events/{slug}/certificates"
            report = f"/manage/series/{series_id}/report"
            figures = {
                "certificates_pdf": best_of(client.get, f"{certificates}.pdf"),
                "certificates_zip": best_of(client.get, f"{certificates}.zip", runs=1),
                "certificates_mb": peak(client.get, f"{certificates}.pdf"),
                "report_page": best_of(client.get, report),
                "report_csv": best_of(client.get, f"{report}.csv"),
                "report_pdf": best_of(client.get, f"{report}.pdf"),
                "report_mb": peak(client.get, report),
            }
            statements: list[str] = []
            listener = lambda *a: statements.append(a[2])  # noqa: E731
            sa_event.listen(db.engine, "before_cursor_execute", listener)
            client.get(report)
            sa_event.remove(db.engine, "before_cursor_execute", listener)
            pages = client.get(f"{certificates}.pdf").data.count(b"/Type /Page\n")
            cpu = {"certificates_pdf": CPU[f"{certificates}.pdf"],
                   "certificates_zip": CPU[f"{certificates}.zip"]}  # fmt: skip
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"After the event ({database}):")
        print(f"  certificates: {args.attendees} checked in, one PDF of {pages or '?'} pages")
        for key, unit in (("certificates_pdf", "s"), ("certificates_zip", "s"),
                          ("certificates_mb", "MB")):  # fmt: skip
            spent = f", {cpu[key]:.2f} s CPU" if key in cpu else ""
            print(
                f"    {key:18} {figures[key]:8.2f} {unit:2}"
                f"  (ceiling {CEILINGS[key]} {unit}{spent})"
            )
        print(f"  series report: {args.editions} editions × {args.registrations} registrations")
        for key, unit in (("report_page", "s"), ("report_csv", "s"), ("report_pdf", "s"),
                          ("report_mb", "MB")):  # fmt: skip
            print(f"    {key:18} {figures[key]:8.2f} {unit:2}  (ceiling {CEILINGS[key]} {unit})")
        print(
            f"    report page queries {len(statements)} (the same for any number of registrations)"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  process peak RSS {rss:.0f} MB")
        failed = [key for key, ceiling in CEILINGS.items() if figures[key] > ceiling]
        if failed:
            print(f"  OVER THE CEILING: {', '.join(failed)}")
            sys.exit(1)
    finally:
        if args.postgres:
            drop_database(url)


if __name__ == "__main__":
    main()
