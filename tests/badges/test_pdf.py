"""Badge PDFs: every layout scans, names in accented Latin are real text, nothing overflows."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from eventapp.badges.layouts import LAYOUTS, cut_mark_segments
from eventapp.badges.pdf import CARD, PORTRAIT, event_dates, render_badges
from eventapp.badges.typeface import BOLD, REGULAR, fit_text, printable, text_width
from eventapp.core.types import RegistrationCategory
from eventapp.extensions import db
from tests.badges.conftest import ACCENTED_NAMES, codes_in, decode_qr, pdf_page_image
from tests.builders import make_event, make_registration, stockholm

CATEGORIES = list(RegistrationCategory)


def _registrations(event, names):
    registrations = [
        make_registration(
            event, name, category=CATEGORIES[i % 5], affiliation="Karolinska Institutet"
        )
        for i, name in enumerate(names)
    ]
    db.session.commit()
    return registrations


def _render(event, registrations, key):
    return render_badges(event, registrations, LAYOUTS[key], base_url="http://eventapp.test")


@pytest.mark.parametrize("key", ["a6", "a6x4", "id1x10"])
def test_a_page_of_each_layout_decodes_to_the_registrations_codes(event, key):
    registrations = _registrations(event, ACCENTED_NAMES[: LAYOUTS[key].per_page])
    pdf = _render(event, registrations, key)
    found = codes_in(decode_qr(pdf_page_image(pdf, 0)))
    assert found == {r.checkin_code for r in registrations}


def test_layouts_have_the_promised_paper_and_badge_sizes():
    assert LAYOUTS["a6"].page_size == A6 and LAYOUTS["a6"].per_page == 1
    assert LAYOUTS["a6x4"].page_size == A4 and LAYOUTS["a6x4"].per_page == 4
    assert LAYOUTS["a6x4"].badge_size == A6
    assert LAYOUTS["id1x10"].page_size == A4 and LAYOUTS["id1x10"].per_page == 10
    assert LAYOUTS["id1x10"].badge_size == pytest.approx((85.6 * mm, 54 * mm))


@pytest.mark.parametrize("key", LAYOUTS)
def test_badges_stay_on_the_sheet_without_overlapping(key):
    layout = LAYOUTS[key]
    width, height = layout.badge_size
    page_w, page_h = layout.page_size
    for x, y in layout.slots:
        assert 0 <= x and x + width <= page_w + 0.01 and 0 <= y and y + height <= page_h + 0.01
    for i, (x1, y1) in enumerate(layout.slots):
        for x2, y2 in layout.slots[i + 1 :]:
            assert abs(x1 - x2) >= width - 0.01 or abs(y1 - y2) >= height - 0.01


def test_card_sheet_cut_marks_lie_in_the_margins_not_on_badges():
    layout = LAYOUTS["id1x10"]
    width, height = layout.badge_size
    segments = cut_mark_segments(layout)
    assert len(segments) == 2 * 3 + 2 * 6  # 3 vertical and 6 horizontal cut lines, both sides
    for x1, y1, x2, y2 in segments:
        for x, y in layout.slots:
            inside_x = x + 0.5 < max(x1, x2) and min(x1, x2) < x + width - 0.5
            inside_y = y + 0.5 < max(y1, y2) and min(y1, y2) < y + height - 0.5
            assert not (inside_x and inside_y)


def test_pages_hold_as_many_badges_as_the_layout_says(event):
    registrations = _registrations(event, [f"Person {n}" for n in range(11)])
    for key, pages in (("a6", 11), ("a6x4", 3), ("id1x10", 2)):
        assert len(PdfReader(io.BytesIO(_render(event, registrations, key))).pages) == pages


def test_pdf_embeds_its_font_and_accented_names_are_real_text(event):
    registrations = _registrations(event, ACCENTED_NAMES)
    reader = PdfReader(io.BytesIO(_render(event, registrations, "a6")))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType program itself is in the file
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts
    # Long names are broken over two lines: compare with whitespace folded.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for name in ACCENTED_NAMES:
        assert name in text
    assert "Collaboration in Science 2026" in text and "Karolinska Institutet" in text


def test_badge_shows_category_dates_in_the_event_zone_and_draws_the_qr_as_vectors(event):
    (registration,) = _registrations(event, ["Åsa Öberg"])
    reader = PdfReader(io.BytesIO(_render(event, [registration], "a6")))
    page = reader.pages[0]
    text = " ".join(page.extract_text().split())
    assert "PARTICIPANT" in text
    assert " ".join(event_dates(event, "en").split()) in text  # "Jun 10 – 11, 2026"
    assert list(page.images) == []  # the QR is rectangles, sharp at any size


def test_dates_are_those_of_the_event_zone(app):
    late = make_event(starts_at=stockholm(2026, 3, 1, 0, 30), ends_at=stockholm(2026, 3, 1, 2, 0))
    assert event_dates(late, "en") == "March 1, 2026"  # 23:30 UTC the day before
    assert event_dates(late, "sv") == "1 mars 2026"
    assert event_dates(late, "no-such-locale") == "March 1, 2026"


def test_other_scripts_and_odd_input_never_crash_the_pdf(event):
    names = [
        "李小龙",
        "محمد عبد الله",
        "Emoji 🎉👩‍🔬 Person",
        "Tab\tand\nnewline\x07",
        "",
        "Ω" * 200,
    ]
    registrations = _registrations(event, names)
    for key in LAYOUTS:
        reader = PdfReader(io.BytesIO(_render(event, registrations, key)))
        assert len(reader.pages) >= 1
    assert printable("Emoji 🎉 Person") == "Emoji \ufffd Person"
    assert printable("Tab\tand\nnewline\x00") == "Tab and newline"
    assert printable("e\u0301") == "é"  # combining accent composed


def _fonts_of(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


@pytest.mark.needs("cjk-font")
def test_cjk_names_print_in_the_fallback_font_embedded_only_when_used(event):
    """The badge font has no CJK glyphs: "李小龍" printed as "�"."""
    from eventapp.badges.typeface import FALLBACK, fallback_font

    assert fallback_font() == FALLBACK
    names = ["李小龍", "김연아", "山田 花子", "Åsa 李 Öberg"]
    assert [printable(name) for name in names] == names
    reader = PdfReader(io.BytesIO(_render(event, _registrations(event, names), "a6")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for name in names:
        assert name in text
    fallback_face = pdfmetrics.getFont(FALLBACK).face.name.decode()  # "WenQuanYiMicroHei"
    assert any(font.startswith(fallback_face) for font in _fonts_of(reader))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded (a subset), not named only
    latin = PdfReader(io.BytesIO(_render(event, _registrations(event, ["Bo Ek"]), "a6")))
    assert _fonts_of(latin) == {REGULAR, BOLD}  # the fallback only where a name needs it


def test_very_long_names_shrink_and_never_overflow_their_box():
    long_names = [
        "Maximiliana Wilhelmina Fredrika von Hohenzollern-Sigmaringen af Östergötland",
        "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen",
        "A" * 200,
        "Jo",
    ]
    for boxes in (PORTRAIT, CARD):
        box = boxes["name"]
        for name in long_names:
            fitted = fit_text(
                name,
                BOLD,
                max_width=box.width,
                max_height=box.height,
                max_size=box.max_size,
                min_size=box.min_size,
                max_lines=box.max_lines,
            )
            assert 1 <= len(fitted.lines) <= box.max_lines
            assert fitted.size <= box.max_size
            assert len(fitted.lines) * fitted.size * 1.15 <= box.height + 0.01
            for line in fitted.lines:
                assert text_width(line, BOLD, fitted.size) <= box.width + 0.01


def test_short_names_are_set_large_and_long_ones_break_before_shrinking():
    box = PORTRAIT["name"]
    kwargs = dict(max_width=box.width, max_height=box.height, max_size=32, min_size=11, max_lines=2)
    assert fit_text("Jo Li", BOLD, **kwargs).size == 32
    fitted = fit_text("Annika Wallenberg-Östergren", BOLD, **kwargs)
    assert fitted.lines == ("Annika", "Wallenberg-Östergren")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.floats(20, 300), st.integers(1, 2))
def test_fitted_text_never_overflows_for_any_input(text, width, lines):
    fitted = fit_text(
        text, REGULAR, max_width=width, max_height=60, max_size=30, min_size=6, max_lines=lines
    )
    assert len(fitted.lines) <= lines
    for line in fitted.lines:
        assert text_width(line, REGULAR, fitted.size) <= width + 0.01
