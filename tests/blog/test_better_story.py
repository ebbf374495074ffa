"""Issue #21's "better story": no repeated lead, an article where English wants one, the new
figures (attended, sectors, feedback) in both languages, and a warning before a second story."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventapp.blog.models import BlogPost
from eventapp.blog.numbers import with_article
from eventapp.blog.services import StoryExists, write_story
from eventapp.core.types import OrganisationKind
from eventapp.extensions import db
from eventapp.feedback import services as feedback
from eventapp.feedback.models import Audience, QuestionKind
from tests.blog.conftest import make_symposium
from tests.builders import make_organisation, make_registration, make_user
from tests.conftest import login
from tests.helpers.forms import page_csrf_token


def _posts() -> int:
    return db.session.execute(select(func.count()).select_from(BlogPost)).scalar_one()


def test_the_body_goes_on_from_the_lead_instead_of_repeating_it(db, organiser):
    user, event = organiser
    post = write_story(user, event)
    for version in (post, post.counterpart):
        assert version.lead
        assert version.lead not in version.body_md
        assert "hosted" not in version.body_md and "arrangerade" not in version.body_md


def test_english_names_the_event_with_an_article_and_swedish_without(db, organiser):
    user, event = organiser
    english = write_story(user, event)
    assert "hosted the ATMP mini-symposium at" in english.lead
    assert (
        "arrangerade NextGenNK och CCRM Nordic ATMP mini-symposium på" in english.counterpart.lead
    )
    assert with_article("The Collaboration Days", "en") == "The Collaboration Days"
    assert with_article("An evening of posters", "en") == "An evening of posters"
    assert with_article("ATMP", "en", "**ATMP**") == "the **ATMP**"


def test_the_story_tells_the_attended_their_sectors_and_the_feedback_in_both_languages(db):
    event, nextgen = make_symposium()
    user = make_user(organisations=[nextgen])
    ki = make_organisation("Karolinska Universitetssjukhuset", kind=OrganisationKind.HOSPITAL)
    uni = make_organisation("Uppsala universitet", kind=OrganisationKind.UNIVERSITY)
    people = [
        make_registration(event, organisation=org, checked_in_at=event.starts_at)
        for org in (uni, uni, ki)
    ]
    make_registration(event, affiliation="Somewhere")  # did not come: not counted
    survey = feedback.save_survey(event, audience=Audience.CHECKED_IN, closes_at=event.ends_at)
    question = feedback.add_question(survey, kind=QuestionKind.RATING, text="Overall?")
    db.session.flush()
    survey.closes_at = event.ends_at.replace(year=2100)
    for person, stars in zip(people, (5, 4, 4), strict=True):
        feedback.submit_answers(person, survey, {question.id: feedback.AnswerValue(rating=stars)})
    db.session.commit()
    english = write_story(user, event)
    swedish = english.counterpart
    assert english.facts["attended"] == 3
    assert english.facts["sectors"] == ["university", "hospital"]
    assert "They came from universities and hospitals." in english.body_md
    assert "De kom från universitet och högskolor och sjukhus." in swedish.body_md
    assert (
        "The 3 who answered the survey rated the event 4.3 out of 5 on average." in english.body_md
    )
    assert "De 3 som svarade på enkäten gav evenemanget i snitt 4,3 av 5." in swedish.body_md


def test_a_second_story_is_written_only_after_a_warning(db, organiser):
    user, event = organiser
    write_story(user, event)
    assert _posts() == 2
    with pytest.raises(StoryExists):
        write_story(user, event)
    assert _posts() == 2
    write_story(user, event, again=True)
    assert _posts() == 4


def test_pressing_the_button_again_warns_and_writes_nothing_until_asked_again(
    db, client, organiser
):
    user, event = organiser
    login(client, user)
    manage = f"/manage/events/{event.slug}"
    token = page_csrf_token(client, f"{manage}/")
    first = client.post(f"{manage}/story", data={"csrf_token": token})
    assert first.status_code == 302 and _posts() == 2
    again = client.post(f"{manage}/story", data={"csrf_token": token}, follow_redirects=True)
    assert "This event has a story already" in again.get_data(as_text=True)
    assert _posts() == 2
    page = client.get(f"{manage}/").get_data(as_text=True)
    assert "Write another draft" in page and 'name="again" value="1"' in page
    client.post(f"{manage}/story", data={"csrf_token": token, "again": "1"})
    assert _posts() == 4
