"""Write the story: a draft about a past event from its data, figures frozen on publish."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest

from eventapp.blog.models import BlogPost
from eventapp.blog.services import write_story
from eventapp.core.db import utcnow
from eventapp.core.errors import Forbidden
from eventapp.core.types import PostStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.blog.conftest import make_symposium
from tests.builders import make_event, make_organisation, make_registration, make_user
from tests.conftest import login


def register_crowd(event, people: int, organisations: int):
    """``people`` confirmed registrations spread over ``organisations`` affiliations."""
    now = utcnow()
    db.session.add_all(
        Registration(
            event=event, name=f"P{i}", email=f"p{i}-{secrets.token_hex(4)}@example.org",
            affiliation=f"University {i % organisations}", status=RegistrationStatus.CONFIRMED,
            confirmed_at=now, secret=secrets.token_urlsafe(32),
            checkin_code=secrets.token_urlsafe(16),
        )
        for i in range(people)
    )  # fmt: skip
    db.session.flush()


def test_story_of_the_atmp_symposium_tells_what_when_where_who_and_how_many(db, organiser):
    user, event = organiser
    register_crowd(event, 153, 62)
    db.session.commit()
    post = write_story(user, event)
    assert post.status == PostStatus.DRAFT and post.language == "en"
    assert post.event_id == event.id
    assert post.title == "ATMP mini-symposium: a look back"
    assert post.lead == (
        "On 22 January 2025, 13:00–17:30, NextGenNK and CCRM Nordic hosted the ATMP mini-symposium "
        "at Karolinska Institutet, Campus Flemingsberg."
    )
    body = post.body_md
    assert "14 presentations, two keynotes and a panel" in body
    assert "over 150 participants from more than 60 organisations" in body
    assert "Partners: Karolinska Institutet." in body
    assert "- **Speaker 0**, Karolinska Institutet" in body
    assert "- **Carin Dahlberg**, NextGenNK" in body
    assert f"(/events/{event.slug}/)" in body
    facts = post.facts
    assert facts["participants"] == 153 and facts["organisations"] == 62
    assert facts["basis"] == "registrations"
    assert facts["sessions"] == {"keynote": 2, "panel": 1, "talk": 14, "break": 1}
    assert facts["frozen_at"] is None


def test_check_ins_count_instead_of_registrations_when_there_are_any(db, organiser):
    user, event = organiser
    register_crowd(event, 40, 10)
    for i in range(23):
        make_registration(event, affiliation=f"Org {i % 12}", checked_in_at=utcnow())
    make_registration(event, status=RegistrationStatus.CANCELLED, affiliation="Gone")
    db.session.commit()
    post = write_story(user, event)
    assert (post.facts["participants"], post.facts["organisations"]) == (23, 12)
    assert post.facts["basis"] == "checkins"
    assert "over 20 participants from twelve organisations" in post.body_md


def test_directory_organisations_and_typed_affiliations_are_told_apart(db, organiser):
    user, event = organiser
    ki = make_organisation("KI")
    make_registration(event, organisation_id=ki.id, affiliation="Karolinska")
    make_registration(event, organisation_id=ki.id, affiliation="KI")
    make_registration(event, affiliation="  Södertörn   University ")
    make_registration(event, affiliation="södertörn university")
    make_registration(event, affiliation="")
    make_registration(event, status=RegistrationStatus.WAITLISTED, affiliation="Waiting")
    db.session.commit()
    post = write_story(user, event)
    assert (post.facts["participants"], post.facts["organisations"]) == (5, 2)


def test_story_is_written_in_the_events_language(db):
    event, nextgen = make_symposium(language="sv")
    user = make_user(organisations=[nextgen])
    register_crowd(event, 153, 62)
    db.session.commit()
    post = write_story(user, event)
    assert post.language == "sv"
    assert post.title == "ATMP mini-symposium: en återblick"
    assert post.lead.startswith("Den 22 januari 2025, 13:00–17:30 arrangerade NextGenNK och CCRM")
    assert "14 presentationer, två keynote-föreläsningar och en paneldiskussion" in post.body_md
    assert "över 150 deltagare från mer än 60 organisationer" in post.body_md
    assert "## Talare" in post.body_md and "Läs mer om evenemanget" in post.body_md


def test_story_is_refused_before_the_event_is_over(db):
    org = make_organisation()
    event = make_event(organisers=[org])
    user = make_user(organisations=[org])
    db.session.commit()
    with pytest.raises(Exception, match="once the event is over"):
        write_story(user, event)
    assert db.session.query(BlogPost).count() == 0


def test_only_the_events_organisers_may_write_its_story(db, organiser):
    _user, event = organiser
    stranger = make_user(organisations=[make_organisation()])
    db.session.commit()
    with pytest.raises(Forbidden):
        write_story(stranger, event)


def edit_form(post, **changes):
    data = {
        "title": post.title, "slug": post.slug, "lead": post.lead, "body_md": post.body_md,
        "author_id": "0", "author_line": "", "language": post.language, "translation_id": "0",
        "event_id": str(post.event_id or 0), "cover_alt": "", "status": post.status.value,
        "publish_at": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_figures_are_frozen_when_published_and_never_recounted(db, client, csrf_off, organiser):
    user, event = organiser
    register_crowd(event, 153, 62)
    db.session.commit()
    login(client, user)
    response = client.post(f"/manage/events/{event.slug}/story")
    assert response.status_code == 302
    post = db.session.query(BlogPost).filter_by(language=event.language).one()
    # While a draft, saving recounts: late check-ins or registrations are taken in.
    register_crowd(event, 10, 5)
    db.session.commit()
    client.post(f"/manage/blog/{post.id}/edit", data=edit_form(post))
    db.session.expire_all()
    assert post.facts["participants"] == 163
    response = client.post(f"/manage/blog/{post.id}/edit", data=edit_form(post, status="published"))
    assert response.status_code == 302
    db.session.expire_all()
    assert post.facts["frozen_at"] is not None
    frozen = dict(post.facts)
    register_crowd(event, 100, 40)
    db.session.commit()
    client.post(f"/manage/blog/{post.id}/edit", data=edit_form(post, title="Edited after"))
    client.post(f"/manage/blog/{post.id}/refresh-facts")
    db.session.expire_all()
    assert post.title == "Edited after"
    assert post.facts == frozen and post.facts["participants"] == 163
    page = client.get(f"/blog/{post.slug}/").get_data(as_text=True)
    assert "over 150 participants from more than 60 organisations" in page


def test_write_the_story_button_shows_on_past_events_only(db, app, organiser):
    _user, event = organiser
    future = make_event(starts_at=utcnow() + timedelta(days=3))
    db.session.commit()
    with app.test_request_context():
        panel = app.jinja_env.get_template("blog/_manage_panel.html")
        assert f"/manage/events/{event.slug}/story" in panel.render(event=event)
        assert "/story" not in panel.render(event=future)


def test_the_story_is_written_in_both_languages_as_one_storys_two_versions(db):
    event, nextgen = make_symposium(language="en")
    event.set_translations("sv", {"title": "ATMP-minisymposium"})
    user = make_user(organisations=[nextgen])
    register_crowd(event, 153, 62)
    db.session.commit()
    english = write_story(user, event)
    swedish = english.counterpart
    assert (english.language, swedish.language) == ("en", "sv")
    assert swedish.counterpart is english and swedish.event_id == event.id
    assert "över 150 deltagare från mer än 60 organisationer" in swedish.body_md
    assert "over 150 participants from more than 60" in english.body_md
    assert swedish.facts["event"]["title"] == "ATMP-minisymposium"
    assert english.facts["event"]["title"] == event.title
