"""The participant changes their own name, affiliation and answers from their private page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.regforms.models import Answer
from eventapp.registration import services as registration
from eventapp.registration.errors import RegistrationClosed
from eventapp.registration.models import Registration
from tests.helpers.forms import page_csrf_token, submit
from tests.regforms.conftest import answers_form


def _registered(event, questions, **kw):
    data = registration.RegistrationData(
        name="Carin Dahlberg",
        email="carin@example.org",
        affiliation="KI",
        answers={questions["diet"].id: [questions["diet"].options[0].id]},
        **kw,
    )
    return registration.register_participant(event, data)


def test_the_page_shows_the_answers(client, event, questions):
    outcome = _registered(event, questions)
    page = client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
    assert "Lunch" in page and "Meat" in page
    assert "Title of your talk" not in page  # asked of speakers only


def test_the_participant_changes_name_affiliation_and_answers(client, event, questions):
    outcome = _registered(event, questions)
    response = submit(
        client,
        f"/r/{outcome.secret}/",
        name="Carin Dahlberg-Öst",
        affiliation="Karolinska Universitetssjukhuset",
        **{
            f"q_{questions['diet'].id}": str(questions["diet"].options[2].id),
            f"q_{questions['mingle'].id}": "yes",
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    changed = db.session.get(Registration, outcome.registration.id)
    assert (changed.name, changed.affiliation) == (
        "Carin Dahlberg-Öst",
        "Karolinska Universitetssjukhuset",
    )
    answers = {a.question_id: a for a in changed.answers}
    assert answers[questions["diet"].id].option_ids == [questions["diet"].options[2].id]
    assert answers[questions["mingle"].id].value == "yes"
    page = client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
    assert "Your details have been updated." in page and "Vegan" in page


def _bad_change(client, secret, **fields):
    fields.setdefault("name", "Carin")  # picks the details form among the page's forms
    response = submit(client, f"/r/{secret}/", **fields)
    assert response.status_code == 422
    db.session.expire_all()
    return response.get_data(as_text=True)


def test_bad_details_come_back_with_a_field_error_and_change_nothing(client, event, questions):
    outcome = _registered(event, questions)
    secret = outcome.secret
    page = _bad_change(client, secret, name="   ")
    assert "This field is required." in page
    page = _bad_change(client, secret, name="Carin\x1bDahlberg")
    assert "Use no control characters or line breaks in this field." in page
    page = _bad_change(client, secret, **{f"q_{questions['wishes'].id}": "x\x07y"})
    assert "Use no control characters in this text" in page
    page = _bad_change(client, secret, **{f"q_{questions['wishes'].id}": "x" * 4001})
    assert "4000" in page
    page = _bad_change(client, secret, **{f"q_{questions['guests'].id}": "two"})
    assert "Give a number, such as 3 or 2.5." in page
    forged = str(questions["topics"].options[0].id + 1000)
    page = _bad_change(client, secret, name="Carin", **{f"q_{questions['topics'].id}": [forged]})
    _bad_change(client, secret, **{f"q_{questions['diet'].id}": "not-an-id"})
    _bad_change(client, secret, **{f"q_{questions['mingle'].id}": "maybe"})
    row = db.session.get(Registration, outcome.registration.id)
    assert row.name == "Carin Dahlberg"
    assert [(a.question_id, a.option_ids, a.value) for a in row.answers] == [
        (questions["diet"].id, [questions["diet"].options[0].id], "")
    ]


def test_the_form_re_shows_what_was_typed(client, event, questions):
    outcome = _registered(event, questions)
    page = _bad_change(
        client, outcome.secret, name="Carin Ny", **{f"q_{questions['guests'].id}": "many"}
    )
    assert (
        'value="Carin Ny"' in page
        and 'value="many"' in page
        and '<details class="change-details" open>' in page
    )


def test_a_cancelled_registration_cannot_change_its_details(client, event, questions):
    outcome = _registered(event, questions)
    registration.cancel_registration(outcome.registration)
    page = client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
    assert "Change my details" not in page
    token = page_csrf_token(client, f"/events/{event.slug}/register")
    response = client.post(
        f"/r/{outcome.secret}/details", data={"csrf_token": token, "name": "Someone else"}
    )
    assert response.status_code == 303
    page = client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
    assert "This registration is no longer active." in page
    db.session.expire_all()
    assert db.session.get(Registration, outcome.registration.id).name == "Carin Dahlberg"


def test_erasing_the_registration_erases_the_answers(client, event, questions):
    outcome = _registered(event, questions)
    registration.erase_my_data(outcome.registration)
    assert db.session.scalars(select(Answer)).all() == []


def test_after_the_event_the_details_can_no_longer_be_changed(client, event, questions):
    outcome = _registered(event, questions)
    event.starts_at -= timedelta(days=60)
    event.ends_at = event.starts_at + timedelta(hours=8)
    db.session.commit()
    page = client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
    assert "Meat" in page and "Change my details" not in page
    with pytest.raises(RegistrationClosed):
        registration.change_details(outcome.registration, name="X", affiliation="", answers={})


def test_an_oversized_answer_to_a_question_not_asked_is_ignored(client, event, questions):
    data = answers_form(questions, title="x" * 5000)
    response = submit(client, f"/events/{event.slug}/register", **data)
    assert response.status_code == 303
    assert questions["title"].id not in {a.question_id for a in db.session.scalars(select(Answer))}
