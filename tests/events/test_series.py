"""The series page and the cadence read aloud from its RRULE."""

from __future__ import annotations

from datetime import timedelta

import pytest

from eventapp import config as app_config
from eventapp import create_app
from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus
from eventapp.events.cadence import CadenceError, rrule_in_words
from tests.builders import make_event, make_organisation, make_series


def test_series_page_lists_organisers_and_all_editions(client, db):
    ki = make_organisation("Karolinska Institutet", short_name="KI", slug="ki")
    karolinska = make_organisation("Karolinska University Hospital", slug="kuh")
    series = make_series(
        "Collaboration in Science",
        slug="cis",
        organisations=[ki, karolinska],
        cadence_rrule="FREQ=YEARLY;INTERVAL=2",
        cadence_text="Biennial since 2022",
        description="A conference for **everyone** on campus.",
    )
    now = utcnow()
    make_event("CiS 2022", series=series, starts_at=now - timedelta(days=1400))
    make_event("CiS 2024", series=series, starts_at=now - timedelta(days=670))
    make_event("CiS 2026", series=series, starts_at=now + timedelta(days=60))
    make_event(
        "CiS 2028 draft",
        series=series,
        starts_at=now + timedelta(days=790),
        status=EventStatus.DRAFT,
    )
    db.session.commit()
    html = client.get("/series/cis/").text
    assert '<h1 id="series-title">Collaboration in Science</h1>' in html
    assert "Every 2 years" in html
    assert "<strong>everyone</strong>" in html
    assert '<a href="/organisations/ki/">Karolinska Institutet (KI)</a>' in html
    assert '<a href="/organisations/kuh/">Karolinska University Hospital</a>' in html
    upcoming, past = html.index("Upcoming editions"), html.index("Past editions")
    assert upcoming < html.index(">CiS 2026</a>") < past
    assert past < html.index(">CiS 2024</a>") < html.index(">CiS 2022</a>")
    assert "CiS 2028 draft" not in html
    assert "3 editions" in html
    assert "Biennial since 2022" not in html  # the RRULE, read in the reader's language, wins


def test_series_without_upcoming_edition_says_so(client, db):
    make_series("ATMP mini-symposia", slug="atmp", cadence_text="Now and then")
    db.session.commit()
    html = client.get("/series/atmp/").text
    assert "The next edition has not been announced yet." in html
    assert "Now and then" in html


def test_event_page_links_its_series(client, db):
    series = make_series("Nya röster: Flemingsberg", slug="nya-roster")
    event = make_event(series=series)
    db.session.commit()
    assert (
        '<a href="/series/nya-roster/">Nya röster: Flemingsberg</a>'
        in client.get(f"/events/{event.slug}/").text
    )


def test_series_cadence_in_swedish_uses_swedish_names(client, db):
    make_series("Workshops", slug="ws", cadence_rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20251209")
    db.session.commit()
    html = client.get("/series/ws/?lang=sv").text
    assert '<html lang="sv">' in html
    assert "tisdag" in html and "9 december 2025" in html


@pytest.fixture(scope="module")
def text_app(tmp_path_factory):
    """One app for the pure RRULE tests: they need a request (for the language), no database."""
    instance = tmp_path_factory.mktemp("instance")
    return create_app(
        app_config.TestConfig(f"sqlite:///{instance}/unused.sqlite3", INSTANCE_PATH=instance)
    )


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=YEARLY;INTERVAL=2", "Every 2 years"),
        ("FREQ=YEARLY", "Every year"),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU,TH", "Every week on Tuesday and Thursday"),
        ("FREQ=MONTHLY;BYDAY=1MO", "Every month on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=10", "Every month on the last Friday, 10 times in all"),
        ("FREQ=YEARLY;BYMONTH=1,10", "Every year in January and October"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Every month on day 15"),
        ("FREQ=DAILY;INTERVAL=3;UNTIL=20251209T000000Z", "Every 3 days, until December 9, 2025"),
        ("FREQ=WEEKLY;COUNT=1", "Every week, 1 time in all"),
    ],
)
def test_rrule_in_words_in_english(text_app, rule, words):
    with text_app.test_request_context("/"):
        assert rrule_in_words(rule) == words


def test_rrule_in_words_names_days_and_months_in_swedish(text_app):
    with text_app.test_request_context("/?lang=sv"):
        words = rrule_in_words("FREQ=YEARLY;BYMONTH=1;BYDAY=WE")
    assert "januari" in words and "onsdag" in words


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "FREQ=HOURLY",
        "FREQ=YEARLY;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=MONTHLY;BYDAY=7MO",
        "FREQ=DAILY;UNTIL=2025",
        "nonsense",
        "FREQ=YEARLY;INTERVAL=two",
    ],
)
def test_unreadable_rrule_raises_cadence_error(text_app, rule):
    with text_app.test_request_context("/"), pytest.raises(CadenceError):
        rrule_in_words(rule)


def test_unreadable_rrule_falls_back_to_the_free_text(client, db):
    make_series("Odd", slug="odd", cadence_rrule="FREQ=SOMETIMES", cadence_text="Twice a year")
    db.session.commit()
    html = client.get("/series/odd/").text
    assert "Twice a year" in html and "SOMETIMES" not in html


def test_series_page_shows_the_nearest_editions_and_links_the_list_of_all(client, db):
    from eventapp.events.queries import SERIES_EDITIONS_SHOWN

    series = make_series("Nya röster", slug="nya-roster")
    now = utcnow()
    for days in range(1, 31):
        make_event(f"Upcoming {days:02d}", series=series, starts_at=now + timedelta(days=days))
        make_event(f"Past {days:02d}", series=series, starts_at=now - timedelta(days=days))
    db.session.commit()
    html = client.get("/series/nya-roster/").text
    assert "60 editions" in html
    assert html.count('class="card event-card') == 2 * SERIES_EDITIONS_SHOWN
    # the soonest upcoming and the latest past ones, in that order
    assert html.index("Upcoming 01") < html.index(f"Upcoming {SERIES_EDITIONS_SHOWN:02d}")
    assert f"Upcoming {SERIES_EDITIONS_SHOWN + 1:02d}" not in html
    assert html.index("Past 01") < html.index(f"Past {SERIES_EDITIONS_SHOWN:02d}")
    assert f"Past {SERIES_EDITIONS_SHOWN + 1:02d}" not in html
    assert 'href="/events/?series=nya-roster">All events</a>' in html


def test_series_page_with_few_editions_shows_them_all_without_a_list_link(client, db):
    series = make_series("Nya röster", slug="nya-roster")
    make_event("Once", series=series, starts_at=utcnow() + timedelta(days=3))
    db.session.commit()
    html = client.get("/series/nya-roster/").text
    assert "1 edition" in html and "Once" in html
    assert "/events/?series=nya-roster" not in html
