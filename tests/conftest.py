"""Fixtures: a fresh database per test on SQLite (default) or PostgreSQL.

Set ``EVENTAPP_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres`` to run
on PostgreSQL: a new database is created for the run (and dropped after), the schema comes from
the Alembic migrations, and every table is emptied after each test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from eventapp import create_app
from eventapp.config import TestConfig
from eventapp.extensions import db as _db
from tests.browser_support import browser, live_server, page, phone  # noqa: F401 (fixtures)
from tests.helpers.tools import (  # noqa: F401 (hooks: missing tools skip, CI fails)
    pytest_configure,
    pytest_runtest_setup,
    pytest_terminal_summary,
)

PG_BASE_URL = os.environ.get("EVENTAPP_TEST_DATABASE_URL", "")


def _migrate(url: str, instance: Path) -> None:
    """Create the schema with the real migrations (not create_all)."""
    from flask_migrate import upgrade

    app = create_app(TestConfig(url, INSTANCE_PATH=instance))
    with app.app_context():
        upgrade()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database: a SQLite file to copy per test, or a PostgreSQL database."""
    instance = tmp_path_factory.mktemp("instance")
    if PG_BASE_URL:
        base = make_url(PG_BASE_URL)
        name = f"eventapp_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = base.set(database=name).render_as_string(hide_password=False)
        _migrate(url, instance)
        yield url
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = instance / "template.sqlite3"
        _migrate(f"sqlite:///{path}", instance)
        yield str(path)


@pytest.fixture
def database_url(database_template: str, tmp_path: Path) -> str:
    """The URL of this test's own, empty (but migrated) database."""
    if PG_BASE_URL:
        return database_template
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(database_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def make_app(database_url: str, tmp_path: Path):
    """Build extra apps on this test's database (e.g. ``make_app(MAX_UPLOAD_BYTES=10)``)."""
    apps: list[Flask] = []

    def factory(**overrides: object) -> Flask:
        overrides.setdefault("INSTANCE_PATH", tmp_path / "instance")
        overrides.setdefault("UPLOAD_FOLDER", tmp_path / "uploads")
        overrides.setdefault("MAIL_FOLDER", tmp_path / "instance" / "mail")
        app = create_app(TestConfig(database_url, **overrides))
        app.before_request_funcs.setdefault(None, []).insert(0, _forget_previous_request)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            _db.session.remove()
            if PG_BASE_URL:
                _truncate_all()
            _db.engine.dispose()


def _forget_previous_request() -> None:
    """The test keeps one app context (and so one ``g``) open across its requests; start each
    request with an empty ``g`` as in production (no cached user, locale or language choice)."""
    g.__dict__.clear()


def _truncate_all() -> None:
    """Empty every table; DELETE is much cheaper than TRUNCATE for the few rows a test writes."""
    statements = "; ".join(f'DELETE FROM "{t.name}"' for t in reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as conn:
        conn.exec_driver_sql(statements)


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    """The application on a fresh database, with an application context pushed."""
    application = make_app()
    with application.app_context():
        yield application


@pytest.fixture
def db(app: Flask):
    """The Flask-SQLAlchemy object, bound to this test's database."""
    return _db


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def csrf_off(app: Flask) -> Flask:
    """Turn CSRF checking off for tests that post forms without scraping the token."""
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def login(client: FlaskClient, user) -> None:
    """Log ``user`` in on ``client`` without going through the login form (a login session of
    its own is opened on the server, as the form does)."""
    from eventapp.auth.session_services import start_session

    start_session(user, "pytest")
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


class QueryCounter:
    """Counts the SQL statements the application sends while active."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def _on_execute(self, _conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT")):
            self.statements.append(statement)

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on_execute)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app: Flask):
    """``with count_queries() as q: client.get(...)`` then ``q.count``."""
    return lambda: QueryCounter(_db.engine)
