"""What the public sees: published posts (and scheduled ones whose time has come).

No cron job publishes scheduled posts: every public query asks for ``publish_at <= now``.
When a story exists in both languages, lists show the reader's version only.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from eventapp.blog.models import BlogPost
from eventapp.core.db import utcnow
from eventapp.core.errors import NotFound
from eventapp.core.paging import Slice
from eventapp.core.types import PostStatus
from eventapp.directory.models import Person
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db

PUBLIC_STATUSES = (PostStatus.SCHEDULED, PostStatus.PUBLISHED)
PER_PAGE = 10


def public(entity: Any = BlogPost, now: datetime | None = None) -> ColumnElement[bool]:
    """The condition of a post the public may read."""
    return and_(
        entity.status.in_(PUBLIC_STATUSES),
        entity.publish_at.is_not(None),
        entity.publish_at <= (now if now is not None else utcnow()),
    )


def is_public(post: BlogPost, now: datetime | None = None) -> bool:
    """True if the public may read ``post`` now."""
    return (
        post.status in PUBLIC_STATUSES
        and post.publish_at is not None
        and post.publish_at <= (now or utcnow())
    )


def in_reader_language(language: str, now: datetime) -> ColumnElement[bool]:
    """Leave out a post whose public translation is in the reader's language (show that one)."""
    other = aliased(BlogPost)
    return or_(
        BlogPost.language == language,
        ~exists().where(
            or_(other.id == BlogPost.translation_of_id, other.translation_of_id == BlogPost.id),
            other.language == language,
            public(other, now),
        ),
    )


class Page(Slice[BlogPost]):
    """One page of a list of posts."""


def list_posts(
    reader_language: str,
    language: str | None = None,
    series_slug: str | None = None,
    event_slug: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """Public posts, newest first, filtered by language, series and event (two queries)."""
    now = utcnow()
    conditions = [public(BlogPost, now)]
    if language:
        conditions.append(BlogPost.language == language)
    else:
        conditions.append(in_reader_language(reader_language, now))
    if series_slug:
        series_ids = select(Event.id).join(Event.series).where(EventSeries.slug == series_slug)
        conditions.append(BlogPost.event_id.in_(series_ids))
    if event_slug:
        conditions.append(BlogPost.event_id.in_(select(Event.id).where(Event.slug == event_slug)))
    total = db.session.execute(
        select(func.count()).select_from(BlogPost).where(*conditions)
    ).scalar_one()
    stmt = (
        select(BlogPost)
        .where(*conditions)
        .options(joinedload(BlogPost.event).joinedload(Event.series))
        .order_by(BlogPost.publish_at.desc(), BlogPost.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(db.session.execute(stmt).scalars()), page, per_page, total)


def get_public_post(slug: str) -> BlogPost:
    """The public post at ``slug`` with all it shows; ``NotFound`` for drafts and future posts."""
    stmt = (
        select(BlogPost)
        .where(BlogPost.slug == slug, public(BlogPost))
        .options(
            joinedload(BlogPost.author).joinedload(Person.affiliation),
            joinedload(BlogPost.event).joinedload(Event.series),
            joinedload(BlogPost.translation_of),
            joinedload(BlogPost.translation),
            selectinload(BlogPost.photos),
        )
    )
    post = db.session.execute(stmt).unique().scalar_one_or_none()
    if post is None:
        raise NotFound(_("No such post."))
    return post


def public_counterpart(post: BlogPost) -> BlogPost | None:
    """The other language version, if the public may read it."""
    other = post.counterpart
    return other if other is not None and is_public(other) else None


def feed_posts(language: str | None = None, limit: int = 30) -> list[BlogPost]:
    """The newest public posts for a feed, with authors and translations (one query)."""
    stmt = select(BlogPost).where(public(BlogPost))
    if language:
        stmt = stmt.where(BlogPost.language == language)
    stmt = stmt.options(
        joinedload(BlogPost.author),
        joinedload(BlogPost.translation_of),
        joinedload(BlogPost.translation),
    ).order_by(BlogPost.publish_at.desc(), BlogPost.id.desc())
    return list(db.session.execute(stmt.limit(limit)).unique().scalars())


#: "now" of the statements built once (``_latest_statement``, ``_about_statement``).
NOW = bindparam("now", type_=BlogPost.__table__.c.publish_at.type)


@lru_cache(maxsize=16)
def _latest_statement(reader_language: str, limit: int) -> Select:
    """Built once per language: on the home page, building it cost more than running it."""
    return (
        select(BlogPost)
        .where(public(BlogPost, NOW), in_reader_language(reader_language, NOW))
        .options(joinedload(BlogPost.event))
        .order_by(BlogPost.publish_at.desc(), BlogPost.id.desc())
        .limit(limit)
    )


def latest_posts(reader_language: str, limit: int = 3) -> list[BlogPost]:
    """The newest public posts in the reader's version (one query)."""
    stmt = _latest_statement(reader_language, limit)
    return list(db.session.execute(stmt, {"now": utcnow()}).scalars())


def _about(reader_language: str, event_ids: Any, limit: int) -> Select:
    return (
        select(BlogPost)
        .where(
            public(BlogPost, NOW),
            in_reader_language(reader_language, NOW),
            BlogPost.event_id.in_(event_ids),
        )
        .order_by(BlogPost.publish_at.desc(), BlogPost.id.desc())
        .limit(limit)
    )


@lru_cache(maxsize=16)
def _about_listed(reader_language: str, limit: int) -> Select:
    """``_about`` for a bound list of events, built once per language (an event page)."""
    return _about(reader_language, bindparam("event_ids", expanding=True), limit)


@lru_cache(maxsize=16)
def _about_series(reader_language: str, limit: int) -> Select:
    """``_about`` the editions of a bound series, built once per language (a series page:
    building it cost a quarter of the page)."""
    editions = select(Event.id).where(Event.series_id == bindparam("series_id"))
    return _about(reader_language, editions, limit)


def posts_about_series(reader_language: str, series_id: int, limit: int = 10) -> list[BlogPost]:
    """Public posts about any edition of the series ``series_id``, one query."""
    stmt = _about_series(reader_language, limit)
    return list(db.session.execute(stmt, {"now": utcnow(), "series_id": series_id}).scalars())


def posts_about(reader_language: str, event_ids: Any, limit: int = 10) -> list[BlogPost]:
    """Public posts about the events in ``event_ids`` (a list or a subquery), one query."""
    params: dict[str, Any] = {"now": utcnow()}
    if isinstance(event_ids, list | tuple):
        stmt = _about_listed(reader_language, limit)
        params["event_ids"] = list(event_ids)
    else:
        stmt = _about(reader_language, event_ids, limit)
    return list(db.session.execute(stmt, params).scalars())


def posts_for_manage_panel(event_id: int) -> list[BlogPost]:
    """Every post about an event, whatever its status, for its organisers (one query)."""
    stmt = (
        select(BlogPost)
        .where(BlogPost.event_id == event_id)
        .order_by(BlogPost.created_at.desc(), BlogPost.id.desc())
    )
    return list(db.session.execute(stmt).scalars())
