"""The blog's includes on the other capabilities' real pages: home, event, series, back office."""

from __future__ import annotations

from eventapp.blog.models import BlogPost
from eventapp.core.types import PostStatus
from tests.blog.conftest import make_post, make_symposium
from tests.builders import make_series, make_user
from tests.conftest import login


def test_home_event_and_series_pages_show_the_posts_about_them(client, db):
    series = make_series("ATMP mini-symposia", slug="atmp-symposia")
    event, _host = make_symposium(series=series, slug="atmp-2025")
    make_post("Knowledge exchange on ATMP", slug="atmp-story", event=event)
    make_post("Unpublished thoughts", event=event, status=PostStatus.DRAFT)
    db.session.commit()
    for url in ("/", "/events/atmp-2025/", "/series/atmp-symposia/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert 'href="/blog/atmp-story/"' in html, url
        assert "Unpublished thoughts" not in html, url
    assert "Read more about the event" in client.get("/events/atmp-2025/").get_data(as_text=True)


def test_organisers_event_page_offers_to_write_the_story(client, db, csrf_off):
    event, host = make_symposium(slug="atmp-2025")
    user = make_user(organisations=[host])
    db.session.commit()
    login(client, user)
    page = client.get("/manage/events/atmp-2025/")
    assert page.status_code == 200
    assert 'action="/manage/events/atmp-2025/story"' in page.get_data(as_text=True)
    response = client.post("/manage/events/atmp-2025/story")
    # Both versions of the story, linked; the organiser lands on the event's language's.
    post, translation = db.session.query(BlogPost).order_by(BlogPost.id).all()
    assert (post.language, translation.language) == (event.language, "sv")
    assert post.counterpart is translation and translation.counterpart is post
    assert response.headers["Location"].endswith(f"/manage/blog/{post.id}/edit")
    assert post.title in client.get("/manage/events/atmp-2025/").get_data(as_text=True)
