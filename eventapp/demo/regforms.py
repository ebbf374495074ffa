"""The upcoming Collaboration in Science's own registration questions (lunch, the evening
mingle, the speakers' talk title), its three parallel workshops as a "choose one" group, and
answers for the demo participants, so the registrations list and the CSV show them.

Loaded once per edition: an event that already has questions is left as it is (a rerun changes
nothing).
"""

from __future__ import annotations

from sqlalchemy import select

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.regforms import group_services, services
from eventapp.regforms.models import Question

LUNCH = services.QuestionData(
    kind="single_choice",
    label="Lunch",
    help_text="Served in the atrium between the sessions.",
    required=True,
    options=[("Fish", "Fisk"), ("Vegetarian", "Vegetariskt"), ("Vegan", "Veganskt")],
    translations={"sv": {"label": "Lunch", "help_text": "Serveras i atriet mellan passen."}},
)
MINGLE = services.QuestionData(
    kind="yes_no",
    label="Will you join the evening mingle?",
    translations={"sv": {"label": "Kommer du på kvällsminglet?"}},
)
INTERESTS = services.QuestionData(
    kind="multiple_choice",
    label="Which collaborations interest you?",
    options=[
        ("Core facilities", "Core facilities"),
        ("Clinical research", "Klinisk forskning"),
        ("Joint grant applications", "Gemensamma ansökningar"),
    ],
    translations={"sv": {"label": "Vilka samarbeten är du intresserad av?"}},
)
TALK_TITLE = services.QuestionData(
    kind="short_text",
    label="Title of your talk",
    required=True,
    categories=["speaker"],
    translations={"sv": {"label": "Titel på ditt föredrag"}},
)
WORKSHOPS = group_services.GroupData(
    name="Afternoon workshops",
    max_choices=1,
    session_ids=[],
    translations={"sv": {"name": "Eftermiddagens workshoppar"}},
)


def load_form(event: Event) -> None:
    """The event's questions, its workshop group and the demo participants' answers (once)."""
    db.session.flush()
    if db.session.scalar(select(Question.id).where(Question.event_id == event.id).limit(1)):
        return
    lunch, mingle, interests, talk = (
        services.save_question(event, data) for data in (LUNCH, MINGLE, INTERESTS, TALK_TITLE)
    )
    workshops = [s.id for s in event.sessions if s.selectable]
    if len(workshops) >= 2:
        group_services.save_group(
            event, group_services.GroupData(**{**vars(WORKSHOPS), "session_ids": workshops})
        )
    questions = [lunch, mingle, interests, talk]
    for number, registration in enumerate(sorted(event.registrations, key=lambda r: r.email)):
        answers = {
            lunch.id: [lunch.options[number % 3].id],
            mingle.id: "yes" if number % 2 else "no",
            interests.id: [interests.options[number % 3].id],
        }
        if registration.category.value == "speaker":
            answers[talk.id] = "Imaging the immune synapse in patient samples"
        cleaned = services.clean_answers(questions, registration.category.value, answers)
        services.apply_answers(registration, {q.id for q in questions}, cleaned)
