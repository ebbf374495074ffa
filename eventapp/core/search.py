"""Search text folded the same way in Python and in every database: case and accents ignored.

SQLite's ``lower()`` and ``LIKE`` fold ASCII only ("åke" finds no "Åke"), and PostgreSQL's
``unaccent`` is an extension we cannot count on being installed. So the folding is done here, once,
in Python: rows keep a folded copy of the text people search (``search_text``) and a query is
folded the same way before it is compared with ``LIKE``, which then has nothing left to fold.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, and_, true
from sqlalchemy.orm import InstrumentedAttribute

# Letters NFKD does not decompose but a Swede or a Dane types without the stroke.
_UNSTROKED = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})
MAX_QUERY = 100


def fold(text: str) -> str:
    """``text`` casefolded, accents dropped, spaces collapsed: "Åke  ÖBERG" → "ake oberg"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_UNSTROKED).split())


# Swedish puts å, ä, ö (and the Danish-Norwegian æ, ø) after z; elsewhere they sort with a, o.
_SWEDISH_LAST = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "æ": "z\u0002", "ö": "z\u0003",
                               "ø": "z\u0003"})  # fmt: skip


def collation_key(text: str, language: str) -> tuple[str, str]:
    """A sort key for names as a reader of ``language`` expects them: case ignored ("KTH" after
    "Karolinska"), accents ignored, and in Swedish å, ä, ö after z ("Örebro" last)."""
    lowered = unicodedata.normalize("NFC", (text or "").casefold())
    if language == "sv":
        lowered = lowered.translate(_SWEDISH_LAST)
    return fold(lowered), text or ""


def search_text_of(*parts: str | None, length: int = 700) -> str:
    """The folded text a row is found by: its searchable fields folded, " | " between them."""
    return fold(" | ".join(part or "" for part in parts))[:length]


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (for ``escape="\\\\"``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches_words(column: InstrumentedAttribute[str], query: str) -> ColumnElement[bool]:
    """Every word of ``query`` (folded) occurs in the folded ``column``, in any order."""
    words = fold(query[:MAX_QUERY]).split()[:5]
    if not words:
        return true()
    return and_(*(column.like(f"%{escape_like(word)}%", escape="\\") for word in words))
