"""What the blog does: save posts, pair translations, keep photos, write an event's story.

Rights: a post about an event may be changed by whoever may manage that event
(``can_manage_event``); a post without an event (award news, anniversaries) by any active
organiser. The figures of a story (``facts``) are recounted while the post is a draft and
frozen for good once it is scheduled or published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from werkzeug.datastructures import FileStorage

from eventapp.auth.rights import can_manage_event, manageable_events
from eventapp.blog.models import BlogPhoto, BlogPost
from eventapp.blog.story import collect_facts, draft_story
from eventapp.core.db import transaction, utcnow
from eventapp.core.errors import DomainError, Forbidden
from eventapp.core.slugs import free_slug, slug_in_use
from eventapp.core.translation import other_language
from eventapp.core.types import EventStatus, PostStatus
from eventapp.core.uploads import save_image, upload_root
from eventapp.events.models import Event
from eventapp.extensions import db

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 160
UPLOAD_FOLDER = "blog"


class InvalidTranslation(DomainError):
    """The chosen translation cannot be paired with this post."""

    status_code = 400


class StoryExists(DomainError):
    """The event has posts already: a second story is written only on purpose."""


class StoryNotPossible(DomainError):
    """The event's story cannot be written (yet)."""


@dataclass
class PostData:
    """What the post form says, already checked field by field."""

    title: str
    slug: str
    lead: str
    body_md: str
    author_id: int | None
    author_line: str
    language: str
    translation_id: int | None
    event_id: int | None
    cover_alt: str
    remove_cover: bool
    status: PostStatus
    publish_at: datetime | None


