"""Database helpers shared by every capability: UTC datetimes, timestamps and row locks."""

from __future__ import annotations

import select as io_select
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, DateTime, Engine, Executable, Result, event, select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from eventapp.extensions import db

T = TypeVar("T")


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC; SQLite's naive values come back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TimestampMixin:
    """``created_at`` and ``updated_at`` kept by the database session."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


def read_columns(stmt: Executable, params: dict[str, Any] | None = None) -> Result[Any]:
    """Run a ``select`` of columns on the session's connection (its transaction), without the
    ORM's result machinery: a 200-row timetable spent a tenth of its time there. No autoflush:
    for what a page reads, never for rows the same request is changing."""
    return db.session.connection().execute(stmt, params or {})


def is_sqlite() -> bool:
    """True when the application runs on SQLite."""
    return db.engine.dialect.name == "sqlite"


def lock_row(model: type[T], ident: Any) -> T | None:
    """Start a write transaction that holds the lock serialising changes to one row.

    PostgreSQL takes a row lock (``SELECT … FOR UPDATE``). SQLite has one writer at a time, so the
    transaction is begun with ``BEGIN IMMEDIATE``: a deferred transaction that read first could
    not upgrade to a write lock while another writer commits. Whatever the session held is
    committed first, and the row is re-read so every count made after this call is current.
    """
    if is_sqlite():
        session = db.session()  # the scoped_session proxy lacks in_transaction()
        if session.in_transaction():
            if _holds_sqlite_write_lock(session):
                return session.get(model, ident, populate_existing=True)
            session.commit()
        session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        return session.get(model, ident, populate_existing=True)
    stmt = select(model).where(model.id == ident).with_for_update()  # type: ignore[attr-defined]
    return db.session.execute(stmt.execution_options(populate_existing=True)).scalar_one_or_none()


def _holds_sqlite_write_lock(session: Any) -> bool:
    """True when the session's transaction was begun with BEGIN IMMEDIATE (by ``lock_row``)."""
    connection = session.connection()
    return connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE"


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block did, or roll all of it back and re-raise.

    A service that must commit (a registration is committed before any e-mail is attempted)
    wraps its work in this; a refusal raised inside leaves nothing half-written in the session,
    so the view that shows the refusal has nothing to undo.
    """
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


@contextmanager
def autocommit() -> Iterator[Connection]:
    """A pooled connection of its own on which every statement commits by itself.

    For work that is one statement, atomic on its own (a door's conditional check-in): no
    ``BEGIN`` and ``COMMIT`` round trips, no session, and on SQLite no lock held between
    statements (the statement takes the write lock and waits for it like any other). Statements
    here bypass the session, so the page cache hears nothing of them: use it only for writes
    that no public page shows.

    The session's transaction, if one is open, is committed first: these statements see what
    it wrote, and on SQLite a transaction whose snapshot is older than these writes could
    neither see them nor write after them ("database is locked").
    """
    session = db.session()  # the scoped_session proxy lacks in_transaction()
    if session.in_transaction():
        session.commit()
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # pysqlite's own transactions are off (``configure_sqlite``): without our BEGIN
            # SQLite commits each statement. (Its AUTOCOMMIT level would turn them back on.)
            yield connection.execution_options(sqlite_begin=None)
        else:
            yield connection.execution_options(isolation_level="AUTOCOMMIT")


def configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys and explicit BEGIN on SQLite (pysqlite's own transactions are off)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode is not None:  # None: each statement is its own transaction (``autocommit()``)
            connection.exec_driver_sql(f"BEGIN {mode}")


def configure_postgresql(engine: Engine) -> None:
    """A pooled connection is checked before each use without a round trip to the server.

    SQLAlchemy's ``pool_pre_ping`` sends ``SELECT 1`` at every checkout: a third of a door
    scan's round trips. The server, though, speaks unasked only when it ends a connection (a
    restart, ``pg_terminate_backend``, ``idle_session_timeout``): it sends the reason and closes
    the socket. So an idle connection whose socket has something to read is discarded and the
    pool opens a fresh one (``DisconnectionError`` at checkout), and one whose socket is quiet
    is used as it is. What no check before use can see (a network gone silent) fails the
    request as it would have failed the ping's, and the pool is renewed after the error.
    """

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not server_is_listening(dbapi_connection):
            raise DisconnectionError("the server ended this pooled connection")


def server_is_listening(dbapi_connection: Any) -> bool:
    """True when a psycopg connection is open and the server has sent nothing unasked."""
    if dbapi_connection.closed or dbapi_connection.broken:
        return False
    poller = io_select.poll()  # not select(): a worker may hold descriptors past 1024
    poller.register(dbapi_connection.pgconn.socket, io_select.POLLIN)
    return not poller.poll(0)
