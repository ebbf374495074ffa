"""Regforms fixtures: an open event with questions of every kind and three parallel workshops."""

from __future__ import annotations

import pytest

from eventapp.extensions import db
from eventapp.regforms import group_services, services
from eventapp.regforms.models import Question, SessionGroup
from tests.builders import make_event, make_organisation, make_session
from tests.mail.conftest import smtp_server  # noqa: F401
from tests.registration.conftest import form_data, register  # noqa: F401


def make_question(event, label: str, kind: str = "short_text", **kw) -> Question:
    """A question through the organiser's service (``options`` as plain labels)."""
    options = [(o, "") if isinstance(o, str) else o for o in kw.pop("options", [])]
    data = services.QuestionData(kind=kind, label=label, options=options, **kw)
    return services.save_question(event, data)


def make_group(event, name: str, sessions, max_choices: int = 1, **kw) -> SessionGroup:
    data = group_services.GroupData(name, max_choices, [s.id for s in sessions], **kw)
    return group_services.save_group(event, data)


@pytest.fixture
def organisation(app):
    return make_organisation("Karolinska Institutet", short_name="KI")


@pytest.fixture
def event(app, organisation):
    """A published event with 20 places, three categories offered, registration open."""
    event = make_event(
        "Collaboration in Science 2026",
        slug="cis-2026",
        capacity=20,
        organisers=[organisation],
        registration_categories=["participant", "speaker", "press"],
    )
    db.session.commit()
    return event


@pytest.fixture
def workshops(event):
    """Three parallel afternoon workshops of 10 places, in a group "choose one"."""
    afternoon = event.starts_at.replace(hour=12)
    sessions = [
        make_session(event, title, starts_at=afternoon, minutes=90, selectable=True, capacity=10)
        for title in ("CAR-T manufacturing", "Biobanking", "Data sharing")
    ]
    make_group(
        event,
        "Afternoon workshops",
        sessions,
        translations={"sv": {"name": "Eftermiddagens workshoppar"}},
    )
    db.session.commit()
    return sessions


@pytest.fixture
def questions(event):
    """One question of each kind; the talk title asked of speakers only."""
    made = {
        "diet": make_question(
            event,
            "Lunch",
            "single_choice",
            required=True,
            options=[("Meat", "Kött"), ("Vegetarian", "Vegetariskt"), ("Vegan", "Veganskt")],
            translations={"sv": {"label": "Lunch"}},
        ),
        "topics": make_question(
            event, "Topics of interest", "multiple_choice", options=["Cells", "Data", "Ethics"]
        ),
        "mingle": make_question(
            event,
            "Will you join the evening mingle?",
            "yes_no",
            translations={"sv": {"label": "Kommer du på kvällsminglet?"}},
        ),
        "guests": make_question(event, "Guests you bring", "number"),
        "title": make_question(
            event, "Title of your talk", "short_text", required=True, categories=["speaker"]
        ),
        "wishes": make_question(event, "Anything else we should know?", "long_text"),
    }
    db.session.commit()
    return made


def answers_form(questions, **overrides) -> dict:
    """Registration form data answering the required questions (as a participant)."""
    data = form_data(**{f"q_{questions['diet'].id}": str(questions["diet"].options[1].id)})
    for key, value in overrides.items():
        data[f"q_{questions[key].id}" if key in questions else key] = value
    return data
