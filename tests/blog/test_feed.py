"""The Atom feeds: valid, read by feedparser without complaint, sanitised, one per language."""

from __future__ import annotations

from datetime import timedelta

import feedparser

from eventapp.core.db import utcnow
from eventapp.core.types import PostStatus
from tests.blog.conftest import make_post
from tests.builders import make_person


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return feedparser.parse(response.data)


def test_feed_is_valid_atom_that_feedparser_reads_without_complaint(client, db):
    author = make_person("Carin Dahlberg")
    english = make_post(
        "ATMP symposium", slug="atmp", author=author, lead="Over 150 participants.",
        body_md="See [the event](/events/atmp/) & <b>more</b> <script>alert(1)</script>",
        cover_image_path="blog/c.jpg", cover_alt="Stage",
    )  # fmt: skip
    make_post("ATMP-symposiet", slug="atmp-sv", language="sv", translation_of=english)
    make_post("Draft", status=PostStatus.DRAFT)
    make_post("Later", status=PostStatus.SCHEDULED, publish_at=utcnow() + timedelta(days=1))
    db.session.commit()
    feed = parse(client, "/blog/feed.atom")
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == "http://eventapp.test/blog/feed.atom"
    assert [e.title for e in feed.entries] == ["ATMP symposium", "ATMP-symposiet"]
    entry = feed.entries[0]
    assert entry.id.startswith("tag:eventapp.test,") and entry.id.endswith(f":blog/{english.id}")
    assert entry.link == "http://eventapp.test/blog/atmp/"
    assert entry.author == "Carin Dahlberg"
    assert entry.summary == "Over 150 participants."
    assert entry.updated_parsed and entry.published_parsed
    content = entry.content[0]
    assert content.type == "text/html"
    assert "<b>more</b>" in content.value and "script" not in content.value
    assert 'href="http://eventapp.test/events/atmp/"' in content.value  # xml:base resolved
    assert 'src="http://eventapp.test/media/blog/c.jpg"' in content.value
    hreflangs = {link.get("hreflang"): link.href for link in entry.links}
    assert hreflangs["sv"] == "http://eventapp.test/blog/atmp-sv/"


def test_feed_per_language(client, db):
    make_post("English post", language="en")
    make_post("Svenskt inlägg", language="sv")
    db.session.commit()
    swedish = parse(client, "/blog/sv/feed.atom")
    english = parse(client, "/blog/en/feed.atom")
    assert swedish.bozo == 0 and english.bozo == 0
    assert [e.title for e in swedish.entries] == ["Svenskt inlägg"]
    assert [e.title for e in english.entries] == ["English post"]
    assert swedish.feed.id == "http://eventapp.test/blog/sv/feed.atom"
    assert client.get("/blog/fr/feed.atom").status_code == 404


def test_empty_feed_is_still_valid(client, db):
    feed = parse(client, "/blog/feed.atom")
    assert feed.bozo == 0 and feed.entries == []


def test_entry_id_stays_when_the_post_is_renamed(client, db):
    post = make_post("First title", slug="first")
    db.session.commit()
    before = parse(client, "/blog/feed.atom").entries[0].id
    post.title, post.slug = "Second title", "second"
    db.session.commit()
    after = parse(client, "/blog/feed.atom").entries[0]
    assert after.id == before and after.link.endswith("/blog/second/")