def is_organiser(user: Any) -> bool:
    """An active, logged-in organiser (the users of the back office)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "active", False))


def can_edit_post(user: Any, post: BlogPost) -> bool:
    """True if ``user`` may change ``post`` (see the module's rule)."""
    if post.event is None:
        return is_organiser(user)
    return can_manage_event(user, post.event)


def require_post_editor(user: Any, post: BlogPost) -> None:
    """Raise ``Forbidden`` unless ``user`` may change ``post``."""
    if not can_edit_post(user, post):
        raise Forbidden(_("You may not edit this post."))


def editable_posts(user: Any) -> Select[tuple[BlogPost]]:
    """A query of the posts ``user`` may change."""
    stmt = select(BlogPost)
    if getattr(user, "is_site_admin", False):
        return stmt
    managed = manageable_events(user).with_only_columns(Event.id)
    return stmt.where(or_(BlogPost.event_id.is_(None), BlogPost.event_id.in_(managed)))


def slug_taken(slug: str, post_id: int | None = None) -> bool:
    """True if another post already uses ``slug``."""
    return slug_in_use(BlogPost, slug, post_id)


def unique_slug(text: str, post_id: int | None = None) -> str:
    """A free slug made from ``text`` ("atmp-symposium", then "atmp-symposium-2"…)."""
    return free_slug(
        BlogPost, text, post_id, fallback="post", max_length=SLUG_MAX - 4, word_boundary=True
    )


def check_translation(post: BlogPost | None, language: str, other: BlogPost) -> None:
    """Raise ``InvalidTranslation`` unless ``other`` may pair with ``post`` in ``language``."""
    if post is not None and other.id == post.id:
        raise InvalidTranslation(_("A post cannot be its own translation."))
    if other.language == language:
        raise InvalidTranslation(_("The translation must be a post in the other language."))
    partner = other.counterpart
    if partner is not None and (post is None or partner.id != post.id):
        raise InvalidTranslation(
            _("“%(title)s” is already paired with another post.", title=other.title)
        )


def link_translation(post: BlogPost, other: BlogPost | None) -> None:
    """Pair ``post`` with ``other`` (or unpair it): one pointer links both versions."""
    current = post.counterpart
    if current is other:
        return
    if other is not None:
        check_translation(post, post.language, other)
    post.translation_of = None
    if post.translation is not None:
        post.translation.translation_of = None
    db.session.flush()  # the old link's unique pointer is freed before the new one is set
    if other is not None:
        post.translation_of = other


def refresh_facts(post: BlogPost) -> None:
    """Recount a draft's figures from its event; frozen figures are never recounted."""
    if post.facts is None or post.event_id is None or post.facts.get("frozen_at"):
        return
    post.facts = collect_facts(post.event_id, post.language)


def freeze_facts(post: BlogPost) -> None:
    """Freeze the figures as they are (the post goes public, now or at its publish time)."""
    if post.facts is not None and not post.facts.get("frozen_at"):
        post.facts = {**post.facts, "frozen_at": utcnow().isoformat()}


def save_post(user: Any, post: BlogPost | None, data: PostData, cover: FileStorage | None):
    """Create or update a post from checked form data; an unusable cover raises ``UploadError``."""
    event = db.session.get(Event, data.event_id) if data.event_id else None
    if event is not None and not can_manage_event(user, event):
        raise Forbidden(_("You may not write about this event."))
    if post is not None:
        require_post_editor(user, post)
    elif not is_organiser(user):
        raise Forbidden(_("You may not edit this post."))
    # The image is checked before anything changes: a refused upload leaves the post as it was.
    cover_path = save_image(cover, UPLOAD_FOLDER) if cover is not None and cover.filename else None
    slug = data.slug or unique_slug(data.title.strip(), post.id if post is not None else None)
    with transaction():  # a refused translation link undoes the whole save
        if post is None:
            post = BlogPost(slug=slug)
            db.session.add(post)
        if cover_path is not None:
            post.cover_image_path = cover_path
        elif data.remove_cover:
            post.cover_image_path = None
        post.title = data.title.strip()
        post.slug = slug
        post.lead, post.body_md = data.lead.strip(), data.body_md
        post.author_id, post.author_line = data.author_id, data.author_line.strip()
        post.language, post.event = data.language, event
        post.cover_alt = data.cover_alt.strip()
        post.status, post.publish_at = data.status, data.publish_at
        if post.status == PostStatus.PUBLISHED and post.publish_at is None:
            post.publish_at = utcnow()
        db.session.flush()
        other = db.session.get(BlogPost, data.translation_id) if data.translation_id else None
        if other is not None and not can_edit_post(user, other):
            raise InvalidTranslation(_("No such post."), "translation_id")
        link_translation(post, other)
        if post.status == PostStatus.DRAFT:
            refresh_facts(post)
        else:
            freeze_facts(post)
    return post


def add_photo(user: Any, post: BlogPost, upload: FileStorage, caption: str) -> BlogPhoto:
    """Store an uploaded photo with its caption after the post's other photos."""
    require_post_editor(user, post)
    path = save_image(upload, UPLOAD_FOLDER)
    position = max((p.position for p in post.photos), default=-1) + 1
    photo = BlogPhoto(path=path, caption=caption.strip(), position=position)
    post.photos.append(photo)
    db.session.commit()
    return photo


def update_caption(user: Any, photo: BlogPhoto, caption: str) -> None:
    """Change a photo's caption."""
    require_post_editor(user, photo.post)
    photo.caption = caption.strip()
    db.session.commit()


def remove_photo(user: Any, photo: BlogPhoto) -> None:
    """Remove a photo from its post, and its file."""
    require_post_editor(user, photo.post)
    path = upload_root() / photo.path
    db.session.delete(photo)
    db.session.commit()
    path.unlink(missing_ok=True)


def write_story(user: Any, event: Event, *, again: bool = False) -> BlogPost:
    """Create drafts about a past event, filled from its data: one in the event's language and
    its translation in the other, linked as one story's two versions. Returns the first.

    When posts about the event exist already, refuses (``StoryExists``) unless ``again``: a
    second pair is written only when the organiser says so, having been told of the first."""
    if not can_manage_event(user, event):
        raise Forbidden(_("You may not manage this event."))
    existing = (
        db.session.execute(
            select(BlogPost.title).where(BlogPost.event_id == event.id).order_by(BlogPost.id)
        )
        .scalars()
        .all()
    )
    if existing and not again:
        raise StoryExists(
            _(
                "This event has a story already (“%(title)s”). Edit it, or press “Write "
                "another draft” to write a second one.",
                title=existing[0],
            )
        )
    if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
        raise StoryNotPossible(_("Only an event that took place has a story to tell."))
    if event.ends_at > utcnow():
        raise StoryNotPossible(_("The story can be written once the event is over."))
    language = event.language if event.language in ("en", "sv") else "en"
    with transaction():
        post = _story_draft(event, language)
        translation = _story_draft(event, other_language(language))
        db.session.flush()
        link_translation(translation, post)
    return post


def _story_draft(event: Event, language: str) -> BlogPost:
    facts = collect_facts(event.id, language)
    title, lead, body = draft_story(facts)
    post = BlogPost(
        title=title, slug=unique_slug(title), lead=lead, body_md=body, language=language,
        event_id=event.id, status=PostStatus.DRAFT, facts=facts,
    )  # fmt: skip
    db.session.add(post)
    db.session.flush()  # the second draft's slug must see the first's
    return post
