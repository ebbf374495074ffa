"""/api/v1/: the public objects with their fields, lists with filters and page links, strict
parameters answered with JSON errors, ETags, CORS, and a description that lists every route."""

from __future__ import annotations

import pytest

from eventapp.api.openapi import OPERATIONS
from eventapp.api.resources import absolute, slug_url

API = "/api/v1"


def get(client, path: str, status: int = 200, **kw):
    response = client.get(API + path, **kw)
    assert response.status_code == status, (path, response.get_data(as_text=True)[:300])
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response


def test_the_index_links_every_list_and_the_description(client, campus):
    index = get(client, "/").json
    assert index["events"] == "http://eventapp.test/api/v1/events"
    for name in ("openapi", "docs", "series", "events", "people", "organisations", "posts"):
        assert get(client, index[name].removeprefix("http://eventapp.test" + API)).status_code


def test_an_event_has_organisers_venue_places_window_status_and_links(client, campus):
    event = get(client, "/events/cell-therapy").json
    assert event["status"] == "published"
    assert event["timezone"] == "Europe/Stockholm"
    assert event["starts_at"].endswith("T09:00:00+01:00")
    assert [(o["organisation"]["slug"], o["role"]) for o in event["organisers"]] == [
        ("ki", "host"),
        ("kth", "host"),
    ]
    assert event["venue"]["name"] == "Biomedicum" and event["venue"]["city"] == "Solna"
    assert event["series"]["slug"] == "nextgennk"
    registration = event["registration"]
    assert registration["capacity"] == 100 and registration["places_left"] == 98
    assert registration["opens_at"].endswith("T08:00:00+01:00")
    assert registration["closes_at"].endswith("T12:00:00+01:00")
    assert event["page_url"] == "http://eventapp.test/events/cell-therapy/"
    assert event["calendar"] == {
        "https": "http://eventapp.test/events/cell-therapy/calendar.ics",
        "webcal": "webcal://eventapp.test/events/cell-therapy/calendar.ics",
    }
    assert event["schedule_xml"] == "http://eventapp.test/events/cell-therapy/schedule.xml"
    assert event["contact"]["name"] == "Bo Berg"


def test_sessions_come_in_time_order_with_speakers_in_their_order_and_role(client, campus):
    sessions = get(client, "/events/cell-therapy/sessions").json["items"]
    assert [s["title"] for s in sessions] == ["Opening keynote", "Coffee", "Panel on manufacturing"]
    keynote, _, panel = sessions
    assert keynote["kind"] == "keynote" and keynote["room"]["name"] == "Aula"
    assert keynote["starts_at"].endswith("T09:00:00+01:00")
    assert keynote["ends_at"].endswith("T09:45:00+01:00")
    assert keynote["track"] == "Clinic"
    assert [(s["person"]["slug"], s["position"]) for s in keynote["speakers"]] == [
        ("asa-oberg", 0),
        ("bo-berg", 1),
    ]
    assert keynote["speakers"][0]["person"]["affiliation"] == "Karolinska Institutet"
    assert panel["speakers"][0]["role"] == "moderator"
    only_panels = get(client, "/events/cell-therapy/sessions?kind=panel").json["items"]
    assert [s["title"] for s in only_panels] == ["Panel on manufacturing"]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("", ["unit-day", "cell-therapy"]),
        ("?series=nextgennk", ["cell-therapy"]),
        ("?organisation=ki", ["unit-day", "cell-therapy"]),  # its unit's event too
        ("?organisation=kth", ["cell-therapy"]),
        ("?organisation=nobody", []),
        ("?kind=panel", ["cell-therapy"]),
        ("?kind=workshop", []),
        ("?from=2000-01-01&to=2000-01-02", []),
    ],
)
def test_events_filter_as_the_public_list_does(client, campus, query, slugs):
    assert [e["slug"] for e in get(client, "/events" + query).json["items"]] == slugs


def test_date_filters_take_events_that_overlap_the_days(client, campus):
    day = campus["symposium"].starts_at.date().isoformat()
    assert [e["slug"] for e in get(client, f"/events?from={day}&to={day}").json["items"]] == [
        "cell-therapy"
    ]


@pytest.mark.parametrize(
    "edge", ["from=0001-01-01&to=9999-12-31", "from=9999-12-31", "to=0001-01-01"]
)
def test_the_first_and_last_days_of_the_calendar_are_dates_like_any_other(client, campus, edge):
    assert get(client, "/events?" + edge).json["page"] == 1


