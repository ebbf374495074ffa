"""The organiser shapes the form (questions, groups) and reads the answers (list and CSV)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.regforms.models import Answer, Question, QuestionKind, SessionGroup
from eventapp.registration import services as registration
from tests.builders import make_event, make_user
from tests.conftest import login
from tests.helpers.forms import page_csrf_token as csrf_token
from tests.helpers.forms import submit
from tests.regforms.conftest import make_question


def _organiser(client, organisation):
    user = make_user(organisations=[organisation])
    db.session.commit()
    login(client, user)
    return user


def _register_with_answers(event, questions, name="Åke Öberg", answers=None):
    data = registration.RegistrationData(
        name=name,
        email=f"{len(name)}-{name[:3].lower()}@example.org".replace("å", "a"),
        answers={questions["diet"].id: [questions["diet"].options[2].id], **(answers or {})},
    )
    return registration.register_participant(event, data)


def test_the_organiser_adds_a_choice_question_in_both_languages(client, event, organisation):
    _organiser(client, organisation)
    response = submit(
        client,
        f"/manage/events/{event.slug}/form/questions/new",
        label="Which lunch?",
        label_translation="Vilken lunch?",
        kind="single_choice",
        options="Fish\nVegetarian",
        options_translation="Fisk\nVegetariskt",
        required="y",
        categories=["participant", "press"],
    )
    assert response.status_code == 303
    question = db.session.scalars(select(Question)).one()
    assert question.kind == QuestionKind.SINGLE_CHOICE and question.required
    assert question.categories == ["participant", "press"]
    assert [o.label for o in question.options] == ["Fish", "Vegetarian"]
    assert question.text("label", "sv") == "Vilken lunch?"
    assert [o.text("label", "sv") for o in question.options] == ["Fisk", "Vegetariskt"]
    assert "Which lunch?" in client.get(f"/manage/events/{event.slug}/form").get_data(as_text=True)


def test_a_choice_question_without_options_is_refused_with_a_message(client, event, organisation):
    _organiser(client, organisation)
    response = submit(
        client,
        f"/manage/events/{event.slug}/form/questions/new",
        label="Which lunch?",
        kind="multiple_choice",
        options="",
    )
    assert response.status_code == 422
    assert "A choice question needs at least one option." in response.get_data(as_text=True)
    assert db.session.scalars(select(Question)).all() == []


def test_editing_the_options_keeps_the_answers_naming_them(client, event, organisation, questions):
    _organiser(client, organisation)
    outcome = _register_with_answers(event, questions)
    diet = questions["diet"]
    response = submit(
        client,
        f"/manage/events/{event.slug}/form/questions/{diet.id}",
        options="Meat\nVegetarian\nVegan (no honey)",
    )
    assert response.status_code == 303
    db.session.expire_all()
    answer = db.session.get(Answer, (outcome.registration.id, diet.id))
    assert [o.label for o in diet.options][answer.option_ids[0] - diet.options[0].id] == (
        "Vegan (no honey)"
    )


def test_another_events_question_is_not_found(client, event, organisation):
    _organiser(client, organisation)
    other = make_event("Other", organisers=[organisation])
    foreign = make_question(other, "Not here")
    db.session.commit()
    assert client.get(f"/manage/events/{event.slug}/form/questions/{foreign.id}").status_code == 404


def test_removing_a_question_removes_its_answers(client, event, organisation, questions):
    _organiser(client, organisation)
    _register_with_answers(event, questions)
    diet = questions["diet"]
    page = client.get(f"/manage/events/{event.slug}/form").get_data(as_text=True)
    assert f"/form/questions/{diet.id}/delete" in page
    token = csrf_token(client, f"/manage/events/{event.slug}/form")
    response = client.post(
        f"/manage/events/{event.slug}/form/questions/{diet.id}/delete", data={"csrf_token": token}
    )
    assert response.status_code == 303
    assert db.session.get(Question, diet.id) is None
    assert db.session.scalars(select(Answer)).all() == []


def test_the_organiser_makes_a_group_of_parallel_workshops(client, event, organisation, workshops):
    _organiser(client, organisation)
    db.session.execute(SessionGroup.__table__.delete())
    db.session.commit()
    response = submit(
        client,
        f"/manage/events/{event.slug}/form/groups/new",
        name="Parallel workshops",
        name_translation="Parallella workshoppar",
        max_choices="1",
        sessions=[str(s.id) for s in workshops],
    )
    assert response.status_code == 303
    group = db.session.scalars(select(SessionGroup)).one()
    assert {m.session_id for m in group.members} == {s.id for s in workshops}
    assert group.text("name", "sv") == "Parallella workshoppar"


def test_a_group_of_one_session_is_refused(client, event, organisation, workshops):
    _organiser(client, organisation)
    response = submit(
        client,
        f"/manage/events/{event.slug}/form/groups/new",
        name="Alone",
        max_choices="1",
        sessions=[str(workshops[0].id)],
    )
    assert response.status_code == 422
    assert "A group needs at least two sessions." in response.get_data(as_text=True)


def test_the_list_and_the_csv_show_the_answers(client, event, organisation, questions):
    _organiser(client, organisation)
    _register_with_answers(
        event,
        questions,
        answers={questions["wishes"].id: "=HYPERLINK(1)", questions["mingle"].id: "no"},
    )
    page = client.get(f"/manage/events/{event.slug}/registrations").get_data(as_text=True)
    assert "Vegan" in page and "=HYPERLINK(1)" in page
    body = client.get(f"/manage/events/{event.slug}/registrations.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0]["Lunch"] == "Vegan"
    assert rows[0]["Will you join the evening mingle?"] == "No"
    assert rows[0]["Anything else we should know?"] == "'=HYPERLINK(1)"


def test_the_list_takes_as_many_queries_for_many_registrations_as_for_few(
    client, event, organisation, questions, count_queries
):
    _organiser(client, organisation)
    url = f"/manage/events/{event.slug}/registrations"
    _register_with_answers(event, questions, name="One")
    with count_queries() as few:
        client.get(url)
    for n in range(12):
        _register_with_answers(event, questions, name=f"Participant {n:02d}")
    with count_queries() as many:
        client.get(url)
    assert many.count == few.count
