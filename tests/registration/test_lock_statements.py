"""What a registration sends while it holds the event's lock: every other registration of the
event waits for it, so the locked part is a fixed, short list of statements (issue #24)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event as sa_event
from sqlalchemy import select

from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration.capacity import waitlist_position
from eventapp.registration.models import Registration
from tests.registration.conftest import form_data, register

# The lock's read of the event, the one count (places, waiting list, lapsed holds, the
# address), the registration's INSERT and its e-mail's INSERT.
LOCKED_STATEMENTS = 4


class LockedPart:
    """The statements sent from the taking of the event's lock to the commit that ends it:
    from ``SELECT … FOR UPDATE`` (PostgreSQL) or from ``BEGIN IMMEDIATE`` (SQLite)."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.locked: list[list[str]] = []
        self._current: list[str] | None = None

    def executed(self, _conn, _cursor, statement: str, *_args) -> None:
        text = " ".join(statement.split())
        if text.upper().startswith("BEGIN IMMEDIATE"):
            self._current = []
            return
        if "FOR UPDATE" in text.upper() and self._current is None:
            self._current = []
        if self._current is not None:
            self._current.append(text)

    def committed(self, _conn) -> None:
        if self._current is not None:
            self.locked.append(self._current)
        self._current = None


@contextmanager
def locked_part() -> Iterator[LockedPart]:
    part = LockedPart()
    sa_event.listen(db.engine, "before_cursor_execute", part.executed)
    sa_event.listen(db.engine, "commit", part.committed)
    try:
        yield part
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", part.executed)
        sa_event.remove(db.engine, "commit", part.committed)


def _register_counted(client, event, email: str) -> list[str]:
    with locked_part() as part:
        assert register(client, event, email=email).status_code == 303
    assert len(part.locked) == 1, part.locked
    return part.locked[0]


def test_a_confirmed_registration_sends_four_statements_under_the_event_lock(client, event):
    statements = _register_counted(client, event, "first@example.org")
    assert len(statements) == LOCKED_STATEMENTS, "\n".join(statements)
    assert [s.split()[0] for s in statements] == ["SELECT", "SELECT", "INSERT", "INSERT"]
    assert "registrations" in statements[2] and "outbox_messages" in statements[3]


def test_a_waitlisted_registration_sends_as_few_and_keeps_its_position(client, event):
    event.capacity = 1
    db.session.commit()
    register(client, event, email="first@example.org")
    register(client, event, email="second@example.org")
    assert len(_register_counted(client, event, "third@example.org")) == LOCKED_STATEMENTS
    db.session.expire_all()
    third = db.session.scalars(
        select(Registration).where(Registration.email == "third@example.org")
    ).one()
    assert third.status == RegistrationStatus.WAITLISTED
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.registration_id == third.id)
    ).one()
    assert message.kind == "registration_waitlisted"
    assert message.render_context == {"position": waitlist_position(third)} == {"position": 2}


def test_the_locked_part_does_not_grow_with_the_registrations(client, event):
    event.capacity = 5
    db.session.commit()
    first = _register_counted(client, event, "p0@example.org")
    for n in range(1, 12):
        register(client, event, email=f"p{n}@example.org")
    assert len(_register_counted(client, event, "last@example.org")) == len(first)


def test_an_address_registered_again_creates_nothing_and_sends_its_link(client, event):
    register(client, event, email="again@example.org")
    with locked_part() as part:
        assert register(client, event, email="again@example.org").status_code == 200
    db.session.expire_all()
    kinds = [m.kind for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert kinds == ["registration_confirmed", "registration_link"]
    assert len(part.locked) == 1


def test_a_form_post_sends_nine_statements_in_all(csrf_off, event, count_queries):
    """Before the lock: the event, its sessions, its questions, the affiliation's organisation,
    the e-mail's sender; then the four under the lock. (Thirteen before #24: the lapsed-holds
    check, the address, the places and the position were each a query, and the committed row
    was reloaded to answer.)"""
    client, url = csrf_off.test_client(), f"/events/{event.slug}/register"
    assert client.post(url, data=form_data(email="warm@example.org")).status_code == 303
    with count_queries() as queries:
        assert client.post(url, data=form_data(email="counted@example.org")).status_code == 303
    assert queries.count == 5 + LOCKED_STATEMENTS, "\n".join(queries.statements)
