"""Contributions benchmark: 500 submissions × 3 reviews; the organiser's overview, the public
accepted page and the book of abstracts (time and peak memory), beside their ceilings.

    .venv/bin/python -m bench.contributions                 # SQLite file in a temporary folder
    .venv/bin/python -m bench.contributions --postgres      # a fresh PostgreSQL database (dropped)
    .venv/bin/python -m bench.contributions --submissions 1000

Each page is requested through the app (test client, logged in as the organiser for the
overview) after one warm-up request, best of three; the book's peak is Python's (tracemalloc)
for one build, and the process's ru_maxrss at the end.
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

CEILINGS = {"overview": 1.5, "accepted": 1.5, "book": 20.0, "book_mb": 300}
WORDS = "Natural killer cells recognise stressed cells and kill them before they spread .".split()


def seed(n: int) -> str:
    """KI's event with a call, ``n`` submissions of two authors, three reviews each; a third
    accepted (half of those posters); returns the event's slug."""
    from eventapp.contributions.models import (
        Author,
        Call,
        CallKind,
        ContributionKind,
        Recommendation,
        Review,
        Reviewer,
        Submission,
        SubmissionStatus,
        Track,
    )  # fmt: skip
    from eventapp.core.db import utcnow
    from eventapp.extensions import db
    from tests.builders import make_event, make_organisation, make_user

    ki = make_organisation("Karolinska Institutet", slug="ki")
    make_user("organiser@example.org", organisations=[ki])
    event = make_event("Collaboration in Science", slug="cis", organisers=[ki])
    now = utcnow()
    call = Call(event_id=event.id, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9),  # noqa: E501
                criteria="Relevance\nOriginality\nClarity")  # fmt: skip
    for kind in (ContributionKind.TALK, ContributionKind.POSTER):
        call.kinds.append(CallKind(kind=kind, word_limit=300))
    for i, name in enumerate(("Cell therapy", "Imaging", "Hälsa och samhälle")):
        call.tracks.append(Track(name=name, position=i))
    db.session.add(call)
    db.session.flush()
    reviewers = []
    for i in range(30):
        user = make_user(f"reviewer{i}@example.org")
        reviewers.append(Reviewer(event_id=event.id, user_id=user.id))
    db.session.add_all(reviewers)
    db.session.flush()
    for i in range(n):
        accepted = i % 3 == 0
        kind = ContributionKind.POSTER if accepted and i % 2 else ContributionKind.TALK
        s = Submission(
            call_id=call.id, secret=secrets.token_urlsafe(32), email=f"a{i}@example.org",
            title=f"Contribution {i}: Åsa's cells", abstract=" ".join(WORDS * 20), kind=kind,
            track_id=call.tracks[i % 3].id, consent_publish=True,
            status=SubmissionStatus.ACCEPTED if accepted else SubmissionStatus.SUBMITTED,
            accepted_kind=kind if accepted else None, decision_released_at=now if accepted else None,  # noqa: E501
            board_number=i + 1 if kind == ContributionKind.POSTER else None,
        )  # fmt: skip
        s.authors = [Author(position=0, name=f"Jörg Müller {i}", affiliation="KI", presenting=True),
                     Author(position=1, name=f"Łukasz Öberg {i}", affiliation="KTH")]  # fmt: skip
        s.reviews = [
            Review(
                reviewer_id=reviewers[(i + k) % 30].id,
                scores={"0": 3, "1": 4, "2": 1 + k},
                recommendation=Recommendation.ACCEPT,
                submitted_at=now,
            )  # fmt: skip
            for k in range(3)
        ]
        db.session.add(s)
    db.session.commit()
    return event.slug


def timed(get, path: str) -> float:
    get(path)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        response = get(path)
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    from flask_migrate import upgrade

    from eventapp import create_app
    from eventapp.auth.models import User
    from eventapp.auth.session_services import start_session
    from eventapp.config import TestConfig
    from eventapp.contributions import book, queries, services
    from eventapp.events.models import Event
    from eventapp.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="bench-contributions-"))
    url = create_database() if args.postgres else f"sqlite:///{folder / 'bench.sqlite3'}"
    try:
        app = create_app(TestConfig(url, INSTANCE_PATH=folder))
        with app.app_context():
            upgrade()
            slug = seed(args.submissions)
            organiser = db.session.query(User).filter_by(email="organiser@example.org").one()
            start_session(organiser, "bench")
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = organiser.get_id()
            figures = {
                "overview": timed(client.get, f"/manage/events/{slug}/contributions/?sort=mean"),
                "accepted": timed(client.get, f"/events/{slug}/contributions/"),
            }
            event = db.session.query(Event).filter_by(slug=slug).one()
            call = services.get_call(event)
            rows = queries.accepted(call)
            start = time.perf_counter()
            pdf = book.book_of_abstracts(event, call, rows)
            figures["book"] = time.perf_counter() - start
            tracemalloc.start()
            book.book_of_abstracts(event, call, rows)
            figures["book_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"Contributions, {args.submissions} submissions × 3 reviews ({database}):")
        print(
            f"  overview page     {figures['overview']:7.3f} s   (ceiling {CEILINGS['overview']} s)"
        )
        print(f"  accepted page     {figures['accepted']:7.3f} s   (ceiling {CEILINGS['accepted']} s,"  # noqa: E501
              f" {len(rows)} accepted)")  # fmt: skip
        print(f"  book of abstracts {figures['book']:7.3f} s   (ceiling {CEILINGS['book']} s,"
              f" {len(pdf) // 1024} KB)")  # fmt: skip
        print(
            f"  book, Python peak {figures['book_mb']:7.1f} MB  (ceiling {CEILINGS['book_mb']} MB)"
        )
        print(
            f"  process max RSS   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.1f} MB"  # noqa: E501
        )
    finally:
        if args.postgres:
            drop_database(url)


if __name__ == "__main__":
    main()
