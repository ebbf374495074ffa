"""Texts in two languages: one thing, one URL, an original text and optionally its translation.

A translatable model keeps its texts in its own columns, in ``original_language``, and the other
language's versions in one JSON column, ``translations`` (``{"sv": {"title": "…"}}``): loading a
row loads both languages, so no page makes a query per text. A visitor reads their language
where it exists, else the original, marked with its language (``Text.lang``) so a page can say
``lang="en"`` around it and screen readers pronounce it right.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask import has_app_context
from markupsafe import Markup, escape
from sqlalchemy import JSON, String, text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import flag_modified

from eventapp.core.i18n import current_language

LANGUAGES = ("en", "sv")
#: Each language in its own name, as a language picker shows it.
LANGUAGE_CHOICES = [("en", "English"), ("sv", "Svenska")]


class Text(str):
    """A text that knows its language, and whether it stands in for a missing translation."""

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str, fallback: bool = False) -> Text:
        text = super().__new__(cls, value)
        text.lang, text.fallback = lang, fallback
        return text


def other_language(lang: str) -> str:
    """The other of the two languages."""
    return "sv" if lang == "en" else "en"


def reader_language() -> str:
    """The visitor's language in a request, an e-mail's while it is rendered (``force_locale``),
    else the site's default."""
    return current_language() if has_app_context() else LANGUAGES[0]


def pick_text(
    value: str | None,
    field: str,
    original: str | None,
    translations: dict[str, dict[str, str]] | None,
    lang: str | None = None,
) -> Text:
    """``field`` in ``lang`` (the reader's by default), else its original ``value``, marked as
    such: ``Translatable.text`` for a row read as columns (a timetable's sessions)."""
    original = original or "en"
    lang = lang or reader_language()
    translated = ((translations or {}).get(lang) or {}).get(field) if lang != original else None
    return pick_translated(value, original, translated, lang)


def pick_translated(
    value: str | None, original: str | None, translated: str | None, lang: str
) -> Text:
    """``pick_text`` for a row whose ``lang`` text the database read already (``translated``,
    None when there is none): see ``translation_in``."""
    original = original or "en"
    if translated and lang != original:
        return Text(translated, lang)
    value = value or ""
    return Text(value, original, fallback=lang != original and bool(value))


def translation_in(column: Any, lang: str, field: str) -> Any:
    """The ``lang`` text of ``field`` in a JSON ``translations`` column, read by the database
    (NULL when there is none): decoding every row's JSON in Python cost more than the row."""
    return column[(lang, field)].as_string()


class Translatable:
    """Mixin of a model whose ``TRANSLATED`` text columns may exist in the other language too."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ()

    original_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )

    def text(self, field: str, lang: str | None = None) -> Text:
        """``field`` in ``lang`` (the reader's by default), or the original, marked as such."""
        return pick_text(
            getattr(self, field), field, self.original_language, self.translations, lang
        )

    def translation(self, lang: str, field: str) -> str:
        """The stored translation of ``field`` in ``lang`` ("" when there is none)."""
        return ((self.translations or {}).get(lang) or {}).get(field, "")

    def set_translations(self, lang: str, values: dict[str, str]) -> None:
        """Replace the ``lang`` versions of the given fields (empty text removes one)."""
        if lang == self.original_language:
            return
        current = dict(self.translations or {})
        texts = {**current.get(lang, {}), **{k: v for k, v in values.items() if v}}
        for name, value in values.items():
            if not value:
                texts.pop(name, None)
        if texts:
            current[lang] = texts
        else:
            current.pop(lang, None)
        self.translations = current
        flag_modified(self, "translations")

    def missing_translations(self, lang: str) -> list[str]:
        """The fields with an original text and no ``lang`` version."""
        if lang == self.original_language:
            return []
        return [f for f in self.TRANSLATED if getattr(self, f) and not self.translation(lang, f)]


def marked(text: Any, page_language: str | None = None) -> Markup:
    """``text`` for an element's content, inside ``<span lang="…">`` when it is in another
    language than the page's (a missing translation shown in the original). ``page_language``
    saves looking the reader's language up again (a timetable marks hundreds of texts). An
    f-string of escaped parts: ``Markup``'s ``%`` was a tenth of a Swedish timetable whose
    titles are in English."""
    lang = getattr(text, "lang", None)
    if lang is None or lang == (page_language or reader_language()):
        return escape(text)
    return Markup(f'<span lang="{escape(lang)}">{escape(text)}</span>')


def lang_attr(text: Any, page_language: str | None = None) -> Markup:
    """`` lang="en"`` when ``text`` is in another language than the page's, else nothing."""
    lang = getattr(text, "lang", None)
    if lang is None or lang == (page_language or reader_language()):
        return Markup("")
    return Markup(f' lang="{escape(lang)}"')


def translated(obj: Any, field: str, lang: str | None = None) -> Text:
    """``obj.text(field)`` for translatable objects; the plain attribute (as a ``Text`` in the
    site's language) for anything else."""
    if isinstance(obj, Translatable):
        return obj.text(field, lang)
    return Text(getattr(obj, field, "") or "", lang or reader_language())


def assign_texts(obj: Any, values: dict[str, Any]) -> None:
    """Set ``obj``'s columns from ``values``; its ``translations`` entry (``{"sv": {…}}``)
    through ``set_translations`` (an empty text removes its translation)."""
    for key, value in values.items():
        if key == "translations":
            for lang, texts in value.items():
                obj.set_translations(lang, texts)
        else:
            setattr(obj, key, value)
