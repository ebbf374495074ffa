"""What a shaped registration form costs: N form POSTs in-process on PostgreSQL to a plain event
and to one with six questions of every kind and three workshops in a "choose one" group.

    .venv/bin/python -m bench.regforms                # N=200 per form
    .venv/bin/python -m bench.regforms --people 500

For each form it prints the CPU ms per POST (``time.process_time``, this process only), the SQL
statements per POST, and those run while the event's row lock is held (from the locking SELECT
… FOR UPDATE to the COMMIT): the locked part is what limits registrations per second for one
event, so the questions must add nothing there but their own INSERT. Ceilings: the plain form,
and the same form with one workshop chosen.
A fresh database is created (capacity N/2) and dropped at the end.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import event as sa_event

from bench.common import PG_ADMIN, create_database, drop_database
from bench.registration import prepare


class LockedStatements:
    """Counts statements, and those between the event's FOR UPDATE and the next COMMIT."""

    def __init__(self) -> None:
        self.total = self.locked = 0
        self._held = False

    def __call__(self, _conn, _cursor, statement: str, *_args) -> None:
        self.total += 1
        if "FOR UPDATE" in statement and "FROM events" in statement:
            self._held = True
        if self._held:
            self.locked += 1

    def commit(self, _conn) -> None:
        self._held = False


def shape_form(app, slug: str, questions: bool) -> dict[str, str]:
    """Three workshops on the event (in a "choose one" group when ``questions``, with six
    questions); what a POST gives: one workshop and the answers."""
    from sqlalchemy import select

    from eventapp.events.models import Event, Session
    from eventapp.extensions import db
    from eventapp.regforms import group_services, services

    with app.app_context():
        event = db.session.scalars(select(Event).where(Event.slug == slug)).one()
        workshops = []
        for title in ("CAR-T manufacturing", "Biobanking", "Data sharing"):
            session = Session(event=event, title=title, starts_at=event.starts_at,
                              ends_at=event.ends_at, selectable=True, capacity=None)  # fmt: skip
            db.session.add(session)
            workshops.append(session)
        db.session.flush()
        if not questions:
            db.session.commit()
            return {"sessions": str(workshops[0].id)}
        group_services.save_group(
            event, group_services.GroupData("Workshops", 1, [s.id for s in workshops])
        )
        Q = services.QuestionData  # noqa: N806
        lunch = services.save_question(
            event, Q("single_choice", "Lunch", required=True, options=[("Fish", ""), ("Veg", "")])
        )
        topics = services.save_question(
            event, Q("multiple_choice", "Topics", options=[("Cells", ""), ("Data", "")])
        )
        mingle = services.save_question(event, Q("yes_no", "Mingle?"))
        guests = services.save_question(event, Q("number", "Guests"))
        title = services.save_question(event, Q("short_text", "Your title"))
        wishes = services.save_question(event, Q("long_text", "Anything else?"))
        db.session.commit()
        return {
            f"q_{lunch.id}": str(lunch.options[1].id),
            f"q_{topics.id}": str(topics.options[0].id),
            f"q_{mingle.id}": "yes",
            f"q_{guests.id}": "2",
            f"q_{title.id}": "Research nurse",
            f"q_{wishes.id}": "A seat near the door, please.",
            "sessions": str(workshops[0].id),
        }


def post(
    app, slug: str, people: int, prefix: str, extra: dict[str, str]
) -> tuple[float, LockedStatements]:
    """POST ``people`` registrations; returns the CPU seconds they took and the statements."""
    from eventapp.extensions import db

    client = app.test_client()
    client.get(f"/events/{slug}/register")  # warm up templates and pools
    counter = LockedStatements()
    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", counter)
    sa_event.listen(engine, "commit", counter.commit)
    start = time.process_time()
    for i in range(people):
        data = {"name": f"Person {i}", "email": f"{prefix}{i}@example.org",
                "affiliation": "Karolinska Institutet", "category": "participant",
                "consent": "y", **extra}  # fmt: skip
        response = client.post(f"/events/{slug}/register", data=data)
        assert response.status_code == 303, response.status_code
    seconds = time.process_time() - start
    sa_event.remove(engine, "before_cursor_execute", counter)
    sa_event.remove(engine, "commit", counter.commit)
    return seconds, counter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--database-url", default=PG_ADMIN)
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.config import TestConfig

    modes = {
        "plain form (ceiling)": None,
        "one workshop chosen": False,
        "+ group + 6 questions": True,
    }
    for name, shaped in modes.items():
        url = create_database(args.database_url, prefix="eventapp_regforms")
        try:
            with tempfile.TemporaryDirectory() as instance:
                slug = prepare(url, args.people // 2, Path(instance))
                config = TestConfig(url, INSTANCE_PATH=Path(instance), WTF_CSRF_ENABLED=False)
                app = create_app(config)
                extra = {} if shaped is None else shape_form(app, slug, shaped)
                seconds, counted = post(app, slug, args.people, "p", extra)
                n = args.people
                print(
                    f"{name:22}: "
                    f"{seconds / n * 1000:5.1f} ms CPU per POST, "
                    f"{counted.total / n:4.1f} statements per POST, "
                    f"{counted.locked / n:4.1f} under the event lock"
                )
                with app.app_context():
                    from eventapp.extensions import db

                    db.engine.dispose()
        finally:
            drop_database(url)


if __name__ == "__main__":
    main()
