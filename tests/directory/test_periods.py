"""Periods of validity as people write them, and what counts as expiring."""

from __future__ import annotations

from datetime import date

import pytest

from eventapp.core.types import CollaborationStatus
from eventapp.directory.models import Collaboration
from eventapp.directory.periods import is_expiring, is_lapsed, months_later, validity_text


@pytest.fixture
def request_ctx(app):
    with app.test_request_context("/"):
        yield


PERIODS = [
    (date(2025, 1, 1), date(2027, 12, 31), "2025–2027"),
    (date(2025, 1, 1), date(2025, 12, 31), "2025"),
    (date(2023, 1, 1), None, "since 2023, until further notice"),
    (None, None, "until further notice"),
    (None, date(2026, 12, 31), "until 2026"),
    (date(2024, 6, 1), date(2027, 5, 31), "June 1, 2024–May 31, 2027"),
]


def test_validity_is_written_in_years_when_the_period_is_whole_years(request_ctx):
    for start, end, text in PERIODS:
        assert validity_text(start, end) == text


def test_validity_dates_are_written_in_the_readers_language(app):
    with app.test_request_context("/?lang=sv"):
        text = validity_text(date(2024, 6, 1), date(2027, 5, 31))
    assert text == "1 juni 2024–31 maj 2027"


def test_six_months_later_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_later(date(2025, 9, 11), 6) == date(2026, 3, 11)
    assert months_later(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert months_later(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_expiring_means_active_and_ending_within_six_months():
    today = date(2025, 9, 11)

    def agreement(until, status=CollaborationStatus.ACTIVE):
        return Collaboration(name="x", valid_until=until, status=status)

    assert is_expiring(agreement(date(2025, 12, 31)), today)
    assert is_expiring(agreement(date(2026, 3, 11)), today)
    assert not is_expiring(agreement(date(2026, 3, 12)), today)
    assert not is_expiring(agreement(None), today)
    assert not is_expiring(agreement(date(2025, 12, 31), CollaborationStatus.ENDED), today)
    assert not is_expiring(agreement(date(2025, 9, 10)), today)
    assert is_lapsed(agreement(date(2025, 9, 10)), today)
    assert not is_lapsed(agreement(date(2025, 9, 11)), today)
