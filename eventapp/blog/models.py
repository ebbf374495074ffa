"""Post-event blog posts and news, with translations and photos."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.core.types import PostStatus, enum_column
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.directory.models import Person
    from eventapp.events.models import Event


class BlogPost(TimestampMixin, db.Model):
    """A story, usually about an event; the Swedish and English versions link to each other."""

    __tablename__ = "blog_posts"
    __table_args__ = (
        CheckConstraint(
            "translation_of_id IS NULL OR translation_of_id <> id", name="not_own_translation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(250))
    lead: Mapped[str] = mapped_column(Text, default="")
    body_md: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    author_line: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    # The post this one translates; one story's versions point at the same original.
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("blog_posts.id", ondelete="SET NULL"), unique=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    cover_image_path: Mapped[str | None] = mapped_column(String(300))
    cover_alt: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[PostStatus] = mapped_column(
        enum_column(PostStatus, "post_status"), default=PostStatus.DRAFT, index=True
    )
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Figures counted from the event ("153 participants from 62 organisations"), frozen on publish.
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    author: Mapped[Person | None] = relationship()
    event: Mapped[Event | None] = relationship(back_populates="blog_posts")
    translation_of: Mapped[BlogPost | None] = relationship(
        remote_side="BlogPost.id", back_populates="translation"
    )
    translation: Mapped[BlogPost | None] = relationship(
        back_populates="translation_of", uselist=False
    )
    photos: Mapped[list[BlogPhoto]] = relationship(
        back_populates="post", order_by="BlogPhoto.position", cascade="all, delete-orphan"
    )

    @property
    def counterpart(self) -> BlogPost | None:
        """The other language version of the same story, if any."""
        return self.translation_of or self.translation


class BlogPhoto(db.Model):
    """A photo shown with a post, with its caption."""

    __tablename__ = "blog_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("blog_posts.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(300))
    caption: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    post: Mapped[BlogPost] = relationship(back_populates="photos")
