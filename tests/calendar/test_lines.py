"""Content-line folding and escaping, checked against icalendar's reader for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Event

from eventapp.calendar.lines import ContentLines, fold

TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(',;\\\n:"^åÖ🎉'),
    max_size=400,
)
# Organisation and person names: one line, no spaces at either end (readers trim those).
NAMES = TEXTS.map(lambda text: " ".join(text.split())).filter(bool)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_folded_lines_stay_within_75_octets_and_unfold_to_the_original(text):
    folded = fold("DESCRIPTION:" + text.replace("\n", " "))
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + text.replace("\n", " ")


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.lists(TEXTS, min_size=1, max_size=4), NAMES)
def test_any_text_round_trips_through_icalendar(summary, categories, name):
    lines = ContentLines("VEVENT")
    lines.text("SUMMARY", summary)
    lines.texts("CATEGORIES", categories)
    lines.raw("ORGANIZER", "mailto:someone@example.org", CN=name)
    parsed = Event.from_ical(lines.to_ical())
    assert str(parsed["SUMMARY"]) == summary
    assert list(parsed["CATEGORIES"].cats) == categories
    assert parsed["ORGANIZER"].params["CN"] == name
