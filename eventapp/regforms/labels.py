"""Translatable names of the kinds of question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from eventapp.regforms.models import QuestionKind

KIND_LABELS: dict[QuestionKind, LazyString] = {
    QuestionKind.SHORT_TEXT: _l("Short text"),
    QuestionKind.LONG_TEXT: _l("Long text"),
    QuestionKind.SINGLE_CHOICE: _l("One of several options"),
    QuestionKind.MULTIPLE_CHOICE: _l("Several options"),
    QuestionKind.YES_NO: _l("Yes or no"),
    QuestionKind.NUMBER: _l("Number"),
}
