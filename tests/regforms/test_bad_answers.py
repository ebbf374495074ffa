"""What the service refuses whatever the form did: forged ids, other events' questions,
oversized answers, control characters; nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.regforms import services
from eventapp.registration import services as registration
from eventapp.registration.models import Registration
from tests.builders import make_event
from tests.helpers.forms import submit
from tests.regforms.conftest import answers_form, make_question


def _register(event, answers, category="participant"):
    data = registration.RegistrationData(
        name="Ada", email="ada@example.org", category=category, answers=answers
    )
    return registration.register_participant(event, data)


def _refused(event, answers, match, category="participant"):
    with pytest.raises(services.InvalidAnswer, match=match):
        _register(event, answers, category)
    assert db.session.scalars(select(Registration)).all() == []


def test_the_service_refuses_bad_answers(event, questions):
    diet, topics = questions["diet"], questions["topics"]
    ok = {diet.id: [diet.options[0].id]}
    other = make_event("Other")
    foreign = make_question(other, "Someone else's")
    db.session.commit()
    _refused(event, {**ok, foreign.id: "x"}, "does not ask")
    _refused(event, {**ok, 999_999: "x"}, "does not ask")
    _refused(event, {diet.id: [topics.options[0].id]}, "options offered")
    _refused(event, {diet.id: [diet.options[0].id, diet.options[1].id]}, "Choose one option")
    _refused(event, {**ok, topics.id: "Cells"}, "options offered")
    _refused(event, {**ok, questions["wishes"].id: "x" * 4001}, "4000")
    _refused(event, {**ok, questions["title"].id: "x" * 301}, "300", category="speaker")
    _refused(event, {**ok, questions["wishes"].id: "a\x00b"}, "control characters")
    _refused(event, {**ok, questions["title"].id: "a\nb"}, "control characters", "speaker")
    _refused(event, {**ok, questions["mingle"].id: "perhaps"}, "yes or no")
    _refused(event, {**ok, questions["guests"].id: "1e12"}, "number")
    _refused(event, {**ok, questions["guests"].id: "NaN"}, "number")
    _refused(event, {**ok, questions["wishes"].id: ["1"]}, "text")
    _refused(event, {}, "Please answer this question.")


def test_a_forged_option_on_the_form_is_a_field_error(client, event, questions):
    forged = str(questions["diet"].options[0].id + 1000)
    data = answers_form(questions, diet=forged)
    response = submit(client, f"/events/{event.slug}/register", **data)
    assert response.status_code == 422
    assert db.session.scalars(select(Registration)).all() == []


def test_a_nul_byte_in_an_answer_stores_nothing(client, event, questions):
    # A NUL in a form field: the form again, with what was typed and an error on that field.
    data = answers_form(questions, wishes="a\x00b", name="Åsa Nilsson")
    response = submit(client, f"/events/{event.slug}/register", **data)
    assert response.status_code == 422
    assert 'value="Åsa Nilsson"' in response.get_data(as_text=True)
    assert db.session.scalars(select(Registration)).all() == []


def test_a_control_character_in_an_answer_is_a_field_error_and_the_form_is_kept(
    client, event, questions
):
    data = answers_form(questions, wishes="a\x1bb", name="Åsa Nilsson")
    response = submit(client, f"/events/{event.slug}/register", **data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use no control characters in this text" in page and 'value="Åsa Nilsson"' in page
    assert db.session.scalars(select(Registration)).all() == []


def test_numbers_are_normalised(event, questions):
    assert services.parse_number("2,50") == "2.5"
    assert services.parse_number(" −3 ") == "-3"
    assert services.parse_number("1e3") == "1000"


def test_an_organiser_adds_someone_by_hand_without_their_answers(event, questions):
    data = registration.RegistrationData(name="Ada", email="ada@example.org")
    outcome = registration.register_participant(event, data, by_organiser=True)
    assert outcome.created and outcome.registration.answers == []
