"""Timetable grid benchmark: a three-day conference in eight rooms (about 300 sessions with
speakers) and 1,000 registrations; the organiser's grid page, one move through the grid's
endpoint (with the clash checks), the event page with its dashboard, and the public page with
the read-only grid, beside their ceilings.

    .venv/bin/python -m bench.grid                 # SQLite file in a temporary folder
    .venv/bin/python -m bench.grid --postgres      # a fresh PostgreSQL database (dropped)
    .venv/bin/python -m bench.grid --rooms 12

Each page is requested through the app (test client, logged in as the organiser) after one
warm-up request, best of three; the move is timed as the median of ten moves back and forth.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import create_database, drop_database  # noqa: E402
from bench.contributions import timed  # noqa: E402  (best of three after a warm-up)

CEILINGS = {"grid": 1.0, "move": 0.5, "dashboard": 1.0, "public": 1.0, "list": 1.0}


def seed(rooms: int, registrations: int) -> tuple[str, int]:
    """The conference: 09:00–17:00 three days, a 30-minute talk per room and slot with a
    speaker, a lunch break across all rooms; returns the slug and one session's id."""
    from eventapp.core.types import SessionKind
    from eventapp.extensions import db
    from tests.builders import (
        make_event,
        make_organisation,
        make_person,
        make_registration,
        make_session,
        make_user,
        make_venue,
        stockholm,
    )

    ki = make_organisation("Karolinska Institutet", slug="ki")
    make_user("organiser@example.org", organisations=[ki])
    venue = make_venue("Campus", rooms=tuple(f"Room {n:02d}" for n in range(rooms)))
    event = make_event(
        "Collaboration in Science",
        slug="cis",
        organisers=[ki],
        venue=venue,
        starts_at=stockholm(2027, 3, 16, 9, 0),
        ends_at=stockholm(2027, 3, 18, 17, 0),
        public_grid=True,
        capacity=2000,
    )
    first = None
    for day in range(3):
        start = stockholm(2027, 3, 16 + day, 9, 0)
        for slot in range(12):
            at = start + timedelta(minutes=30 * slot + (60 if slot >= 6 else 0))
            for n, room in enumerate(venue.rooms):
                person = make_person(f"Speaker {day}-{slot}-{n}")
                s = make_session(
                    event, f"Talk {day}-{slot}-{n}", starts_at=at, room=room, speakers=[person]
                )
                first = first or s.id
        make_session(
            event, "Lunch", starts_at=start + timedelta(hours=3), minutes=60, kind=SessionKind.BREAK
        )
    for n in range(registrations):
        make_registration(event, affiliation=f"Organisation {n % 40}")
    db.session.commit()
    return event.slug, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=8)
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    from flask import g
    from flask_migrate import upgrade

    from eventapp import create_app
    from eventapp.auth.models import User
    from eventapp.auth.session_services import start_session
    from eventapp.config import TestConfig
    from eventapp.extensions import db
    from tests.helpers.forms import csrf_token

    folder = Path(tempfile.mkdtemp(prefix="bench-grid-"))
    url = create_database() if args.postgres else f"sqlite:///{folder / 'bench.sqlite3'}"
    try:
        app = create_app(TestConfig(url, INSTANCE_PATH=folder))
        with app.app_context():
            upgrade()
            slug, session_id = seed(args.rooms, args.registrations)
            organiser = db.session.query(User).filter_by(email="organiser@example.org").one()
            start_session(organiser, "bench")
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = organiser.get_id()
            figures = {"grid": timed(client.get, f"/manage/events/{slug}/timetable")}
            g.pop("csrf_token", None)
            token = csrf_token(
                client.get(f"/manage/events/{slug}/timetable").get_data(as_text=True)
            )
            moves = []
            for n in range(10):  # into the lunch hour of day 2, of day 1, …: free in every room
                day = 16 + (n + 1) % 2
                data = {
                    "csrf_token": token,
                    "session_id": str(session_id),
                    "room_id": "1",
                    "starts_at": f"2027-03-{day}T12:00",
                    "ends_at": f"2027-03-{day}T12:30",
                }
                start = time.perf_counter()
                response = client.post(
                    f"/manage/events/{slug}/grid/move",
                    data=data,
                    headers={"Accept": "application/json"},
                )
                moves.append(time.perf_counter() - start)
                assert response.status_code == 200, response.get_data(as_text=True)[:300]
            figures["move"] = statistics.median(moves)
            figures["dashboard"] = timed(client.get, f"/manage/events/{slug}/")
            figures["public"] = timed(app.test_client().get, f"/events/{slug}/")
            from eventapp.events.models import Event

            db.session.query(Event).filter_by(slug=slug).update({"public_grid": False})
            db.session.commit()
            figures["list"] = timed(app.test_client().get, f"/events/{slug}/")
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"Timetable grid, {args.rooms} rooms × 3 days, {args.registrations} registrations"
            f" ({database}):"
        )
        for name, label in (
            ("grid", "organiser's grid page"),
            ("move", "one move (JSON)"),
            ("dashboard", "event page, dashboard"),
            ("public", "public page, grid"),
            ("list", "public page, list only"),
        ):
            print(f"  {label:24} {figures[name]:7.3f} s   (ceiling {CEILINGS[name]} s)")
    finally:
        if args.postgres:
            drop_database(url)


if __name__ == "__main__":
    main()
