"""Form pieces every capability's forms share: the base classes with the text rule, local times,
id choices, checkboxes, and ``show_error``, which puts a service's refusal on the field it names.

The text rule, like the NUL rule of ``core.params``, is one for the whole app: every form
derives from ``AppForm`` (or ``PlainForm`` for sub-forms and filters), whose ``Meta`` adds it to
each text field as it is bound. A single-line field takes no control character at all (no CR or
LF: a name with a line break splits mail headers and iCalendar lines); a multi-line field takes
line breaks (CRLF and CR read as LF, as browsers send them) and tabs, nothing else of C0 or C1.
Strict iCalendar parsers reject a whole feed for one U+000B or U+001B in a session title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import flash
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import (
    DateTimeLocalField,
    Form,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import Flags
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

from eventapp.core.errors import DomainError
from eventapp.core.jinja import text_escape
from eventapp.core.params import nul_fields
from eventapp.core.timefmt import to_zone, zone
from eventapp.core.translation import LANGUAGE_CHOICES, other_language
from eventapp.core.weblinks import web_link

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
slug_validator = Regexp(
    SLUG_PATTERN, message=_l("Use lower-case letters, digits and single hyphens.")
)
SLUG_HINT = _l("The end of the public address; made from the name when left empty.")
# Years outside this range cannot be events, and would overflow when moved between zones.
MIN_YEAR, MAX_YEAR = 1900, 2200


def slug_field() -> Any:
    """The optional "Web address" (slug) field of a directory or series form."""
    return StringField(
        _l("Web address"),
        validators=[Optional(), Length(max=120), slug_validator],
        description=SLUG_HINT,
    )


# C0, DEL, C1, and the Unicode line and paragraph separators.
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_single_line(_form: Any, field: Any) -> None:
    """Refuse control characters and line breaks in a one-line text."""
    if isinstance(field.data, str) and SINGLE_LINE_FORBIDDEN.search(field.data):
        raise ValidationError(_l("Use no control characters or line breaks in this field."))


def check_multi_line(_form: Any, field: Any) -> None:
    """Refuse control characters other than line breaks and tabs in a multi-line text."""
    if isinstance(field.data, str) and MULTI_LINE_FORBIDDEN.search(field.data):
        raise ValidationError(
            _l("Use no control characters in this text (line breaks and tabs are fine).")
        )


def unify_line_breaks(value: Any) -> Any:
    """CRLF (what browsers send from a textarea) and a lone CR become LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class TextRuleMeta:
    """Form ``Meta`` that puts the text rule first on every text field it binds."""

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
        field = super().bind_field(form, unbound_field, options)  # type: ignore[misc]
        if isinstance(field, TextAreaField):
            field.filters = (unify_line_breaks, *field.filters)
            field.validators = [check_multi_line, *field.validators]
        elif isinstance(field, StringField):
            field.validators = [check_single_line, *field.validators]
        return field


NUL_MESSAGE = _l("Use no control characters in this field (one was taken out: check the text).")


def refuse_nul_fields(form: Any) -> bool:
    """False, with the error on each field that held a NUL (``core.params.refuse_nul`` took it
    out), when the posted form held one; a NUL outside the form's fields fails it too."""
    held = nul_fields()
    if not held:
        return True
    named = False
    for field in form:
        if any(name == field.name or name.startswith(field.name + "-") for name in held):
            field.errors = [*field.errors, NUL_MESSAGE]
            named = True
    if not named:
        form.form_errors.append(NUL_MESSAGE)
    return False


class AppForm(FlaskForm):
    """Every form of the app: Flask-WTF's (CSRF) with the text rule."""

    class Meta(TextRuleMeta):
        pass

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        return refuse_nul_fields(self) and valid


class ConfirmForm(AppForm):
    """A button that changes something (CSRF only)."""


class PlainForm(Form):
    """A form without CSRF (sub-forms of a ``FieldList``, query-string filters), with the rule."""

    class Meta(TextRuleMeta):
        pass


def valid_email() -> Email:
    """The e-mail address check of every form, with our message (WTForms' own Swedish for it
    is "Felaktig epost-adress.")."""
    return Email(_l("Invalid email address."), check_deliverability=False)


def web_address_field(label: Any) -> URLField:
    """An optional "Website": an http(s) address, nothing that would run when clicked."""
    return URLField(
        label,
        validators=[Optional(), Length(max=300), check_web_address],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )


