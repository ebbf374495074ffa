"""The public pages issue a fixed number of SQL queries, however big the programme or list."""

from __future__ import annotations

from tests.builders import make_registration, make_series
from tests.events.conftest import blank_hooks, make_full_event, make_listed_events

# Our own queries, with the other capabilities' includes blanked (see ``without_hooks``):
# the event (venue, series, contact and organisers joined), sessions (rooms joined), speakers
# (people and affiliations joined) …
EVENT_PAGE_QUERIES = 3
# … plus one count of confirmed registrations when the event has a capacity.
EVENT_PAGE_QUERIES_WITH_CAPACITY = 4
# Home: upcoming and recent past events as cards (one statement), their organisers (was 4).
HOME_QUERIES = 2
# /events/: series and organisations for the filter form, the totals, the page's cards (upcoming
# and past in one statement), their organisers (was 7).
EVENT_LIST_QUERIES = 5


def _count(client, count_queries, url: str) -> int:
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


def test_event_page_issues_the_same_queries_for_10_and_200_sessions(app, client, db, count_queries):
    small = make_full_event(sessions=10, speakers_per_session=2)
    large = make_full_event(sessions=200, speakers_per_session=3)
    db.session.commit()
    db.session.expire_all()
    small_url, large_url = f"/events/{small.slug}/", f"/events/{large.slug}/"
    _count(client, count_queries, small_url)  # templates compiled, caches warm
    # With whatever the other capabilities include in the page …
    assert _count(client, count_queries, small_url) == _count(client, count_queries, large_url)
    # … and exactly this package's own queries.
    blank_hooks(app)
    assert _count(client, count_queries, small_url) == EVENT_PAGE_QUERIES
    assert _count(client, count_queries, large_url) == EVENT_PAGE_QUERIES


def test_places_left_costs_one_query_whatever_the_registrations(
    client, db, count_queries, without_hooks
):
    event = make_full_event(sessions=10, capacity=500)
    for _ in range(30):
        make_registration(event)
    db.session.commit()
    db.session.expire_all()
    count = _count(client, count_queries, f"/events/{event.slug}/")
    assert count == EVENT_PAGE_QUERIES_WITH_CAPACITY


def test_home_and_list_issue_the_same_queries_for_5_and_50_events(client, db, count_queries):
    make_listed_events(5)
    db.session.commit()
    db.session.expire_all()
    _count(client, count_queries, "/")
    _count(client, count_queries, "/events/")
    home_small = _count(client, count_queries, "/")
    list_small = _count(client, count_queries, "/events/")
    make_listed_events(45)
    db.session.commit()
    db.session.expire_all()
    assert _count(client, count_queries, "/") == home_small
    assert _count(client, count_queries, "/events/") == list_small


def test_home_and_list_themselves_issue_a_fixed_number_of_queries(
    client, db, count_queries, without_hooks
):
    make_listed_events(50)
    db.session.commit()
    db.session.expire_all()
    assert _count(client, count_queries, "/") == HOME_QUERIES
    assert _count(client, count_queries, "/events/") == EVENT_LIST_QUERIES
    # Nothing matches: the page skips the queries for cards it has none of.
    assert _count(client, count_queries, "/events/?series=nope&kind=%27") <= EVENT_LIST_QUERIES


def test_series_page_query_count_does_not_grow_with_editions(app, client, db, count_queries):
    series = make_series("Nya röster", slug="nya-roster")
    make_listed_events(4, series=series)
    db.session.commit()
    db.session.expire_all()
    _count(client, count_queries, "/series/nya-roster/")
    few = _count(client, count_queries, "/series/nya-roster/")
    make_listed_events(40, series=series)
    db.session.commit()
    db.session.expire_all()
    assert _count(client, count_queries, "/series/nya-roster/") == few
    blank_hooks(app)
    # the series, its organisers, its editions, their organisers
    assert _count(client, count_queries, "/series/nya-roster/") == 4
