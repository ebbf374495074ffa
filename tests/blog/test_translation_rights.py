"""An organiser pairs posts only with posts they may edit: the translation picker lists no other
organisation's posts (drafts included), and a ``translation_id`` of one is refused."""

from __future__ import annotations

from eventapp.blog.models import BlogPost
from eventapp.core.types import PostStatus
from tests.blog.conftest import make_post
from tests.blog.test_manage import form
from tests.builders import make_event, make_organisation, make_user
from tests.conftest import login


def _two_organisations(db):
    org_a, org_b = make_organisation("Org A"), make_organisation("Org B")
    secret = make_post(
        "SECRET DRAFT of org A", language="sv", status=PostStatus.DRAFT, publish_at=None,
        event=make_event(organisers=[org_a]),
    )  # fmt: skip
    mine = make_post("Org B's story", event=make_event(organisers=[org_b]), language="en")
    user_b = make_user(organisations=[org_b])
    db.session.commit()
    return secret, mine, user_b


def test_the_translation_picker_lists_no_other_organisations_posts(client, db):
    secret, mine, user_b = _two_organisations(db)
    login(client, user_b)
    for url in ("/manage/blog/new", f"/manage/blog/{mine.id}/edit"):
        page = client.get(url).get_data(as_text=True)
        assert "SECRET DRAFT" not in page and f'<option value="{secret.id}"' not in page


def test_another_organisations_post_cannot_be_made_the_translation(client, db, csrf_off):
    secret, mine, user_b = _two_organisations(db)
    login(client, user_b)
    response = client.post(
        f"/manage/blog/{mine.id}/edit",
        data=form(title=mine.title, slug=mine.slug, event_id=str(mine.event_id),
                  translation_id=str(secret.id)),
    )  # fmt: skip
    assert response.status_code in (200, 400)
    db.session.expire_all()
    assert db.session.get(BlogPost, mine.id).counterpart is None
    assert db.session.get(BlogPost, secret.id).translation_of_id is None
