"""Feedback fixtures: KI's symposium that ended yesterday, its organiser, a survey builder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.feedback import services
from eventapp.feedback.models import Audience, QuestionKind, Survey
from tests.builders import make_event, make_organisation, make_session, make_user
from tests.conftest import login


@pytest.fixture
def organisation(app):
    return make_organisation("Karolinska Institutet", short_name="KI", slug="ki")


@pytest.fixture
def event(app, organisation):
    """A one-day symposium of KI that ended yesterday, with a keynote and a workshop."""
    starts = (utcnow() - timedelta(days=1, hours=8)).replace(second=0, microsecond=0)
    event = make_event(
        "ATMP mini-symposium",
        slug="atmp",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        organisers=[organisation],
    )
    make_session(event, "Keynote: CAR-NK cells", starts_at=starts, minutes=60)
    make_session(event, "Workshop: GMP production", starts_at=starts + timedelta(hours=2))
    db.session.commit()
    return event


@pytest.fixture
def organiser(app, organisation):
    user = make_user("organiser@ki.se", organisations=[organisation])
    db.session.commit()
    return user


@pytest.fixture
def organiser_client(client, organiser):
    login(client, organiser)
    return client


def make_survey(event, *, audience: Audience = Audience.CHECKED_IN, **kw: Any) -> Survey:
    """A survey open a week more, with a rating, a single and a multiple choice, and free text
    (the text question names who answered when ``named_text``)."""
    named_text = kw.pop("named_text", False)
    survey = services.save_survey(
        event, audience=audience, closes_at=kw.pop("closes_at", utcnow() + timedelta(days=7))
    )
    services.add_question(survey, kind=QuestionKind.RATING, text="How was the day overall?")
    services.add_question(
        survey,
        kind=QuestionKind.SINGLE,
        text="Would you come again?",
        options_text="Yes\nMaybe\nNo",
        translations={"sv": {"prompt": "Kommer du igen?", "options_text": "Ja\nKanske\nNej"}},
    )
    services.add_question(
        survey,
        kind=QuestionKind.MULTIPLE,
        text="What did you value?",
        options_text="Talks\nPosters\nNetworking",
        session=None,
    )
    services.add_question(survey, kind=QuestionKind.TEXT, text="Anything else?", named=named_text)
    db.session.commit()
    return survey
