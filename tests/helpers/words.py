"""The interface's own words in a chosen language, for tests that click through the real UI
in both languages: ``words("sv")("Register")`` is the label a Swedish visitor sees."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.support import Translations

TRANSLATIONS = Path(__file__).resolve().parents[2] / "eventapp" / "translations"
#: The browser locale each language's visitor has (it sends Accept-Language from it).
BROWSER_LOCALES = {"en": "en-GB", "sv": "sv-SE"}


@cache
def words(lang: str) -> Callable[..., str]:
    """``gettext`` (``pgettext`` with ``context``) of the compiled catalogue of ``lang``; other
    keyword arguments fill ``%(name)s``."""
    catalogue = Translations.load(str(TRANSLATIONS), [lang])

    def word(message: str, context: str | None = None, **values: object) -> str:
        text = catalogue.pgettext(context, message) if context else catalogue.gettext(message)
        return text % values if values else text

    word.lang = lang  # type: ignore[attr-defined]
    return word
