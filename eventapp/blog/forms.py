"""The back-office forms of the blog."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import DateTimeLocalInput

from eventapp.auth.rights import manageable_events
from eventapp.blog.models import BlogPost
from eventapp.blog.services import (
    SLUG_PATTERN,
    InvalidTranslation,
    PostData,
    can_edit_post,
    check_translation,
    editable_posts,
    slug_taken,
)
from eventapp.core.forms import AppForm
from eventapp.core.timefmt import zone
from eventapp.core.types import PostStatus
from eventapp.directory.models import Person
from eventapp.events.models import Event
from eventapp.extensions import db

INPUT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")
LANGUAGES = [("en", "English"), ("sv", "Svenska")]
NONE = 0


class LocalDateTimeField(Field):
    """A date and time typed in the site's zone (Europe/Stockholm), kept as an aware UTC value."""

    widget = DateTimeLocalInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        local = self.data.astimezone(zone(current_app.config["DEFAULT_TIMEZONE"]))
        return local.strftime("%Y-%m-%dT%H:%M")

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        for fmt in INPUT_FORMATS:
            try:
                naive = datetime.strptime(text, fmt)
            except ValueError:
                continue
            tz = zone(current_app.config["DEFAULT_TIMEZONE"])
            aware = naive.replace(tzinfo=tz)
            # A time skipped when the clocks go forward does not survive the round trip via UTC.
            if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
                raise ValueError(_l("This time does not exist here: the clocks go forward then."))
            self.data = aware
            return
        raise ValueError(_l("Give a date and time such as 2025-01-22 09:00."))


def strip(value: Any) -> Any:
    """Leading and trailing spaces never count (a title of spaces is no title)."""
    return value.strip() if isinstance(value, str) else value


def _choices(rows: list[tuple[Any, Any]], empty: Any = None) -> list[SelectChoice]:
    """Options for a select, with a first "none" option when ``empty`` is given."""
    pairs = [(NONE, empty), *rows] if empty is not None else rows
    return [SelectChoice(str(value), label) for value, label in pairs]


class PostForm(AppForm):
    """A blog post: text, language and its translation, event, cover, status and publish time."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the post a title.")), Length(max=250)],
        filters=[strip],
    )
    slug = StringField(
        _l("Address (slug)"),
        validators=[Optional(), Length(max=160)],
        filters=[strip],
        description=_l("Left empty, it is made from the title."),
    )
    lead = TextAreaField(_l("Lead"), validators=[Length(max=1000)])
    body_md = TextAreaField(
        _l("Text"), description=_l("Markdown: **bold**, *italic*, [link](https://…), ## heading.")
    )
    author_id = SelectField(_l("Author"), coerce=int)
    author_line = StringField(
        _l("Author line"),
        validators=[Length(max=300)],
        description=_l("For example: Blog post by …, scientific coordinator …"),
    )
    language = SelectField(_l("Language"), choices=_choices(LANGUAGES))
    translation_id = SelectField(
        _l("Translation"),
        coerce=int,
        description=_l("The same story in the other language; the two pages link to each other."),
    )
    event_id = SelectField(_l("Event"), coerce=int, description=_l("Leave empty for news."))
    cover = FileField(_l("Cover image"), description=_l("JPEG, PNG, WebP or GIF."))
    cover_alt = StringField(_l("Cover image description"), validators=[Length(max=300)])
    remove_cover = BooleanField(_l("Remove the cover image"))
    status = SelectField(
        _l("Status"),
        choices=_choices(
            [
                (PostStatus.DRAFT.value, _l("Draft")),
                (PostStatus.SCHEDULED.value, _l("Scheduled")),
                (PostStatus.PUBLISHED.value, _l("Published")),
            ]
        ),
    )
    publish_at = LocalDateTimeField(
        _l("Publish time"),
        description=_l("Stockholm time. A scheduled post appears on its own at this time."),
    )

    def __init__(self, *args: Any, post: BlogPost | None = None, user: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        self.post, self.user = post, user
        people = db.session.execute(select(Person.id, Person.name).order_by(Person.name)).all()
        self.author_id.choices = _choices([(r.id, r.name) for r in people], _l("— none —"))
        # Only posts this user may edit: another organisation's drafts are not theirs to see.
        others = editable_posts(user).with_only_columns(
            BlogPost.id, BlogPost.title, BlogPost.language
        )
        others = others.order_by(BlogPost.title)
        if post is not None and post.id is not None:
            others = others.where(BlogPost.id != post.id)
        self.translation_id.choices = _choices(
            [(r.id, f"{r.title} ({r.language})") for r in db.session.execute(others)],
            _l("— none —"),
        )
        events = manageable_events(user).with_only_columns(Event.id, Event.title, Event.starts_at)
        rows = db.session.execute(events.order_by(Event.starts_at.desc())).all()
        self.event_id.choices = _choices(
            [(r.id, f"{r.title} ({r.starts_at:%Y-%m-%d})") for r in rows], _l("— none —")
        )

    def fill_from(self, post: BlogPost) -> None:
        """Show an existing post's values (on GET)."""
        self.title.data, self.slug.data, self.lead.data = post.title, post.slug, post.lead
        self.body_md.data, self.author_line.data = post.body_md, post.author_line
        self.author_id.data = post.author_id or NONE
        self.language.data, self.event_id.data = post.language, post.event_id or NONE
        other = post.counterpart
        self.translation_id.data = other.id if other is not None else NONE
        self.cover_alt.data, self.status.data = post.cover_alt, post.status.value
        self.publish_at.data = post.publish_at

    def validate_slug(self, field: StringField) -> None:
        if not field.data:
            return
        field.data = field.data.strip()
        if not SLUG_PATTERN.match(field.data):
            raise ValidationError(_l("Use lower-case letters, digits and hyphens only."))
        if slug_taken(field.data, self.post.id if self.post is not None else None):
            raise ValidationError(_l("Another post already has this address."))

    def validate_translation_id(self, field: SelectField) -> None:
        if not field.data or field.errors:  # errors: not one of the choices (not a post id)
            return
        other = db.session.get(BlogPost, field.data)
        if other is None or not can_edit_post(self.user, other):
            raise ValidationError(_l("No such post."))
        try:
            check_translation(self.post, self.language.data, other)
        except InvalidTranslation as exc:
            raise ValidationError(exc.message) from None

    def validate_publish_at(self, field: LocalDateTimeField) -> None:
        if self.status.data == PostStatus.SCHEDULED.value and field.data is None:
            raise ValidationError(_l("A scheduled post needs a publish time."))

    def to_data(self) -> PostData:
        """The checked values, for the service."""
        return PostData(
            title=self.title.data or "",
            slug=self.slug.data or "",
            lead=self.lead.data or "",
            body_md=self.body_md.data or "",
            author_id=self.author_id.data or None,
            author_line=self.author_line.data or "",
            language=self.language.data,
            translation_id=self.translation_id.data or None,
            event_id=self.event_id.data or None,
            cover_alt=self.cover_alt.data or "",
            remove_cover=bool(self.remove_cover.data),
            status=PostStatus(self.status.data),
            publish_at=self.publish_at.data,
        )


class PhotoForm(AppForm):
    """A photo to add to a post, with its caption."""

    photo = FileField(_l("Photo"), validators=[FileRequired(_l("Choose an image file."))])
    caption = StringField(_l("Caption"), validators=[Length(max=500)])


class CaptionForm(AppForm):
    """A photo's caption."""

    caption = StringField(_l("Caption"), validators=[Length(max=500)])


class ConfirmForm(AppForm):
    """A button that changes something (CSRF only)."""
