"""The public blog: the list, one post, and the Atom feeds."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.blog.atom import FeedInfo, build_feed
from eventapp.blog.blueprint import bp
from eventapp.blog.models import BlogPost
from eventapp.blog.queries import (
    feed_posts,
    get_public_post,
    list_posts,
    public_counterpart,
)
from eventapp.blog.render import render_markdown
from eventapp.core.db import utcnow
from eventapp.core.i18n import current_language
from eventapp.core.params import page_arg
from eventapp.core.urls import external_url
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db

LANGUAGES = ("en", "sv")


def _slug_arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()  # (a NUL never gets here: core.params)
    return value[:120] if value else None


@bp.get("/blog/")
def index():
    """Public posts, newest first; filters: ``language``, ``series``, ``event``, ``page``."""
    language = request.args.get("language")
    language = language if language in LANGUAGES else None
    series_slug, event_slug = _slug_arg("series"), _slug_arg("event")
    page = list_posts(
        current_language(), language=language, series_slug=series_slug,
        event_slug=event_slug, page=page_arg(),
    )  # fmt: skip
    series = db.session.execute(
        select(EventSeries.slug, EventSeries.name).order_by(EventSeries.name)
    ).all()
    event = None
    if event_slug:
        event = db.session.execute(
            select(Event.slug, Event.title).where(Event.slug == event_slug)
        ).first()
    filters = {"language": language, "series": series_slug, "event": event_slug}
    return render_template(
        "blog/index.html", page=page, series_options=series, event=event, filters=filters,
        page_url=lambda n: url_for(
            "blog.index", page=n, **{k: v for k, v in filters.items() if v}
        ),
    )  # fmt: skip


def post_json_ld(post: BlogPost, url: str, image: str | None) -> dict[str, Any]:
    """schema.org ``BlogPosting`` of a post."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.lead,
        "inLanguage": post.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": post.publish_at.isoformat() if post.publish_at else None,
        "dateModified": post.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "eventapp"},
    }
    if post.author is not None:
        author: dict[str, Any] = {"@type": "Person", "name": post.author.name}
        if post.author.affiliation_name:
            author["affiliation"] = {"@type": "Organization", "name": post.author.affiliation_name}
        data["author"] = author
    if image:
        data["image"] = image
    if post.event is not None:
        data["about"] = {
            "@type": "Event",
            "name": post.event.title,
            "startDate": post.event.starts_at.isoformat(),
            "url": external_url("events.event", slug=post.event.slug),
        }
    return {key: value for key, value in data.items() if value is not None}


@bp.get("/blog/<slug>/")
def post(slug: str):
    """One post, with its translation, event, series, photos and figures."""
    post = get_public_post(slug)
    url = external_url("blog.post", slug=post.slug)
    cover = post.cover_image_path
    image = external_url("core.media", filename=cover) if cover else None
    return render_template(
        "blog/post.html", post=post, counterpart=public_counterpart(post), url=url, image=image,
        body_html=render_markdown(post.body_md), json_ld=post_json_ld(post, url, image),
    )  # fmt: skip


def _feed(language: str | None) -> Response:
    path = url_for("blog.feed_in_language", lang=language) if language else url_for("blog.feed")
    info = FeedInfo(
        title=_("eventapp blog") if not language else f"{_('eventapp blog')} ({language})",
        subtitle=_("Stories and news from the events."),
        base_url=current_app.config["BASE_URL"],
        feed_path=path,
        page_path=url_for("blog.index", language=language) if language else url_for("blog.index"),
        author="eventapp",
        language=language,
    )
    body = build_feed(feed_posts(language), info, public_counterpart, utcnow())
    return Response(body, mimetype="application/atom+xml", headers={"Cache-Control": "max-age=300"})


@bp.get("/blog/feed.atom")
def feed():
    """The Atom feed of every public post, in both languages."""
    return _feed(None)


@bp.get("/blog/<lang>/feed.atom")
def feed_in_language(lang: str):
    """The Atom feed of one language's posts: ``/blog/en/feed.atom``, ``/blog/sv/feed.atom``."""
    if lang not in LANGUAGES:
        abort(404)
    return _feed(lang)
