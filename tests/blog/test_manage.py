"""The blog's back office: writing, checking, pairing translations, photos and rights."""

from __future__ import annotations

import re
from io import BytesIO

from PIL import Image

from eventapp.blog.models import BlogPhoto, BlogPost
from eventapp.core.types import PostStatus
from tests.blog.conftest import image_bytes, make_post, switch_user
from tests.builders import make_event, make_organisation, make_person, make_user
from tests.conftest import login


def form(**changes):
    data = {
        "title": "Limitless Potential wins the Flemingsberg Science Award", "slug": "",
        "lead": "The IDEA prize 2025.", "body_md": "A *safe space* for youth.",
        "author_id": "0", "author_line": "", "language": "en", "translation_id": "0",
        "event_id": "0", "cover_alt": "", "status": "draft", "publish_at": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_back_office_needs_a_login(client, db):
    response = client.get("/manage/blog/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post("/manage/blog/preview", json={"body": "x"}).status_code in (302, 400, 401)


def test_organiser_writes_news_with_a_slug_made_from_the_title(client, db, csrf_off):
    user = make_user(organisations=[make_organisation()])
    author = make_person("Carin Dahlberg")
    db.session.commit()
    login(client, user)
    assert client.get("/manage/blog/new").status_code == 200
    for event in ("x", "0", str(2**31), str(10**30)):  # "a story about" no event: a blank form
        assert client.get(f"/manage/blog/new?event={event}").status_code == 200
    response = client.post(
        "/manage/blog/new",
        data=form(author_id=str(author.id), author_line="Blog post by Carin Dahlberg",
                  status="published", publish_at="2025-01-22 16:00"),
    )  # fmt: skip
    assert response.status_code == 302
    post = db.session.query(BlogPost).one()
    assert post.slug == "limitless-potential-wins-the-flemingsberg-science-award"
    assert post.author_id == author.id and post.status == PostStatus.PUBLISHED
    # 16:00 in Stockholm in January is 15:00 UTC.
    assert post.publish_at.isoformat() == "2025-01-22T15:00:00+00:00"
    listing = client.get("/manage/blog/").get_data(as_text=True)
    assert post.title in listing
    edit = client.get(f"/manage/blog/{post.id}/edit").get_data(as_text=True)
    assert 'value="2025-01-22T16:00"' in edit


def test_publishing_without_a_time_publishes_now(client, db, csrf_off):
    user = make_user(organisations=[make_organisation()])
    db.session.commit()
    login(client, user)
    client.post("/manage/blog/new", data=form(status="published"))
    post = db.session.query(BlogPost).one()
    assert post.publish_at is not None
    assert client.get(f"/blog/{post.slug}/").status_code == 200


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_bad_input_gets_a_clear_message_and_nothing_is_stored(client, db, csrf_off):
    user = make_user(organisations=[make_organisation()])
    taken = make_post("Taken", slug="taken", language="sv")
    db.session.commit()
    login(client, user)
    cases = [
        (form(title=""), "Give the post a title."),
        (form(title="   "), "Give the post a title."),
        (form(slug="taken"), "Another post already has this address."),
        (form(slug="Not A Slug!"), "Use lower-case letters, digits and hyphens only."),
        (form(publish_at="2025-02-30 10:00"), "Give a date and time such as"),
        (form(publish_at="tomorrow at nine"), "Give a date and time such as"),
        (form(publish_at="2025-03-30 02:30"), "This time does not exist here"),
        (form(status="scheduled"), "A scheduled post needs a publish time."),
        (form(language="sv", translation_id=str(taken.id)), "must be a post in the other language"),
        (form(event_id="999"), "Not a valid choice"),
        (form(status="gone"), "Not a valid choice"),
    ]
    for data, message in cases:
        assert_refused(client.post("/manage/blog/new", data=data), message)
    assert db.session.query(BlogPost).count() == 1


def test_uploads_that_are_not_images_or_too_large_are_refused(make_app, db, csrf_off, tmp_path):
    user = make_user(organisations=[make_organisation()])
    db.session.commit()
    small = make_app(MAX_UPLOAD_BYTES=2000, WTF_CSRF_ENABLED=False)
    client = small.test_client()
    login(client, user)
    cases = [
        (BytesIO(b"%PDF-1.4 not an image"), "cv.png", "not an image we can read"),
        (BytesIO(image_bytes("PNG", (600, 600)) + b"\0" * 3000), "big.png", "larger than"),
        (BytesIO(image_bytes("BMP", (10, 10))), "old.bmp", "Use a JPEG, PNG, WebP or GIF image."),
    ]
    for stream, name, message in cases:
        data = form()
        data["cover"] = (stream, name)
        response = client.post("/manage/blog/new", data=data, content_type="multipart/form-data")
        assert_refused(response, message)
    with small.app_context():
        assert db.session.query(BlogPost).count() == 0
    assert not list((tmp_path / "uploads").rglob("*.*"))


def test_cover_image_is_stored_resized_and_served(client, db, csrf_off, app):
    user = make_user(organisations=[make_organisation()])
    db.session.commit()
    login(client, user)
    data = form(cover_alt="The panel on stage")
    data["cover"] = (BytesIO(image_bytes("JPEG", (3200, 1600))), "stage.jpg")
    response = client.post("/manage/blog/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    post = db.session.query(BlogPost).one()
    assert post.cover_image_path.startswith("blog/") and post.cover_image_path.endswith(".jpg")
    with client.get(f"/media/{post.cover_image_path}") as served:
        assert served.status_code == 200
        assert Image.open(BytesIO(served.data)).size == (1600, 800)


def test_photos_are_added_with_captions_recaptioned_and_removed(client, db, csrf_off, app):
    user = make_user(organisations=[make_organisation()])
    post = make_post(status=PostStatus.DRAFT, publish_at=None)
    db.session.commit()
    login(client, user)
    response = client.post(
        f"/manage/blog/{post.id}/photos",
        data={"photo-photo": (BytesIO(image_bytes()), "IMG_8648.png"),
              "photo-caption": "Inauguration of Innovation Station"},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 302
    photo = db.session.query(BlogPhoto).one()
    assert photo.caption == "Inauguration of Innovation Station"
    refused = client.post(
        f"/manage/blog/{post.id}/photos",
        data={"photo-photo": (BytesIO(b"GIF89a broken"), "x.gif"), "photo-caption": "x"},
        content_type="multipart/form-data",
    )
    assert_refused(refused, "not an image we can read")
    client.post(
        f"/manage/blog/{post.id}/photos/{photo.id}/caption",
        data={f"caption-{photo.id}-caption": "Innovation Station opens"},
    )
    db.session.expire_all()
    assert photo.caption == "Innovation Station opens"
    path = app.config["UPLOAD_FOLDER"] / photo.path
    assert path.exists()
    client.post(f"/manage/blog/{post.id}/photos/{photo.id}/delete")
    assert db.session.query(BlogPhoto).count() == 0 and not path.exists()


def test_translation_pair_links_both_ways_and_can_be_changed(client, db, csrf_off):
    user = make_user(organisations=[make_organisation()])
    english = make_post("Innovation, collaboration and culture", language="en")
    swedish = make_post("Innovation, samverkan och kultur", language="sv")
    other = make_post("Another Swedish post", language="sv")
    db.session.commit()
    login(client, user)
    response = client.post(
        f"/manage/blog/{swedish.id}/edit",
        data=form(title=swedish.title, slug=swedish.slug, language="sv",
                  translation_id=str(english.id), status="published", publish_at=""),
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert swedish.counterpart.id == english.id and english.counterpart.id == swedish.id
    english_page = client.get(f"/blog/{english.slug}/").get_data(as_text=True)
    swedish_page = client.get(f"/blog/{swedish.slug}/").get_data(as_text=True)
    assert f'hreflang="sv" href="http://eventapp.test/blog/{swedish.slug}/"' in english_page
    assert f'hreflang="en" href="http://eventapp.test/blog/{english.slug}/"' in swedish_page
    # A third post cannot take a version that is already paired.
    taken = client.post(
        f"/manage/blog/{other.id}/edit",
        data=form(title=other.title, slug=other.slug, language="sv",
                  translation_id=str(english.id)),
    )  # fmt: skip
    assert_refused(taken, "is already paired with another post")
    # Re-pairing from the English side moves the link.
    client.post(f"/manage/blog/{swedish.id}/edit", data=form(
        title=swedish.title, slug=swedish.slug, language="sv", status="published"))  # fmt: skip
    client.post(f"/manage/blog/{english.id}/edit", data=form(
        title=english.title, slug=english.slug, status="published",
        translation_id=str(other.id)))  # fmt: skip
    db.session.expire_all()
    assert english.counterpart.id == other.id and swedish.counterpart is None


def test_post_about_an_event_is_edited_only_by_those_who_manage_the_event(client, db, csrf_off):
    host, stranger = make_organisation(), make_organisation()
    event = make_event(organisers=[host])
    own = make_user(organisations=[host])
    other = make_user(organisations=[stranger])
    admin = make_user(site_admin=True)
    post = make_post("Story", event=event, status=PostStatus.DRAFT, publish_at=None)
    news = make_post("News", status=PostStatus.DRAFT, publish_at=None)
    db.session.commit()
    login(client, other)
    assert client.get(f"/manage/blog/{post.id}/edit").status_code == 403
    assert client.post(f"/manage/blog/{post.id}/edit", data=form()).status_code == 403
    assert client.get(f"/manage/blog/{news.id}/edit").status_code == 200
    listing = client.get("/manage/blog/").get_data(as_text=True)
    assert "News" in listing and ">Story<" not in listing
    # Nor can they attach their news to an event they do not manage.
    response = client.post(f"/manage/blog/{news.id}/edit", data=form(event_id=str(event.id)))
    assert_refused(response, "Not a valid choice")
    assert client.post(f"/manage/events/{event.slug}/story").status_code == 403
    for user in (own, admin):
        switch_user(client, user)
        assert client.get(f"/manage/blog/{post.id}/edit").status_code == 200
    assert client.get("/manage/blog/424242/edit").status_code == 404


def test_live_preview_returns_sanitised_html_with_the_csrf_header(client, db, app):
    user = make_user(organisations=[make_organisation()])
    db.session.commit()
    login(client, user)
    page = client.get("/manage/blog/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert 'src="/static/js/blog.js"' in page and 'data-preview-url="/manage/blog/preview"' in page
    payload = {"body": '**Hi** <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>'}
    assert client.post("/manage/blog/preview", json=payload).status_code == 400  # no token
    response = client.post("/manage/blog/preview", json=payload, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<strong>Hi</strong>" in html and "onerror" not in html and "javascript" not in html


def test_preview_button_works_without_javascript_and_saves_nothing(client, db, csrf_off):
    user = make_user(organisations=[make_organisation()])
    db.session.commit()
    login(client, user)
    response = client.post(
        "/manage/blog/new", data=form(title="", body_md="## Heading\n\n<script>x</script>\n\n*ok*",
                                      preview="1")
    )  # fmt: skip
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h2>Heading</h2>" in html and "<em>ok</em>" in html and "<script>x" not in html
    assert db.session.query(BlogPost).count() == 0


def test_story_button_on_a_future_event_explains_instead(client, db, csrf_off):
    org = make_organisation()
    event = make_event(organisers=[org])
    user = make_user(organisations=[org])
    db.session.commit()
    login(client, user)
    response = client.post(f"/manage/events/{event.slug}/story")
    assert response.status_code == 302
    assert db.session.query(BlogPost).count() == 0
    with client.session_transaction() as session:
        assert "once the event is over" in str(session["_flashes"])
