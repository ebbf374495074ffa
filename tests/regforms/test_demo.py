"""The demo shows the feature: the upcoming edition asks its own questions, its three parallel
workshops are a "choose one" group, and the demo participants have answered."""

from __future__ import annotations

from sqlalchemy import func, select

from eventapp.demo.services import load_demo
from eventapp.extensions import db
from eventapp.regforms import group_services, services
from eventapp.regforms.models import Answer, Question


def test_the_demo_has_questions_a_workshop_group_and_answers(app, monkeypatch):
    monkeypatch.setenv("EVENTAPP_DEMO_PASSWORD", "demo-password-for-tests")
    event = load_demo().upcoming
    db.session.commit()
    questions = services.event_questions(event.id)
    assert [q.text("label", "sv") for q in questions][:2] == [
        "Lunch",
        "Kommer du på kvällsminglet?",
    ]
    (group,) = group_services.event_groups(event.id)
    assert group.max_choices == 1 and len(group.members) == 3
    answered = db.session.scalar(select(func.count(func.distinct(Answer.registration_id))))
    assert answered == len(event.registrations)
    load_demo()  # a second run adds nothing
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Question)) == len(questions)
