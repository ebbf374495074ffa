"""Pooled PostgreSQL connections: checked before use without a round trip (core.db).

A connection the server ended while it sat in the pool (a restart, ``pg_terminate_backend``)
is replaced before a request gets it. That a live one is used without a ``SELECT 1`` first is
counted on the wire in tests/badges/test_checkin_queries.py.
"""

from __future__ import annotations

import os
import resource
import time

import pytest
from sqlalchemy import create_engine, text

from eventapp.config import engine_options
from eventapp.extensions import db
from tests.conftest import PG_BASE_URL

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not PG_BASE_URL, reason="PostgreSQL's pool (EVENTAPP_TEST_DATABASE_URL)"),
]


def _backend_pid() -> int:
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    db.session.remove()  # back to the pool
    return pid


@pytest.fixture
def one_connection_app(make_app, database_url):
    """The app with a pool of exactly one connection, so every request gets the same one."""
    options = {**engine_options(database_url), "pool_size": 1, "max_overflow": 0}
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS=options)
    with app.app_context():
        yield app


def _terminate(database_url: str, pid: int) -> None:
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
        for _ in range(100):
            gone = "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = :pid)"
            if conn.execute(text(gone), {"pid": pid}).scalar():
                break
            time.sleep(0.02)
    admin.dispose()


def test_a_connection_the_server_ended_is_replaced_before_a_request_uses_it(
    one_connection_app, database_url
):
    client = one_connection_app.test_client()
    first = _backend_pid()
    _terminate(database_url, first)
    assert client.get("/healthz").status_code == 200
    assert client.get("/events/").status_code == 200
    assert _backend_pid() != first


def test_a_connection_past_descriptor_1024_is_checked_too(one_connection_app):
    """A busy worker holds many descriptors; the check must not use select() (limited to 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"this machine allows {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2048), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        db.session.remove()
        db.engine.dispose()  # the next connection gets a descriptor past all of these
        client = one_connection_app.test_client()
        assert client.get("/healthz").status_code == 200  # opens it
        db.session.remove()
        pooled = db.engine.raw_connection()
        assert pooled.driver_connection.pgconn.socket > 1024
        pooled.close()  # back to the pool
        assert client.get("/healthz").status_code == 200  # checked out again: checked
    finally:
        for fd in held:
            os.close(fd)
        db.session.remove()
        db.engine.dispose()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
