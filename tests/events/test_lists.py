"""The home page and /events/: order, visibility and the filters (which never break)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus, SessionKind
from tests.builders import make_event, make_organisation, make_series, make_session


def _at(days: int):
    return utcnow() + timedelta(days=days)


def _positions(html: str, *titles: str) -> list[int]:
    return [html.index(f">{title}</a>") for title in titles]


def test_home_lists_upcoming_soonest_first_then_recent_past_newest_first(client, db):
    make_event("Later", starts_at=_at(40))
    make_event("Sooner", starts_at=_at(5))
    make_event("Long ago", starts_at=_at(-300))
    make_event("Last month", starts_at=_at(-30))
    db.session.commit()
    html = client.get("/").text
    sooner, later, last_month, long_ago = _positions(
        html, "Sooner", "Later", "Last month", "Long ago"
    )
    assert sooner < later < last_month < long_ago
    assert html.index("Upcoming events") < sooner and html.index("Recent events") < last_month


def test_ongoing_event_counts_as_upcoming(client, db):
    make_event("Happening now", starts_at=_at(0) - timedelta(hours=1))
    db.session.commit()
    html = client.get("/").text
    assert html.index("Happening now") < html.find("Recent events") or "Recent events" not in html


def test_home_leaves_out_drafts_and_cancelled_upcoming_events(client, db):
    make_event("Secret draft", starts_at=_at(3), status=EventStatus.DRAFT)
    make_event("Called off", starts_at=_at(3), status=EventStatus.CANCELLED)
    make_event("Going ahead", starts_at=_at(3))
    db.session.commit()
    html = client.get("/").text
    assert "Going ahead" in html
    assert "Secret draft" not in html and "Called off" not in html


def test_event_list_shows_upcoming_then_past_with_status_marked(client, db):
    make_event("Next year", starts_at=_at(300))
    make_event("Next week", starts_at=_at(7))
    make_event("Called off", starts_at=_at(20), status=EventStatus.CANCELLED)
    make_event("Last year", starts_at=_at(-300), status=EventStatus.ARCHIVED)
    make_event("Yesterday", starts_at=_at(-1) - timedelta(hours=9))
    make_event("Hidden draft", starts_at=_at(10), status=EventStatus.DRAFT)
    db.session.commit()
    html = client.get("/events/").text
    positions = _positions(html, "Next week", "Called off", "Next year", "Yesterday", "Last year")
    assert positions == sorted(positions)
    assert html.index("Past</h2>") > positions[2]
    assert "Hidden draft" not in html
    card = html[html.index(">Called off</a>") : html.index(">Next year</a>")]
    assert '<span class="badge badge-cancelled">Cancelled</span>' in card
    assert '<span class="badge badge-archived">Archived</span>' in html
    assert "3 upcoming events" in html and "2 past events" in html


def test_filter_by_series(client, db):
    cis = make_series("Collaboration in Science", slug="cis")
    other = make_series("Nya röster", slug="nya-roster")
    make_event("CiS 2026", series=cis)
    make_event("Workshop 1", series=other)
    db.session.commit()
    html = client.get("/events/?series=cis").text
    assert "CiS 2026" in html and "Workshop 1" not in html
    assert '<option selected value="cis">Collaboration in Science</option>' in html


def test_filter_by_organisation_includes_its_units(client, db):
    huddinge = make_organisation("Huddinge kommun", slug="huddinge")
    unit = make_organisation("Näringslivsavdelningen", slug="naringsliv", parent=huddinge)
    ki = make_organisation("Karolinska Institutet", slug="ki")
    make_event("Municipal forum", organisers=[unit])
    make_event("Council meeting", organisers=[huddinge])
    make_event("ATMP symposium", organisers=[ki])
    db.session.commit()
    html = client.get("/events/?organisation=huddinge").text
    assert "Municipal forum" in html and "Council meeting" in html
    assert "ATMP symposium" not in html
    html = client.get("/events/?organisation=naringsliv").text
    assert "Municipal forum" in html and "Council meeting" not in html


def test_filter_by_session_kind(client, db):
    with_posters = make_event("Conference")
    make_session(with_posters, "Posters", kind=SessionKind.POSTER_SESSION)
    talks = make_event("Seminar")
    make_session(talks, "A talk", kind=SessionKind.TALK)
    db.session.commit()
    html = client.get("/events/?kind=poster_session").text
    assert ">Conference</a>" in html and ">Seminar</a>" not in html


def test_filters_combine(client, db):
    cis = make_series("Collaboration in Science", slug="cis")
    ki = make_organisation("Karolinska Institutet", slug="ki")
    match = make_event("Both", series=cis, organisers=[ki])
    make_session(match, "Keynote", kind=SessionKind.KEYNOTE)
    make_event("Series only", series=cis)
    make_event("Organiser only", organisers=[ki])
    db.session.commit()
    html = client.get("/events/?series=cis&organisation=ki&kind=keynote").text
    assert ">Both</a>" in html
    assert ">Series only</a>" not in html and ">Organiser only</a>" not in html


def test_unknown_filter_value_is_explained_and_ignored(client, db):
    make_event("Anything")
    db.session.commit()
    response = client.get("/events/?series=no-such&kind=banquet&organisation=%27%3B--")
    assert response.status_code == 200
    assert "There is no such series; showing all series." in response.text
    assert "There is no such kind of session; showing every kind." in response.text
    assert "There is no such organisation; showing all organisations." in response.text
    assert ">Anything</a>" in response.text


def test_filters_offer_only_series_and_organisations_with_public_events(client, db):
    public = make_series("Public series", slug="public")
    hidden = make_series("Hidden series", slug="hidden")
    make_event(series=public)
    make_event(series=hidden, status=EventStatus.DRAFT)
    db.session.commit()
    html = client.get("/events/").text
    assert 'value="public"' in html and 'value="hidden"' not in html


query_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(["", "keynote", "cis", "%", "'", "\x00", "ä" * 300])
query_strings = st.dictionaries(
    st.sampled_from(["series", "organisation", "kind", "lang", "page"]) | st.text(max_size=8),
    st.lists(query_values, min_size=1, max_size=3),
    max_size=5,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(args=query_strings)
def test_no_query_string_breaks_the_event_list(client, db, args):
    response = client.get("/events/", query_string=args)
    if any("\x00" in key + value for key, values in args.items() for value in values):
        assert response.status_code == 400  # PostgreSQL cannot hold a NUL: refused at the door
        assert "The text contains a forbidden character." in response.text
    else:
        assert response.status_code == 200
        assert "<h1>" in response.text


def test_event_list_is_paged_upcoming_first_then_past(client, db):
    from eventapp.events.queries import EVENTS_PER_PAGE
    from tests.events.conftest import make_listed_events

    make_listed_events(2 * EVENTS_PER_PAGE + 10)
    db.session.commit()
    first = client.get("/events/").get_data(as_text=True)
    assert first.count('class="card event-card') == EVENTS_PER_PAGE
    assert "35 upcoming events" in first and "35 past events" in first
    assert "Page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/events/?page=3").get_data(as_text=True)
    assert last.count('class="card event-card') == 10
    assert 'id="upcoming-title"' not in last and 'id="past-title"' in last
    for page in ("0", "-1", "abc", "99999999999", "3.5", ""):
        response = client.get(f"/events/?page={page}")
        assert response.status_code == 200
