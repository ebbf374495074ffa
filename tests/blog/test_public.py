"""The public blog: lists, filters, one post with its translation, and the includes elsewhere."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from eventapp.core.db import utcnow
from eventapp.core.types import PostStatus
from tests.blog.conftest import forget_request_state, make_post
from tests.builders import make_event, make_organisation, make_person, make_series


def titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/blog/[^"]+/">([^<]+)</a></h2>', html)


def test_list_shows_public_posts_newest_first_and_hides_drafts_and_future_ones(client, db):
    now = utcnow()
    make_post("Older", publish_at=now - timedelta(days=2))
    make_post("Newer", publish_at=now - timedelta(days=1))
    make_post("Draft", status=PostStatus.DRAFT, publish_at=now - timedelta(days=3))
    make_post("Tomorrow", status=PostStatus.SCHEDULED, publish_at=now + timedelta(days=1))
    make_post("Due", status=PostStatus.SCHEDULED, publish_at=now - timedelta(minutes=1))
    db.session.commit()
    assert titles(client.get("/blog/").get_data(as_text=True)) == ["Due", "Newer", "Older"]


def test_unpublished_and_unknown_posts_are_not_found(client, db):
    make_post("Draft", slug="draft", status=PostStatus.DRAFT, publish_at=None)
    make_post(
        "Future", slug="future", status=PostStatus.SCHEDULED,
        publish_at=utcnow() + timedelta(hours=1),
    )  # fmt: skip
    make_post("Future published", slug="later", publish_at=utcnow() + timedelta(hours=1))
    db.session.commit()
    for slug in ("draft", "future", "later", "no-such-post", "%3Cscript%3E", "%00", "a%0Ab"):
        assert client.get(f"/blog/{slug}/").status_code == 404


def test_scheduled_post_appears_by_itself_when_its_time_passes(client, db):
    post = make_post(
        "Soon", slug="soon", status=PostStatus.SCHEDULED, publish_at=utcnow() + timedelta(hours=1)
    )
    db.session.commit()
    assert client.get("/blog/soon/").status_code == 404
    post.publish_at = utcnow() - timedelta(seconds=1)  # the clock passes the publish time
    db.session.commit()
    assert client.get("/blog/soon/").status_code == 200
    assert "Soon" in titles(client.get("/blog/").get_data(as_text=True))


def test_list_is_paginated(client, db):
    now = utcnow()
    for i in range(23):
        make_post(f"Post number {i:02d}", publish_at=now - timedelta(hours=i + 1))
    db.session.commit()
    first = client.get("/blog/").get_data(as_text=True)
    third = client.get("/blog/?page=3").get_data(as_text=True)
    assert len(titles(first)) == 10 and titles(first)[0] == "Post number 00"
    assert titles(third) == ["Post number 20", "Post number 21", "Post number 22"]
    assert 'rel="next" href="/blog/?page=2"' in first
    assert "Page 3 of 3" in third


def test_filters_by_language_series_and_event(client, db):
    series = make_series("Collaboration in Science", slug="collaboration-in-science")
    edition = make_event("Collaboration in Science 2024", series=series, slug="cis-2024")
    other = make_event("ATMP mini-symposium", slug="atmp-2025")
    make_post("Conference story", event=edition, language="en")
    make_post("Konferensen", event=edition, language="sv")
    make_post("ATMP story", event=other)
    make_post("Award news")
    db.session.commit()
    get = lambda query: set(titles(client.get(f"/blog/?{query}").get_data(as_text=True)))  # noqa: E731
    assert get("language=sv") == {"Konferensen"}
    assert get("series=collaboration-in-science") == {"Conference story", "Konferensen"}
    assert get("event=atmp-2025") == {"ATMP story"}
    assert get("series=collaboration-in-science&language=en") == {"Conference story"}


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page=99999999999999999999", "page=5000", "language=fr",
     "language=", "series=nope", "series=" + "x" * 5000, "page=1&page=2",
     "event[]=1", "language=%ff", "page=²", "page=٣"],
)  # fmt: skip
def test_bad_parameters_never_break_the_list(client, db, query):
    make_post("Something")
    db.session.commit()
    assert client.get(f"/blog/?{query}").status_code == 200


def test_a_nul_in_a_parameter_is_a_bad_request(client, db):
    response = client.get("/blog/?event=%00")
    assert response.status_code == 400
    assert "The text contains a forbidden character." in response.text


def test_a_story_in_both_languages_is_listed_once_in_the_readers_language(client, db):
    english = make_post("Innovation Days", language="en")
    make_post("Innovationsdagarna", language="sv", translation_of=english)
    make_post("Only in English", language="en")
    db.session.commit()
    in_english = titles(client.get("/blog/", headers={"Accept-Language": "en"}).get_data(True))
    forget_request_state()
    in_swedish = titles(client.get("/blog/", headers={"Accept-Language": "sv"}).get_data(True))
    assert sorted(in_english) == ["Innovation Days", "Only in English"]
    assert sorted(in_swedish) == ["Innovationsdagarna", "Only in English"]


def test_post_page_links_translation_event_and_series_with_open_graph_and_json_ld(client, db):
    series = make_series("Innovation and Collaboration Days", slug="innovation-days")
    event = make_event("Innovation and Collaboration Days 2025", series=series, slug="icd-2025")
    author = make_person("Carin Dahlberg", affiliation=make_organisation("NextGenNK"))
    english = make_post(
        "Innovation, collaboration, and culture converge", slug="converge", event=event,
        lead="A keynote, a panel and a new meeting place.", author=author,
        author_line="Blog post by Carin Dahlberg", body_md="Text with </script> inside.",
        cover_image_path="blog/cover.jpg", cover_alt="The panel",
    )  # fmt: skip
    make_post("Innovation, samverkan och kultur", slug="mots", language="sv",
              translation_of=english)  # fmt: skip
    make_post("Draft translation", slug="utkast", language="sv", status=PostStatus.DRAFT)
    db.session.commit()
    html = client.get("/blog/converge/").get_data(as_text=True)
    assert '<link rel="alternate" hreflang="sv" href="http://eventapp.test/blog/mots/">' in html
    assert 'href="/blog/mots/" hreflang="sv" lang="sv">' in html
    assert 'href="/events/icd-2025/"' in html and 'href="/series/innovation-days/"' in html
    assert '<meta property="og:title" content="Innovation, collaboration, and culture converge">'
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://eventapp.test/media/blog/cover.jpg">' in html
    assert '<meta property="og:url" content="http://eventapp.test/blog/converge/">' in html
    assert "Blog post by Carin Dahlberg" in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "BlogPosting" and data["headline"].startswith("Innovation")
    assert data["author"]["name"] == "Carin Dahlberg" and data["inLanguage"] == "en"
    assert data["about"]["url"] == "http://eventapp.test/events/icd-2025/"
    swedish = client.get("/blog/mots/").get_data(as_text=True)
    assert (
        '<link rel="alternate" hreflang="en" href="http://eventapp.test/blog/converge/">' in swedish
    )


def test_a_draft_translation_is_not_linked(client, db):
    english = make_post("Public", slug="public")
    make_post("Utkast", slug="utkast", language="sv", translation_of=english,
              status=PostStatus.DRAFT)  # fmt: skip
    db.session.commit()
    html = client.get("/blog/public/").get_data(as_text=True)
    assert "/blog/utkast/" not in html and 'hreflang="sv"' not in html.split("</head>")[0]


def render(app, template: str, **context) -> str:
    with app.test_request_context("/"):
        return app.jinja_env.get_template(template).render(**context)


def test_includes_for_home_event_and_series_pages_run_one_query_each(app, db, count_queries):
    series = make_series("Collaboration in Science")
    event = make_event("Collaboration in Science 2024", series=series)
    for i in range(6):
        make_post(f"Story {i}", event=event, cover_image_path=f"blog/{i}.jpg")
    make_post("Hidden", event=event, status=PostStatus.DRAFT)
    db.session.commit()
    for template, context, expected in [
        ("blog/_latest_posts.html", {}, 3),
        ("blog/_event_posts.html", {"event": event}, 6),
        ("blog/_series_posts.html", {"series": series}, 6),
    ]:
        render(app, template, **context)  # compiles the template, loads the event's own row
        with count_queries() as queries:
            html = render(app, template, **context)
        assert queries.count == 1, (template, queries.statements)
        assert html.count('class="card blog-card"') == expected
        assert "Hidden" not in html
    assert "Read more about the event" in render(app, "blog/_event_posts.html", event=event)


def test_includes_say_nothing_when_there_are_no_posts(app, db):
    event = make_event()
    series = make_series()
    db.session.commit()
    assert render(app, "blog/_event_posts.html", event=event).strip() == ""
    assert render(app, "blog/_series_posts.html", series=series).strip() == ""
    assert render(app, "blog/_latest_posts.html").strip() == ""


def test_post_page_query_count_does_not_grow_with_photos(client, db, count_queries):
    from eventapp.blog.models import BlogPhoto

    post = make_post("Photos", slug="photos")
    db.session.commit()
    counts = []
    for n in (1, 12):
        for i in range(n):
            post.photos.append(BlogPhoto(path=f"blog/p{i}.jpg", caption=f"Photo {i}", position=i))
        db.session.commit()
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get("/blog/photos/").status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1]


def test_list_query_count_does_not_grow_with_posts(client, db, count_queries):
    series = make_series("Collaboration in Science", slug="cis")
    counts = []
    for n in (2, 12):
        for i in range(n):
            event = make_event(f"Edition {n}-{i}", series=series)
            make_post(f"Story {n}-{i}", event=event)
        db.session.commit()
        with count_queries() as queries:
            assert client.get("/blog/?series=cis").status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1] <= 4
