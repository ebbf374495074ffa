"""The badge font (DejaVu Sans, embedded) and the fitting of text into a box.

DejaVu Sans covers Latin, Greek, Cyrillic and more; a character it has no glyph for (Chinese,
emoji…) is drawn as U+FFFD "�" instead of crashing the PDF or printing an empty box.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
REPLACEMENT = "\ufffd"
_SPACES = re.compile(" {2,}")
ELLIPSIS = "…"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the embedded fonts with reportlab once per process; returns (regular, bold)."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    return REGULAR, BOLD


@lru_cache(maxsize=2)
def _glyphs(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def printable(text: str, font_name: str = REGULAR) -> str:
    """``text`` as the font can draw it: NFC, one line, missing glyphs replaced by U+FFFD."""
    glyphs = _glyphs(font_name)
    text = unicodedata.normalize("NFC", text or "")
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category in {"Cc", "Zl", "Zp"} or (char.isspace() and ord(char) not in glyphs):
            out.append(" ")
        elif category in {"Cf", "Mn"} and ord(char) not in glyphs:
            continue  # invisible joiners, variation selectors, stray combining marks
        elif ord(char) in glyphs:
            out.append(char)
        elif not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    return _SPACES.sub(" ", "".join(out)).strip()


def text_width(text: str, font_name: str, size: float) -> float:
    """The width in points of ``text`` set in ``font_name`` at ``size``."""
    return pdfmetrics.stringWidth(text, font_name, size)


@dataclass(frozen=True)
class FittedText:
    """Lines of text and the font size at which every line fits the box."""

    lines: tuple[str, ...]
    size: float

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _two_line_splits(words: list[str]) -> list[tuple[str, ...]]:
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]


def _truncate(line: str, font_name: str, size: float, max_width: float) -> str:
    """The longest prefix of ``line`` that fits with an ellipsis (binary search)."""
    if text_width(line, font_name, size) <= max_width:
        return line
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(line[:middle].rstrip() + ELLIPSIS, font_name, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS if low else ""


def fit_text(
    text: str,
    font_name: str,
    *,
    max_width: float,
    max_height: float,
    max_size: float,
    min_size: float,
    max_lines: int = 1,
    leading: float = 1.15,
) -> FittedText:
    """Shrink (and break at a space, up to ``max_lines``) so the text fits; never overflow.

    Below ``min_size`` the text is cut with an ellipsis rather than drawn outside the box.
    """
    text = printable(text, font_name)
    if not text:
        return FittedText((), max_size)
    words = text.split(" ")
    candidates: list[tuple[str, ...]] = [(text,)]
    if max_lines >= 2 and len(words) > 1:
        candidates += _two_line_splits(words)
    best: FittedText | None = None
    for lines in candidates:
        widest = max(text_width(line, font_name, 1.0) for line in lines)
        size = min(max_size, max_width / widest, max_height / (len(lines) * leading))
        if best is None or size > best.size + 0.01:
            best = FittedText(lines, size)
    assert best is not None
    if best.size >= min_size:
        return best
    size = min(min_size, max_height / (len(best.lines) * leading))
    lines = tuple(_truncate(line, font_name, size, max_width) for line in best.lines)
    return FittedText(tuple(line for line in lines if line), size)
