"""Functions behind the blog's include templates on other capabilities' pages.

Each runs one query, whatever the number of posts, sessions or registrations.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventapp.blog.blueprint import bp
from eventapp.blog.models import BlogPost
from eventapp.blog.queries import (
    latest_posts,
    posts_about,
    posts_about_series,
    posts_for_manage_panel,
)
from eventapp.core.db import utcnow
from eventapp.core.i18n import current_language


@bp.app_template_global("latest_blog_posts")
def latest_blog_posts(limit: int = 3) -> list[BlogPost]:
    """The newest public posts for the home page (``blog/_latest_posts.html``)."""
    return latest_posts(current_language(), limit)


@bp.app_template_global("event_blog_posts")
def event_blog_posts(event: Any) -> list[BlogPost]:
    """Public posts about ``event`` ("Read more about the event")."""
    if event is None or getattr(event, "id", None) is None:
        return []
    return posts_about(current_language(), [event.id])


@bp.app_template_global("series_blog_posts")
def series_blog_posts(series: Any) -> list[BlogPost]:
    """Public posts about any edition of ``series``."""
    if series is None or getattr(series, "id", None) is None:
        return []
    return posts_about_series(current_language(), series.id)


@bp.app_template_global("event_posts_for_organisers")
def event_posts_for_organisers(event: Any) -> list[BlogPost]:
    """Every post about ``event``, drafts included, for the back office's event page."""
    if event is None or getattr(event, "id", None) is None:
        return []
    return posts_for_manage_panel(event.id)


@bp.app_template_global("blog_now")
def blog_now() -> datetime:
    """The current time (UTC), for templates deciding whether an event is over."""
    return utcnow()
