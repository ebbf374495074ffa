"""A synthetic campus for benchmarks and growth measurements.

    python -m bench.synth --database-url postgresql+psycopg://postgres@127.0.0.1/bench \
        --events 1000 --sessions 10000 --registrations 50000

The schema must exist (``flask --app eventapp db upgrade``). Rows are bulk-inserted with
SQLAlchemy Core; names are obviously synthetic ("Synthetic event 0042"). One event,
``synthetic-big``, gets 200 sessions with speakers: the "200-session event page" of the benchmarks.
"""

from __future__ import annotations

import argparse
import secrets
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from eventapp.core.search import search_text_of
from eventapp.core.types import (
    EventStatus,
    OrganisationKind,
    OrganiserRole,
    RegistrationCategory,
    RegistrationStatus,
    SessionKind,
    SpeakerRole,
)
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Room,
    Session,
    SessionSpeaker,
    Venue,
)
from eventapp.extensions import db
from eventapp.registration.models import Registration

KINDS = [SessionKind.KEYNOTE, SessionKind.TALK, SessionKind.SHORT_PRESENTATION, SessionKind.PANEL]
BIG_EVENT_SESSIONS = 200


def _chunks(rows: list[dict], size: int = 5000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model, rows: list[dict]) -> None:
    for chunk in _chunks(rows):
        db.session.execute(insert(model), chunk)


def load_campus(events: int = 1000, sessions: int = 10000, registrations: int = 50000) -> dict:
    """Insert the synthetic campus into the current app's database; return the counts."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    stamp = {"created_at": now, "updated_at": now}
    _insert(
        Organisation,
        [
            {
                "id": 900_000 + i,
                "slug": f"synthetic-org-{i}",
                "name": f"Synthetic organisation {i}",
                "short_name": f"SO{i}",
                "kind": OrganisationKind.UNIVERSITY,
                "description": "",
                "website": "",
                **stamp,
            }
            for i in range(60)
        ],
    )
    _insert(
        Person,
        [
            {
                "id": 900_000 + i,
                "slug": f"synthetic-speaker-{i}",
                "name": f"Synthetic speaker {i}",
                "title": "",
                "affiliation_id": 900_000 + i % 60,
                "affiliation_text": "",
                "role_text": "",
                "bio": "",
                **stamp,
            }
            for i in range(500)
        ],
    )
    _insert(
        Venue,
        [
            {
                "id": 900_000,
                "slug": "synthetic-venue",
                "name": "Synthetic venue",
                "address": "",
                "campus": "Flemingsberg",
                "city": "Huddinge",
                "website": "",
                **stamp,
            }
        ],
    )
    _insert(
        Room, [{"id": 900_000 + i, "venue_id": 900_000, "name": f"Room {i}"} for i in range(20)]
    )
    _insert(
        EventSeries,
        [
            {
                "id": 900_000,
                "slug": "synthetic-series",
                "name": "Synthetic series",
                "description": "",
                "cadence_text": "",
                **stamp,
            }
        ],
    )
    event_rows, organiser_rows = [], []
    start0 = now - timedelta(days=300)
    for i in range(events):
        starts = start0 + timedelta(days=i % 700, hours=8)
        slug = "synthetic-big" if i == 0 else f"synthetic-event-{i:04d}"
        event_rows.append(
            {
                "id": 900_000 + i,
                "series_id": 900_000,
                "slug": slug,
                "title": f"Synthetic event {i:04d}",
                "summary": "A synthetic event for benchmarks.",
                "description": "",
                "language": "en",
                "status": EventStatus.PUBLISHED,
                "timezone": "Europe/Stockholm",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=30),
                "venue_id": 900_000,
                "website": "",
                "registration_enabled": True,
                "capacity": None,
                "waitlist_enabled": True,
                "moderation_enabled": False,
                "registration_categories": ["participant"],
                "ask_dietary": True,
                "ask_accessibility": True,
                "privacy_text": "",
                "retention_days": 180,
                "sequence": 0,
                "published_at": now,
                "cancellation_note": "",
                **stamp,
            }
        )
        organiser_rows.append(
            {
                "event_id": 900_000 + i,
                "organisation_id": 900_000 + i % 60,
                "role": OrganiserRole.HOST,
                "position": 0,
            }
        )
    _insert(Event, event_rows)
    _insert(EventOrganiser, organiser_rows)

    session_rows, speaker_rows = [], []
    plan = [BIG_EVENT_SESSIONS] + [0] * (events - 1)
    rest = max(sessions - BIG_EVENT_SESSIONS, 0)
    for i in range(rest):
        plan[1 + i % max(events - 1, 1)] += 1
    sid = 900_000
    for i, count in enumerate(plan):
        event_start = event_rows[i]["starts_at"]
        for j in range(count):
            starts = event_start + timedelta(minutes=(j % 40) * 20 + (j // 40) * 24 * 60 // 5)
            session_rows.append(
                {
                    "id": sid,
                    "event_id": 900_000 + i,
                    "kind": KINDS[j % len(KINDS)],
                    "title": f"Session {j} of event {i:04d}",
                    "abstract": "",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(minutes=20),
                    "room_id": 900_000 + j % 20,
                    "track": "",
                    "selectable": False,
                    "status": "scheduled",
                    "sequence": 0,
                    **stamp,
                }
            )
            speaker_rows.append(
                {
                    "session_id": sid,
                    "person_id": 900_000 + sid % 500,
                    "role": SpeakerRole.SPEAKER,
                    "position": 0,
                }
            )
            sid += 1
    _insert(Session, session_rows)
    _insert(SessionSpeaker, speaker_rows)

    registration_rows = []
    categories = list(RegistrationCategory)
    for k in range(registrations):
        event_index = k % events
        registration_rows.append(
            {
                "event_id": 900_000 + event_index,
                "name": f"Synthetic participant {k}",
                "email": f"p{k}@synthetic.example",
                "affiliation": f"Synthetic organisation {k % 60}",
                "category": categories[k % len(categories)],
                "status": RegistrationStatus.CONFIRMED,
                "confirmed_at": now,
                "language": "en",
                "consent_at": now,
                "secret": secrets.token_urlsafe(32),
                "checkin_code": secrets.token_urlsafe(16),
                "dietary_needs": "",
                "accessibility_needs": "",
                "note": "",
                "search_text": search_text_of(
                    f"Synthetic participant {k}",
                    f"p{k}@synthetic.example",
                    f"Synthetic organisation {k % 60}",
                ),
                **stamp,
            }
        )
    _insert(Registration, registration_rows)
    db.session.commit()
    return {
        "events": len(event_rows),
        "sessions": len(session_rows),
        "registrations": len(registration_rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--registrations", type=int, default=50000)
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.config import Config, engine_options

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = args.database_url
    config.SQLALCHEMY_ENGINE_OPTIONS = engine_options(args.database_url)
    app = create_app(config)
    with app.app_context():
        started = time.perf_counter()
        counts = load_campus(args.events, args.sessions, args.registrations)
        print(f"loaded {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
