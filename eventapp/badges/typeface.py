"""The badge font (DejaVu Sans, embedded) with a fallback for the scripts it lacks, and the
fitting of text into a box.

DejaVu Sans covers Latin, Greek, Cyrillic and more, but no Chinese, Japanese or Korean ("李小龍"
printed as "�"). A fallback TrueType font fills those characters in: WenQuanYi Micro Hei
(Debian's ``fonts-wqy-microhei``: CJK and Hangul) or Droid Sans Fallback
(``fonts-droid-fallback``), or the file named by ``EVENTAPP_BADGE_FALLBACK_FONT``. Noto CJK is
not among them: its outlines are CFF, which reportlab cannot embed. A line is drawn in runs,
each in the font that has its glyphs, so the fallback is embedded (as a subset) only in a PDF
where some name needs it. A character neither font has (emoji…) is drawn as U+FFFD "�"
instead of crashing the PDF or printing an empty box.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FALLBACK = "BadgeFallback"
FALLBACK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
REPLACEMENT = "\ufffd"
_SPACES = re.compile(" {2,}")
ELLIPSIS = "…"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the embedded fonts with reportlab once per process; returns (regular, bold)."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    return REGULAR, BOLD


@lru_cache(maxsize=1)
def fallback_font() -> str | None:
    """The fallback font's name once registered, or None when no fallback file is there."""
    configured = os.environ.get("EVENTAPP_BADGE_FALLBACK_FONT", "").strip()
    for path in (configured,) if configured else FALLBACK_CANDIDATES:
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FALLBACK, path, subfontIndex=0))
        except (TTFError, OSError):
            continue  # not a TrueType font reportlab can embed (CFF outlines, say)
        return FALLBACK
    return None


@lru_cache(maxsize=4)
def _glyphs(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def _fallback_glyphs() -> frozenset[int]:
    fallback = fallback_font()
    return _glyphs(fallback) if fallback else frozenset()


def printable(text: str, font_name: str = REGULAR) -> str:
    """``text`` as the fonts can draw it: NFC, one line, what neither the font nor the
    fallback has replaced by U+FFFD (the fallback is read only when a character needs it)."""
    glyphs = _glyphs(font_name)
    text = unicodedata.normalize("NFC", text or "")
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        code = ord(char)
        if code in glyphs and category not in {"Cc", "Zl", "Zp"}:
            out.append(char)
        elif category in {"Cc", "Zl", "Zp"} or char.isspace():
            out.append(" ")
        elif code in _fallback_glyphs():
            out.append(char)
        elif category in {"Cf", "Mn"}:
            continue  # invisible joiners, variation selectors, stray combining marks
        elif not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    return _SPACES.sub(" ", "".join(out)).strip()


def font_runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """``text`` (already ``printable``) cut into (font, piece) runs: the font where it has the
    glyph (spaces always), the fallback where only that has it."""
    glyphs = _glyphs(font_name)
    if all(ord(char) in glyphs for char in text):
        return [(font_name, text)] if text else []
    fallback = fallback_font()
    runs: list[tuple[str, str]] = []
    for char in text:
        font = font_name if fallback is None or ord(char) in glyphs or char == " " else fallback
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def text_width(text: str, font_name: str, size: float) -> float:
    """The width in points of ``text`` set in ``font_name`` (and the fallback) at ``size``."""
    return sum(
        pdfmetrics.stringWidth(piece, font, size) for font, piece in font_runs(text, font_name)
    )


def draw_text(
    canvas: Any, x: float, baseline: float, text: str, font_name: str, size: float
) -> None:
    """Draw ``text`` from ``x`` in runs of the font and the fallback (only set when used)."""
    for font, piece in font_runs(text, font_name):
        canvas.setFont(font, size)
        canvas.drawString(x, baseline, piece)
        x += pdfmetrics.stringWidth(piece, font, size)


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
