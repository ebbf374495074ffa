"""Which commits make cached pages out of date: any that wrote a table public pages show.

The session notes the tables it writes, from the unit of work (``after_flush``) and from
``INSERT``/``UPDATE``/``DELETE`` statements it executes (``do_orm_execute``); after the commit
has succeeded the store's generation is raised. Raising it after the commit, never before, is
what makes the cache safe: a page rendered while the commit was in flight carries the old
generation and is not served again.

Writes that no public page shows leave the cache alone: the tables in ``QUIET_TABLES``, and
statements run with ``execution_options(pages_unchanged=True)`` (a door's check-in). Writes that
only move the numbers of places (``COUNT_TABLES``: a registration, a cancellation) raise a
second counter, which pages may lag by ``PAGE_CACHE_COUNTS_SECONDS``: when registration opens
and hundreds register a minute, the event page is rendered every few seconds, not per person.
Writes made outside the application (psql, a script) show within ``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.elements import TextClause

log = logging.getLogger(__name__)
QUIET_TABLES = frozenset({"outbox_messages", "audit_log", "api_tokens"})
COUNT_TABLES = frozenset({"registrations", "registration_choices"})
WRITTEN = "eventapp.pages_written"
PAGES, COUNTS = "pages", "counts"


def _note(session: Session, table: str) -> None:
    if table in QUIET_TABLES:
        return
    if table in COUNT_TABLES:
        session.info.setdefault(WRITTEN, COUNTS)
    else:
        session.info[WRITTEN] = PAGES


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        table = getattr(instance, "__tablename__", None)
        if table is not None and (instance not in session.dirty or session.is_modified(instance)):
            _note(session, table)


def _do_orm_execute(state: ORMExecuteState) -> None:
    if state.is_select or state.execution_options.get("pages_unchanged"):
        return
    statement = state.statement
    if isinstance(statement, TextClause) and statement.text.lstrip()[:6].upper() == "SELECT":
        return
    table = getattr(statement, "table", None)
    _note(state.session, getattr(table, "name", "") or "*")


def _after_commit(session: Session) -> None:
    written = session.info.pop(WRITTEN, None)
    if written is not None and has_app_context():
        bump = current_app.extensions.get("page_cache_bump")
        if bump is None:
            return
        try:
            bump(written)
        except Exception:  # the write is committed: answer it; pages lag by PAGE_CACHE_SECONDS
            log.error("page cache generation not raised: cached pages may be stale", exc_info=True)


def _after_soft_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(WRITTEN, None)


def watch_commits() -> None:
    """Listen to every session once per process; a commit raises the generation of the page
    cache of the app it ran in (``app.extensions["page_cache_bump"]``)."""
    if event.contains(Session, "after_commit", _after_commit):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _do_orm_execute)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _after_soft_rollback)