def check_web_address(_form: Any, field: Any) -> None:
    """Refuse any address but http(s) with a host (``javascript:``, ``data:``, ``www.x.se``)."""
    if field.data and not web_link(field.data):
        raise ValidationError(_l("Give an address that starts with http:// or https://."))


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one list value."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SearchableCheckboxField(MultiCheckboxField):
    """Checkboxes for a long list (the organisations of an invitation): rendered with a search
    box above them (static/js/manage.js); ``filter_label`` names that box."""

    def __init__(self, *args: Any, filter_label: Any = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.filter_label = filter_label


def local_datetime_field(label: Any, required: bool = False, **kw: Any) -> DateTimeLocalField:
    """A date and time typed in the event's own zone."""
    validators = [InputRequired()] if required else [Optional()]
    return DateTimeLocalField(label, format=LOCAL_FORMATS, validators=validators, **kw)


def check_year(field: Any) -> None:
    """Refuse dates outside the years an event can have."""
    if field.data is not None and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        raise ValidationError(_l("Give a year between 1900 and 2200."))


def to_aware(value: datetime | None, tz: str) -> datetime | None:
    """A naive local time from a form, made aware in zone ``tz``."""
    return None if value is None else value.replace(tzinfo=zone(tz))


def to_local(value: datetime | None, tz: str) -> datetime | None:
    """An aware time shown in a form as the naive wall-clock time of zone ``tz``."""
    return None if value is None else to_zone(value, tz).replace(tzinfo=None)


def id_or_none(value: int | None) -> int | None:
    """Select fields use 0 for "none"."""
    return value or None


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select choices from ``(value, label)`` pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def id_choices(rows: Any, label: Any, none_label: Any = None) -> list[SelectChoice]:
    """Choices of database ids, with an optional "none" entry of id 0."""
    pairs = [(0, none_label)] if none_label is not None else []
    return options(pairs + [(row.id, label(row)) for row in rows])


class PlainSelect(Select):
    """WTForms' ``Select``, writing a list of plain choices (no attributes or groups of their
    own) in one pass with an f-string an option: the events filter's 75 options spent a quarter
    of the page in WTForms' per-option machinery (``html_params``, the choices normalised twice,
    a ``Choice`` each). The same HTML (``tests/core/test_forms.py`` compares them)."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        choices = field.choices
        if (
            self.multiple
            or not isinstance(choices, list)
            or not all(
                type(c) is SelectChoice and not c.render_kw and c.optgroup is None for c in choices
            )
        ):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = vars(getattr(field, "flags", None) or Flags())
        for name in self.validation_attrs:
            if name in flags and name not in kwargs:
                kwargs[name] = flags[name]
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        coerce, data = field.coerce, field.data
        for choice in choices:
            value = choice.value
            selected = "selected " if coerce(value) == data else ""
            shown = str(value) if isinstance(value, bool) else value
            label = text_escape(choice.label or value)
            html.append(f'<option {selected}value="{text_escape(shown)}">{label}</option>')
        html.append("</select>")
        return Markup("".join(html))

    @classmethod
    def render_option(cls, choice: Any, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label or choice.value)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')


class IdSelectField(SelectField):
    """A select of database ids where 0 means none; junk input is "not a valid choice"."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("coerce", _safe_int)
        kw.setdefault("default", 0)
        super().__init__(*args, **kw)

    def process_data(self, value: Any) -> None:
        super().process_data(0 if value is None else value)


def _safe_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def show_error(form: Any, error: DomainError, default: str | None = None) -> None:
    """Put a service's refusal on the form fields it names (or on ``default``), or in a message
    above the page when it names none the form has."""
    for name, messages in error.by_field().items():
        target = _field(form, name) or _field(form, default)
        if target is not None:
            target.errors = [*target.errors, *messages]
        else:
            for message in messages:
                flash(message, "error")


def _field(form: Any, name: str | None) -> Any:
    field = getattr(form, name, None) if name else None
    return field if hasattr(field, "errors") and hasattr(field, "widget") else None


TRANSLATION_SUFFIX = "_translation"


def translation_field(field: Any, label: Any, max_length: int) -> Any:
    """The other language's version of a text field: same kind, optional, labelled for it."""
    kind = TextAreaField if isinstance(field, TextAreaField) else StringField
    return kind(
        label,
        validators=[Optional(), Length(max=max_length)],
        description=_l("In the other language; left empty, readers of it see the original."),
    )


def translation_values(form: Any, fields: Iterable[str]) -> dict[str, str]:
    """The submitted translations of ``fields``, by field name (empty ones included: they
    remove a translation)."""
    return {name: (form[name + TRANSLATION_SUFFIX].data or "").strip() for name in fields}


def translation_data(obj: Any, fields: Iterable[str]) -> dict[str, str]:
    """A form's initial values of the translations of ``obj``'s ``fields``."""
    other = "sv" if obj.original_language == "en" else "en"
    return {name + TRANSLATION_SUFFIX: obj.translation(other, name) for name in fields}


def texts_language_field() -> Any:
    """The language a directory row's or series' texts are written in (their original)."""
    return SelectField(
        _l("Language of the texts"),
        choices=options(LANGUAGE_CHOICES),
        default="en",
        description=_l("The texts below are in this language; their translations beside them."),
    )


def texts_values(form: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The original language and the translations a form gives its service."""
    lang = form.original_language.data
    return {
        "original_language": lang,
        "translations": {other_language(lang): translation_values(form, fields)},
    }