def test_lists_are_paged_with_links_that_keep_the_filters(client, campus):
    first = get(client, "/events?organisation=ki&per_page=1").json
    assert first["total"] == 2 and first["pages"] == 2 and len(first["items"]) == 1
    links = first["links"]
    assert links["prev"] is None
    assert "organisation=ki" in links["next"] and "page=2" in links["next"]
    second = client.get(links["next"]).json
    assert second["items"][0]["slug"] == "cell-therapy" and second["links"]["next"] is None
    assert get(client, "/events?page=9").json["items"] == []


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=abc", "per_page=201", "per_page=-1", "kind=lecture", "from=2026-13-01",
     "to=20260101", "page=²", "page=" + "9" * 40],
)  # fmt: skip
def test_a_bad_parameter_is_a_json_400_that_says_what_is_wrong(client, campus, query):
    response = get(client, "/events?" + query, 400)
    assert response.is_json and query.split("=")[0] in response.json["error"]


def test_unknown_and_private_objects_are_json_404s(client, campus):
    paths = [
        "/events/secret-draft",
        "/events/secret-draft/sessions",
        "/events/nothing",
        "/posts/draft-story",
        "/posts/tomorrow",
        "/people/nobody",
        "/no/such/route",
    ]
    for path in paths:
        response = get(client, path, 404)
        assert response.is_json and response.json["status"] == 404


def test_every_answer_has_an_etag_and_a_matching_request_gets_a_304(client, campus):
    first = get(client, "/events/cell-therapy")
    again = get(
        client, "/events/cell-therapy", 304, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.data == b""


def test_a_preflight_is_allowed_from_any_origin(client, campus):
    response = client.options(API + "/events", headers={"Origin": "https://example.com"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_people_organisations_series_and_posts(client, campus):
    asa = get(client, "/people/asa-oberg").json
    assert asa["organisation"]["slug"] == "ki" and asa["bio"] == "Bio."
    assert asa["calendar"]["https"] == "http://eventapp.test/people/asa-oberg/calendar.ics"
    unit = get(client, "/organisations/ki-medicine").json
    assert unit["parent"]["slug"] == "ki" and unit["kind"] == "university"
    assert unit["events"] == "http://eventapp.test/api/v1/events?organisation=ki-medicine"
    series = get(client, "/series/nextgennk").json
    assert [o["slug"] for o in series["organisations"]] == ["ki"]
    posts = get(client, "/posts").json["items"]
    assert sorted(p["slug"] for p in posts) == ["after", "efter"]
    after = get(client, "/posts/after").json
    assert after["translation"] == "http://eventapp.test/api/v1/posts/efter"
    assert after["event"]["slug"] == "cell-therapy" and after["author"]["slug"] == "asa-oberg"
    assert [p["slug"] for p in get(client, "/posts?language=sv").json["items"]] == ["efter"]


def test_the_description_has_every_api_route_and_nothing_else(app, client):
    spec = client.get(API + "/openapi.json").json
    assert spec["openapi"].startswith("3.1")
    routes = {
        rule.rule: rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        and rule.endpoint not in ("api.openapi", "api.docs")
        and not rule.endpoint.startswith("api.embed_")  # pages for people, not data
    }
    described = {op.path for op in OPERATIONS}
    flask_style = {p.replace("{slug}", "<slug>") for p in described}
    assert flask_style == set(routes)
    assert set(spec["paths"]) == described


def test_the_page_about_the_api_speaks_swedish(client):
    english = client.get(API + "/docs").get_data(as_text=True)
    assert "Open programme data" in english and "/api/v1/events/{slug}/sessions" in english
    assert 'id="op-events"' in english and "<code>per_page</code>" in english
    assert 'id="schema-Session"' in english and "<code>speakers</code>" in english
    swedish = client.get(API + "/docs?lang=sv").get_data(as_text=True)
    assert "Öppna programdata" in swedish


@pytest.mark.parametrize("slug", ["cell-therapy", "Åsa Öberg", "a%2Fb", "x?y#z", "50%"])
def test_urls_built_once_per_request_equal_those_url_for_builds(app, slug):
    with app.test_request_context("/api/v1/events"):
        for endpoint in ("api.person", "events.event", "calendar.person_feed"):
            assert slug_url(endpoint, slug) == absolute(endpoint, slug=slug)
