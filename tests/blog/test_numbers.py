"""Counts in words: small numbers spelled out, large ones rounded down to an honest figure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventapp.blog.numbers import attendance_phrase, nice_floor, sessions_phrase


def test_the_atmp_figures_read_as_the_organisers_wrote_them():
    assert attendance_phrase(153, 62, "en") == (
        "over 150 participants from more than 60 organisations"
    )
    assert attendance_phrase(153, 62, "sv") == "över 150 deltagare från mer än 60 organisationer"


@pytest.mark.parametrize(
    ("n", "figure", "exact"),
    [(1, 1, True), (12, 12, True), (19, 19, True), (20, 20, True), (62, 60, False),
     (99, 90, False), (100, 100, True), (153, 150, False), (199, 150, False), (1234, 1000, False),
     (2600, 2500, False), (12_345, 10_000, False)],
)  # fmt: skip
def test_figures_round_down_to_a_nice_number(n, figure, exact):
    assert nice_floor(n) == (figure, exact)


@given(st.integers(min_value=0, max_value=10_000_000))
def test_a_rounded_figure_is_never_more_than_the_count(n):
    figure, exact = nice_floor(n)
    assert figure <= n
    assert exact == (figure == n)
    assert figure >= n / 2


def test_exact_round_figures_are_not_called_over():
    assert attendance_phrase(60, 20, "en") == "60 participants from 20 organisations"
    assert attendance_phrase(8, 1, "en") == "eight participants from one organisation"
    assert attendance_phrase(1, 1, "sv") == "en deltagare från en organisation"


def test_sessions_are_counted_by_kind_in_words_most_frequent_first():
    counts = {"talk": 14, "keynote": 2, "panel": 1}
    assert sessions_phrase(counts, "en") == "14 presentations, two keynotes and a panel"
    assert sessions_phrase(counts, "sv") == (
        "14 presentationer, två keynote-föreläsningar och en paneldiskussion"
    )
    assert sessions_phrase({"exhibition": 1, "inauguration": 1}, "en") == (
        "an exhibition and an inauguration"
    )
    assert sessions_phrase({"workshop": 10}, "sv") == "tio workshoppar"
    assert sessions_phrase({"break": 3, "mingle": 1}, "en") == ""
