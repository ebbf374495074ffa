"""Registration fixtures: an open event, and helpers to post the form like a browser would."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.sender import send_due
from eventapp.registration.models import Registration
from tests.builders import make_event, make_organisation
from tests.helpers.forms import page_csrf_token as csrf_token  # noqa: F401 (the tests' own)
from tests.helpers.forms import submit

# The SMTP fixture lives with the mail tests; registration tests send through it too.
from tests.mail.conftest import smtp_server  # noqa: F401


@pytest.fixture
def organisation(app):
    return make_organisation("Karolinska Institutet", short_name="KI")


@pytest.fixture
def event(app, organisation):
    """A published event with 20 places and a waiting list, registration open."""
    event = make_event(
        "Collaboration in Science 2026",
        slug="cis-2026",
        capacity=20,
        organisers=[organisation],
        registration_categories=["participant", "speaker", "press"],
        privacy_text="Karolinska Institutet processes your data to run the conference.",
    )
    db.session.commit()
    return event


def form_data(**overrides) -> dict:
    data = {
        "name": "Carin Dahlberg",
        "email": "carin.dahlberg@example.org",
        "affiliation": "Karolinska Institutet",
        "category": "participant",
        "consent": "y",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(client, event, **overrides):
    """Fill in and send the event's own registration form, as a visitor would."""
    return submit(client, f"/events/{event.slug}/register", **form_data(**overrides))


def count(model, *where) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def registrations() -> int:
    return count(Registration)


def outbox() -> list[OutboxMessage]:
    return list(db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def sent_outbox() -> list[OutboxMessage]:
    """Run the sender (.eml files: the tests set no SMTP host), then every row as it was sent.

    Registration e-mails are rendered at send time: before this, their rows hold no text.
    """
    send_due()
    db.session.expire_all()
    return outbox()
