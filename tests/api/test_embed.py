"""The embeddable programme: only its pages may be framed (by anyone, or by the configured
sites), they need no script, set no cookie, speak the visitor's language, open links at the
top, and the back office offers the line to paste with a live preview."""

from __future__ import annotations

import re

import pytest

from tests.conftest import login

EMBEDS = [
    "/embed/events/",
    "/embed/series/nextgennk/",
    "/embed/organisations/ki/",
    "/embed/events/cell-therapy/",
]
NOT_FRAMED = ["/", "/events/", "/events/cell-therapy/", "/api/v1/docs", "/manage/login"]


def frame_ancestors(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1)


@pytest.mark.parametrize("path", EMBEDS)
def test_an_embed_may_be_framed_by_any_site_and_keeps_the_rest_of_the_policy(client, campus, path):
    response = client.get(path)
    assert response.status_code == 200
    assert frame_ancestors(response) == "*"
    assert "X-Frame-Options" not in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert "<script" not in page  # readable with JavaScript off
    assert '<base target="_top">' in page  # links leave the frame
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", NOT_FRAMED)
def test_every_other_page_still_refuses_to_be_framed(client, campus, path):
    response = client.get(path)
    assert frame_ancestors(response) == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_configured_sites_alone_may_frame_it(make_app, campus):
    app = make_app(EMBED_ANCESTORS="https://www.fsf.se https://ki.se")
    response = app.test_client().get("/embed/events/")
    assert frame_ancestors(response) == "'self' https://www.fsf.se https://ki.se"


def test_upcoming_events_are_listed_with_links_to_their_pages(client, campus):
    page = client.get("/embed/organisations/ki/").get_data(as_text=True)
    assert "Cell therapy symposium" in page
    assert 'href="http://eventapp.test/events/cell-therapy/"' in page
    assert "Unit day" not in page  # past
    assert "Secret draft retreat" not in page


def test_the_programme_is_shown_in_the_language_asked_without_a_cookie(client, campus):
    swedish = client.get("/embed/events/cell-therapy/?lang=sv")
    assert "Set-Cookie" not in swedish.headers
    page = swedish.get_data(as_text=True)
    assert '<html lang="sv">' in page and "Öppningsanförande" not in page
    assert "Opening keynote" in page and "Bo Berg" in page and "98 platser kvar" in page
    english = client.get("/embed/events/cell-therapy/", headers={"Accept-Language": "en"})
    assert "98 places left" in english.get_data(as_text=True)


def test_a_title_with_quotes_and_tags_gives_a_snippet_that_pastes_safely(client, campus, db):
    campus["symposium"].title = 'The "big" <b>day</b>'
    db.session.commit()
    login(client, campus["user"])
    page = client.get("/manage/events/cell-therapy/").get_data(as_text=True)
    snippet = page.split('class="embed-code"', 1)[1].split("</textarea>", 1)[0]
    # What the textarea shows (one level of entities undone) is valid HTML for the snippet.
    shown = snippet.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert 'title="The &#34;big&#34; &lt;b&gt;day&lt;/b&gt;"' in shown


def test_drafts_and_unknown_slugs_are_404(client, campus):
    for path in ("/embed/events/secret-draft/", "/embed/series/no/", "/embed/organisations/x/"):
        assert client.get(path).status_code == 404


def test_the_back_office_offers_the_snippet_with_a_live_preview(client, campus):
    login(client, campus["user"])
    for path, embed in (
        ("/manage/events/cell-therapy/", "/embed/events/cell-therapy/"),
        (f"/manage/organisations/{campus['ki'].id}", "/embed/organisations/ki/"),
    ):
        page = client.get(path).get_data(as_text=True)
        assert f'&lt;iframe src="http://eventapp.test{embed}"' in page, path
        assert f'<iframe class="embed-preview" src="http://eventapp.test{embed}"' in page, path
