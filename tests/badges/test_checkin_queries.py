"""A scan at the door sends a fixed, small number of SQL statements, however many registered.

A door scans hundreds of badges a minute: every statement is a round trip to the database.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import event as sqlalchemy_event

from eventapp.badges.tokens import create_api_token
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from tests.badges.conftest import csrf_token, sign_in
from tests.builders import make_registration
from tests.conftest import PG_BASE_URL

# The token with its user, the event and the right to manage it (one statement), then the
# conditional UPDATE … RETURNING the person and the live counter.
FIRST_SCAN = 2
# … and, when the update changed nothing, the read that says why (amber or red) and the count.
SCAN_AGAIN = 4
# The organiser's browser: the session's user, the event with the right to manage it, the update.
FIRST_SCAN_IN_BROWSER = 3


@pytest.fixture
def scanner(client, event, organiser):
    """A scanner app with a token that has already scanned (its last use is recorded)."""
    _token, plain = create_api_token(organiser, "Door 1", [event])
    headers = {"Authorization": f"Bearer {plain}"}
    warm_up = make_registration(event)
    db.session.commit()
    url = f"/manage/events/{event.slug}/checkin"
    client.post(url, json={"code": warm_up.checkin_code}, headers=headers)

    def scan(code: str) -> dict:
        response = client.post(url, json={"code": code}, headers=headers)
        assert response.status_code == 200
        return response.get_json()

    return scan


def _statements(count_queries, scan, code: str) -> tuple[str, list[str]]:
    with count_queries() as queries:
        answer = scan(code)
    return answer["colour"], queries.statements


def test_a_first_scan_sends_two_statements_and_one_update(event, scanner, count_queries):
    registration = make_registration(event)
    db.session.commit()
    colour, statements = _statements(count_queries, scanner, registration.checkin_code)
    assert colour == "green"
    assert len(statements) == FIRST_SCAN
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1 and "RETURNING" in updates[0].upper()


def test_amber_and_red_answers_add_a_read_and_a_count(event, scanner, count_queries):
    registration = make_registration(event)
    cancelled = make_registration(event, status=RegistrationStatus.CANCELLED)
    db.session.commit()
    scanner(registration.checkin_code)
    assert _statements(count_queries, scanner, registration.checkin_code)[0] == "amber"
    for code in (registration.checkin_code, cancelled.checkin_code, "Z" * 22):
        colour, statements = _statements(count_queries, scanner, code)
        assert colour in ("amber", "red") and len(statements) == SCAN_AGAIN, code


def test_a_scan_costs_the_same_statements_however_many_registered(event, scanner, count_queries):
    first = make_registration(event)
    db.session.commit()
    few = _statements(count_queries, scanner, first.checkin_code)[1]
    for _ in range(40):
        make_registration(event)
    last = make_registration(event)
    db.session.commit()
    many = _statements(count_queries, scanner, last.checkin_code)[1]
    assert len(many) == len(few) == FIRST_SCAN


def test_a_scan_from_the_door_page_sends_as_few(client, event, organiser, count_queries):
    registration = make_registration(event)
    db.session.commit()
    sign_in(client, organiser)
    csrf = csrf_token(client, f"/manage/events/{event.slug}/checkin")
    code = registration.checkin_code  # read before counting (the login's commit expired it)
    with count_queries() as queries:
        response = client.post(
            f"/manage/events/{event.slug}/checkin",
            json={"code": code},
            headers={"X-CSRFToken": csrf},
        )
    assert response.get_json()["colour"] == "green"
    assert queries.count == FIRST_SCAN_IN_BROWSER


@pytest.mark.postgres_only
@pytest.mark.skipif(not PG_BASE_URL, reason="round trips on the wire to PostgreSQL")
def test_on_postgresql_a_first_scan_is_as_many_round_trips_as_statements(event, scanner, tmp_path):
    """Counted on the wire (libpq's protocol trace): no BEGIN/COMMIT and no ping before use."""
    pooled: dict[int, Any] = {}

    def keep(dbapi_connection, _record) -> None:  # as a connection goes back to the pool
        pooled.setdefault(id(dbapi_connection), dbapi_connection)

    first, second = make_registration(event), make_registration(event)
    db.session.commit()
    codes = first.checkin_code, second.checkin_code
    db.session.remove()
    sqlalchemy_event.listen(db.engine, "checkin", keep)
    try:
        assert scanner(codes[0])["colour"] == "green"  # the connections scans use
        traces = {key: (tmp_path / f"trace-{n}") for n, key in enumerate(pooled)}
        for key, path in traces.items():
            with path.open("wb") as file:  # libpq writes to its own copy of the descriptor
                pooled[key].pgconn.trace(os.dup(file.fileno()))
        try:
            assert scanner(codes[1])["colour"] == "green"
        finally:
            for key in traces:
                pooled[key].pgconn.untrace()  # flushes libpq's buffer
        assert set(pooled) == set(traces), "the scan opened a new connection"
    finally:
        sqlalchemy_event.remove(db.engine, "checkin", keep)
    # The server's "ready for the next query": one per round trip.
    round_trips = sum(path.read_bytes().count(b"\tReadyForQuery\t") for path in traces.values())
    assert round_trips == FIRST_SCAN
