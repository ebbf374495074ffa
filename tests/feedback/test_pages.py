"""The participant's survey page and the organiser's pages: forms, anonymity, results, CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

from sqlalchemy import func, select

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.feedback import services
from eventapp.feedback.models import Response, SurveyAnswer
from eventapp.feedback.services import AnswerValue
from tests.builders import make_organisation, make_registration, make_user
from tests.conftest import login
from tests.feedback.conftest import make_survey
from tests.helpers.forms import post_form, submit

SVG = "{http://www.w3.org/2000/svg}"


def _checked_in(event, name="Åsa Öberg", **kw):
    registration = make_registration(event, name, checked_in_at=utcnow() - timedelta(days=1), **kw)
    db.session.commit()
    return registration


def test_the_participant_page_links_the_survey_and_the_form_saves_the_answers(client, event):
    survey = make_survey(event)
    registration = _checked_in(event)
    page = client.get(f"/r/{registration.secret}/").get_data(as_text=True)
    assert f"/r/{registration.secret}/feedback" in page
    rating, single, multiple, text = survey.questions
    response = post_form(
        client,
        f"/r/{registration.secret}/feedback",
        {
            f"q{rating.id}": "4",
            f"q{single.id}": "1",
            f"q{multiple.id}": ["0", "2"],
            f"q{text.id}": "The posters were great",
        },
    )
    assert response.status_code == 303
    again = client.get(f"/r/{registration.secret}/feedback").get_data(as_text=True)
    assert "You have answered" in again and "The posters were great" in again
    assert (
        'value="4" checked' in again
        or 'checked value="4"' in again
        or (f'id="q{rating.id}-3"' in again and "checked" in again)
    )
    stored = db.session.execute(
        select(SurveyAnswer.choices).where(SurveyAnswer.question_id == multiple.id)
    )
    assert stored.scalar_one() == [0, 2]


def test_the_survey_speaks_swedish_to_a_swedish_reader(client, event):
    survey = make_survey(event)
    registration = _checked_in(event, language="sv")
    page = client.get(
        f"/r/{registration.secret}/feedback", headers={"Accept-Language": "sv"}
    ).get_data(as_text=True)
    assert "Kommer du igen?" in page and "Kanske" in page
    assert survey.questions[1].options("sv") == ["Ja", "Kanske", "Nej"]


def test_a_bad_answer_is_refused_with_a_message_and_changes_nothing(client, event):
    survey = make_survey(event)
    registration = _checked_in(event)
    rating = survey.questions[0]
    response = post_form(client, f"/r/{registration.secret}/feedback", {f"q{rating.id}": "9"})
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.execute(select(func.count()).select_from(Response)).scalar_one() == 0


def test_someone_not_checked_in_sees_why_and_cannot_post(client, event, csrf_off):
    survey = make_survey(event)
    absent = make_registration(event)
    db.session.commit()
    page = client.get(f"/r/{absent.secret}/feedback")
    assert page.status_code == 200
    assert "checked in at the event" in page.get_data(as_text=True)
    assert "<textarea" not in page.get_data(as_text=True)
    participant = client.get(f"/r/{absent.secret}/").get_data(as_text=True)
    assert "/feedback" not in participant
    posted = client.post(f"/r/{absent.secret}/feedback", data={f"q{survey.questions[0].id}": "5"})
    assert posted.status_code == 403
    assert db.session.execute(select(func.count()).select_from(Response)).scalar_one() == 0


def test_results_show_counts_as_labelled_svg_and_hide_names_of_anonymous_answers(
    organiser_client, event
):
    survey = make_survey(event)
    rating, single, multiple, text = survey.questions
    for name, stars, choice, said in (
        ("Åsa Öberg", 5, 0, "Loved the keynote"),
        ("Jörg Müller", 4, 0, "More coffee"),
        ("Ñuño Ibáñez", 4, 2, "Too short"),
    ):
        services.submit_answers(
            _checked_in(event, name),
            survey,
            {
                rating.id: AnswerValue(rating=stars),
                single.id: AnswerValue(choices=[choice]),
                text.id: AnswerValue(text=said),
            },
        )
    db.session.commit()
    page = organiser_client.get(f"/manage/events/{event.slug}/feedback/results")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "3 people have answered" in html and "average 4.33 of 5" in html
    assert "Loved the keynote" in html and "Åsa Öberg" not in html and "Jörg" not in html
    start = html.index('<svg class="bar-chart"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + 6])
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "How was the day overall?"
    assert desc.text == "1: 0; 2: 0; 3: 0; 4: 2; 5: 1"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    bars = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")]
    assert bars == ["1: 0", "2: 0", "3: 0", "4: 2", "5: 1"]


def test_a_named_question_shows_who_answered_and_only_that_one(organiser_client, event):
    survey = make_survey(event, named_text=True)
    rating, _single, _multiple, text = survey.questions
    services.submit_answers(
        _checked_in(event, "Åsa Öberg"),
        survey,
        {rating.id: AnswerValue(rating=2), text.id: AnswerValue(text="Please record the talks")},
    )
    db.session.commit()
    html = organiser_client.get(f"/manage/events/{event.slug}/feedback/results").get_data(
        as_text=True
    )
    assert "Åsa Öberg:</strong> Please record the talks" in html
    rows = list(
        csv.reader(
            io.StringIO(
                organiser_client.get(f"/manage/events/{event.slug}/feedback/answers.csv")
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[0] == ["No.", "Question", "Session", "Kind", "Answer", "Answered by"]
    by_question = {row[1]: row for row in rows[1:]}
    assert by_question["How was the day overall?"][5] == ""  # anonymous
    assert by_question["Anything else?"][4:] == ["Please record the talks", "Åsa Öberg"]


def test_the_csv_neutralises_formulas_typed_as_answers(organiser_client, event):
    survey = make_survey(event)
    services.submit_answers(
        _checked_in(event),
        survey,
        {survey.questions[3].id: AnswerValue(text='=HYPERLINK("http://evil")')},
    )
    db.session.commit()
    text = organiser_client.get(f"/manage/events/{event.slug}/feedback/answers.csv").get_data(
        as_text=True
    )
    assert "'=HYPERLINK" in text


def test_the_organiser_composes_the_survey_through_its_forms(organiser_client, event):
    url = f"/manage/events/{event.slug}/feedback"
    saved = submit(organiser_client, url, audience="confirmed", introduction="Tell us!")
    assert saved.status_code == 303
    added = submit(
        organiser_client,
        url,
        kind="single",
        prompt="Which day suits you?",
        options_text="Tuesday\nThursday",
        options_text_translation="Tisdag\nTorsdag",
    )
    assert added.status_code == 303
    survey = services.get_survey(event)
    assert survey.introduction == "Tell us!" and survey.audience.value == "confirmed"
    assert [q.options("sv") for q in survey.questions] == [["Tisdag", "Torsdag"]]
    one_option = submit(organiser_client, url, kind="multiple", prompt="Pick", options_text="Only")
    assert one_option.status_code == 422
    assert "Give between 2 and 12 options" in one_option.get_data(as_text=True)


def test_organisers_of_another_organisation_see_nothing(client, event):
    make_survey(event)
    outsider = make_user("someone@kth.se", organisations=[make_organisation("KTH")])
    db.session.commit()
    login(client, outsider)
    for path in ("feedback", "feedback/results", "feedback/answers.csv"):
        assert client.get(f"/manage/events/{event.slug}/{path}").status_code == 403


def test_the_results_page_makes_the_same_queries_for_three_answers_as_for_thirty(
    organiser_client, event, count_queries
):
    survey = make_survey(event)

    def answer(n):
        for _ in range(n):
            services.submit_answers(
                _checked_in(event, "Someone"),
                survey,
                {
                    q.id: AnswerValue(text="ok") if q.kind.value == "text" else AnswerValue()
                    for q in survey.questions
                },
            )
        db.session.commit()

    url = f"/manage/events/{event.slug}/feedback/results"
    answer(3)
    organiser_client.get(url)
    with count_queries() as few:
        organiser_client.get(url)
    answer(27)
    with count_queries() as many:
        organiser_client.get(url)
    assert many.count == few.count
