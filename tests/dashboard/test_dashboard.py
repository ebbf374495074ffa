"""The organiser's event dashboard: registrations over time, by category and organisation,
places left, check-ins live during the event; a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.dashboard import services
from tests.builders import make_event, make_organisation, make_registration, stockholm


@pytest.fixture
def event(db, ki):
    event = make_event(
        "Innovation Days",
        slug="innovation-days",
        capacity=50,
        starts_at=stockholm(2026, 9, 1, 9, 0),
        ends_at=stockholm(2026, 9, 2, 17, 0),
        organisers=[ki.organisation],
    )
    db.session.commit()
    return event


def test_registrations_over_time_add_up_day_by_day_in_the_events_zone(db, event):
    make_registration(event, created_at=stockholm(2026, 8, 1, 10, 0))
    make_registration(event, created_at=stockholm(2026, 8, 1, 23, 30))  # 21:30 UTC: still 1 Aug
    make_registration(event, created_at=stockholm(2026, 8, 4, 0, 30))
    db.session.commit()
    series = services.registrations_over_time(event, date(2026, 8, 5))
    assert [n for _label, n in series] == [2, 2, 2, 3, 3]
    assert series[0][0] == "Aug 1, 2026"


def test_by_category_and_by_organisation_count_active_registrations_only(db, event, ki):
    kth = make_organisation("KTH", slug="kth-org")
    for _n in range(3):
        make_registration(event, organisation=ki.organisation)
    make_registration(event, organisation=kth, category=RegistrationCategory.SPEAKER)
    make_registration(event, affiliation="Region Stockholm")
    make_registration(event, organisation=kth, status=RegistrationStatus.CANCELLED)
    db.session.commit()
    assert services.by_category(event) == [("Participant", 4), ("Speaker", 1)]
    assert services.by_organisation(event) == [
        ("Karolinska Institutet", 3),
        ("KTH", 1),
        ("Region Stockholm", 1),
    ]


def test_beyond_eight_organisations_the_rest_are_summed_up(db, event):
    for n in range(10):
        make_registration(event, affiliation=f"Org {n:02d}")
    db.session.commit()
    rows = services.by_organisation(event)
    assert len(rows) == 9 and rows[-1] == ("2 other organisations", 2)


def test_places_left_and_the_live_door(db, event, ki):
    make_registration(event)
    make_registration(event, checked_in_at=utcnow())
    make_registration(event, status=RegistrationStatus.WAITLISTED)
    db.session.commit()
    board = services.event_dashboard(ki.user, event, now=stockholm(2026, 9, 1, 8, 0))
    assert (board.confirmed, board.checked_in, board.places_left) == (2, 1, 48)
    assert board.live
    later = services.event_dashboard(ki.user, event, now=stockholm(2026, 9, 3, 8, 0))
    assert not later.live


def test_the_event_page_shows_the_dashboard_at_a_fixed_query_cost(
    ki_client, db, event, count_queries
):
    def cost() -> tuple[int, str]:
        with count_queries() as q:
            response = ki_client.get("/manage/events/innovation-days/")
        assert response.status_code == 200
        return q.count, response.get_data(as_text=True)

    make_registration(event, name="<script>x</script>", affiliation="<b>Evil</b>")
    db.session.commit()
    few, page = cost()
    assert "Registrations received over time" in page and 'class="chart-stroke"' in page
    assert "&lt;b&gt;Evil&lt;/b&gt;" in page and "<b>Evil</b>" not in page
    assert "49</strong> places left of 50" in page
    for n in range(30):
        make_registration(event, affiliation=f"Org {n}", created_at=utcnow() - timedelta(days=n))
    db.session.commit()
    assert cost()[0] == few
