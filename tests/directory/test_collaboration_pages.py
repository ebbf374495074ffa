"""/collaborations/ with its filters, and /collaborations/<slug>/ with all the facts."""

from __future__ import annotations

from datetime import date, timedelta

from eventapp.core.types import EventStatus
from tests.builders import make_event, make_series
from tests.directory.conftest import make_collaboration


def names(client, query: str = "") -> str:
    response = client.get("/collaborations/" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_list_shows_every_collaboration_active_first(client, memo):
    html = names(client)
    assert "5 forums and agreements" in html
    assert html.index("Högskolerådet") < html.index("Performing-arts residency")
    assert html.index("ULF agreement with Konstfack") < html.index("Performing-arts residency")


def test_filter_by_party(client, memo):
    html = names(client, "?party=konstfack")
    assert "ULF agreement with Konstfack" in html and "Högskolerådet" not in html
    html = names(client, "?party=ki")
    assert "Högskolerådet" in html and "ULF agreement" not in html


def test_filter_by_kind(client, memo):
    html = names(client, "?kind=council")
    assert "Högskolerådet" in html and "ULF agreement" not in html
    assert "1 forum or agreement" in html


def test_filter_by_responsible_unit(client, memo):
    html = names(client, "?unit=buf")
    assert "ULF agreement with Konstfack" in html
    assert "Högskolerådet" not in html and "ULF agreement with Södertörns" not in html


def test_filter_by_status_active_and_ended(client, memo):
    active = names(client, "?status=active")
    assert "Högskolerådet" in active and "Performing-arts residency" not in active
    ended = names(client, "?status=ended")
    assert "Performing-arts residency" in ended and "Högskolerådet" not in ended


def test_filter_expiring_within_six_months(client, memo, db):
    today = date.today()
    make_collaboration("Ends next month", valid_until=today + timedelta(days=30))
    make_collaboration("Ends in a year", valid_until=today + timedelta(days=365))
    make_collaboration("Ended yesterday", valid_until=today - timedelta(days=1))
    db.session.commit()
    html = names(client, "?status=expiring")
    assert "Ends next month" in html
    assert "Ends in a year" not in html and "Ended yesterday" not in html
    assert "Högskolerådet" not in html
    assert "Expires within 6 months" in names(client)


def test_filters_combine(client, memo):
    html = names(client, "?party=sh&kind=agreement&status=active")
    assert "ULF agreement with Södertörns högskola" in html
    assert "Performing-arts" not in html and "Huddingetrainee" not in html


BAD_QUERIES = [
    "?party=atlantis",
    "?kind=treaty",
    "?unit=999",
    "?status=sleeping",
    "?party=&kind=&unit=&status=",
    "?party=%ff&kind[]=x",
    "?unit=²",
    "?" + "party=" + "x" * 5000,
]


def test_bad_filter_values_never_fail_and_filter_nothing(client, memo):
    for query in BAD_QUERIES:
        html = names(client, query)
        assert "5 forums and agreements" in html, query
    assert client.get("/collaborations/?party=%00").status_code == 400  # NUL: core.params
    repeated = names(client, "?status=ended&status=expiring")  # the first value counts
    assert "Performing-arts" in repeated and "Högskolerådet" not in repeated


def test_unknown_filter_value_is_pointed_out(client, memo):
    html = names(client, "?kind=treaty")
    assert "Unknown value ignored" in html
    assert "5 forums and agreements" in html


def test_detail_page_shows_all_the_facts(client, memo, db):
    memo.council.website = "https://www.huddinge.se/hogskoleradet"
    db.session.commit()
    html = client.get("/collaborations/hogskoleradet/").get_data(as_text=True)
    assert "<h1>Högskolerådet</h1>" in html
    assert "Council" in html and "Active" in html
    assert "questions of principle" in html
    assert "since 2016, until further notice" in html
    for party in ("/organisations/huddinge/", "/organisations/sh/", "/organisations/ki/"):
        assert f'href="{party}"' in html
    # the responsible unit with the municipality it belongs to
    assert "Gymnasie- och arbetsmarknadsförvaltningen (GAF)" in html
    assert 'href="/organisations/huddinge/">Huddinge kommun</a>' in html
    assert 'href="/people/pia-hasselrot/"' in html and "utvecklingsledare" in html
    assert 'href="https://www.huddinge.se/hogskoleradet"' in html


def test_detail_page_shows_the_period_and_the_end_note_of_an_ended_agreement(client, memo):
    html = client.get("/collaborations/scenkonstresidens/").get_data(as_text=True)
    assert "2021–2024" in html and "Ended" in html
    assert "Terminated ahead of 2025; followed by a film pilot." in html
    assert "2025–2027" in client.get("/collaborations/ulf-sh/").get_data(as_text=True)


def test_detail_page_lists_public_events_held_under_it(client, memo, db):
    series = make_series("Nya röster: Flemingsberg", slug="nya-roster")
    series.collaboration = memo.ulf_sh
    make_event("Workshop 1 of 10", series=series, slug="workshop-1")
    make_event("Council meeting", collaboration=memo.ulf_sh, slug="council-meeting")
    make_event("Draft workshop", series=series, status=EventStatus.DRAFT)
    make_event("Unrelated event")
    db.session.commit()
    html = client.get("/collaborations/ulf-sh/").get_data(as_text=True)
    assert 'href="/series/nya-roster/"' in html
    assert 'href="/events/workshop-1/"' in html and 'href="/events/council-meeting/"' in html
    assert "Draft workshop" not in html and "Unrelated event" not in html


def test_unknown_collaboration_is_404(client, memo):
    assert client.get("/collaborations/no-such-thing/").status_code == 404
