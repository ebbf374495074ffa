"""The event's own questions on the public form: asked, checked, stored, shown in Swedish."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.regforms import services
from eventapp.regforms.models import Answer
from eventapp.registration.models import Registration
from tests.helpers.forms import form_values, submit
from tests.regforms.conftest import answers_form


def _post(client, event, data):
    return submit(client, f"/events/{event.slug}/register", **data)


def _answers() -> dict[int, Answer]:
    return {a.question_id: a for a in db.session.scalars(select(Answer))}


def test_the_form_asks_every_question_in_order(client, event, questions):
    page = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    positions = [page.index(q.label) for q in questions.values()]
    assert positions == sorted(positions)
    assert "Vegetarian" in page and 'inputmode="decimal"' in page
    # Radio buttons and checkboxes in a fieldset named by the question.
    assert '<legend>Lunch <span class="required" aria-hidden="true">*</span></legend>' in page
    assert "<legend>Topics of interest</legend>" in page


def test_answers_are_stored_with_the_registration(client, event, questions):
    data = answers_form(
        questions,
        topics=[str(questions["topics"].options[0].id), str(questions["topics"].options[2].id)],
        mingle="yes",
        guests="2,5",
        wishes="Step-free access\nplease",
    )
    response = _post(client, event, data)
    assert response.status_code == 303, response.get_data(as_text=True)
    answers = _answers()
    assert answers[questions["diet"].id].option_ids == [questions["diet"].options[1].id]
    assert answers[questions["topics"].id].option_ids == [
        questions["topics"].options[0].id,
        questions["topics"].options[2].id,
    ]
    assert answers[questions["mingle"].id].value == "yes"
    assert answers[questions["guests"].id].value == "2.5"
    assert answers[questions["wishes"].id].value == "Step-free access\nplease"
    assert questions["title"].id not in answers  # asked of speakers only


def test_a_required_question_left_unanswered_keeps_the_form_and_stores_nothing(
    client, event, questions
):
    data = answers_form(questions)
    data.pop(f"q_{questions['diet'].id}")
    response = _post(client, event, data)
    assert response.status_code == 422
    assert "Please answer this question." in response.get_data(as_text=True)
    assert db.session.scalars(select(Registration)).all() == []


def test_the_speakers_question_is_required_of_speakers_only(client, event, questions):
    response = _post(client, event, answers_form(questions, category="speaker"))
    assert response.status_code == 422
    response = _post(
        client,
        event,
        answers_form(questions, category="speaker", title="Cells that remember"),
    )
    assert response.status_code == 303
    assert _answers()[questions["title"].id].value == "Cells that remember"


def test_a_participants_answer_to_the_speakers_question_is_dropped(client, event, questions):
    response = _post(client, event, answers_form(questions, title="Not a speaker"))
    assert response.status_code == 303
    assert questions["title"].id not in _answers()


def test_the_form_speaks_swedish_with_the_organisers_translations(client, event, questions):
    client.get("/?lang=sv")
    page = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert "Kommer du på kvällsminglet?" in page and "Vegetariskt" in page
    # Untranslated texts are shown in the original, marked as English for screen readers.
    assert '<span lang="en">Topics of interest</span>' in page
    assert "Ja" in page and "Nej" in page


def test_registering_takes_as_many_queries_with_six_questions_as_with_one(
    client, event, questions, count_queries
):
    url = f"/events/{event.slug}/register"

    def post_queries(email: str) -> int:
        values = form_values(client.get(url).get_data(as_text=True), "email")
        values.update({k: [v] for k, v in answers_form(questions, email=email).items()})
        with count_queries() as queries:
            assert client.post(url, data=values).status_code == 303
        return queries.count

    six = post_queries("six@example.org")
    for key in ("topics", "mingle", "guests", "title", "wishes"):
        services.delete_question(questions[key])
    db.session.commit()
    assert post_queries("one@example.org") == six
