""" "Register again" cannot be used to bomb someone with mail: at most one "your link" e-mail per
address and event in a period, and the page still says nothing about whether the address was
registered."""

from __future__ import annotations

from datetime import timedelta

from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration.services import LINK_RESEND_PERIOD
from tests.registration.conftest import outbox, register


def _links() -> list[OutboxMessage]:
    return [m for m in outbox() if m.kind == "registration_link"]


def test_twenty_repeats_queue_one_link_mail(client, event):
    register(client, event, email="victim@example.org")
    answers = [register(client, event, email="victim@example.org") for _ in range(20)]
    assert len(_links()) == 1
    # The answer with a mail sent (the first) and without (the others) is the same page.
    assert len({(a.status_code, a.get_data(as_text=True)) for a in answers}) == 1


def test_the_link_can_be_asked_for_again_after_the_period(client, event):
    register(client, event, email="carin@example.org")
    register(client, event, email="carin@example.org")
    [sent] = _links()
    sent.created_at -= LINK_RESEND_PERIOD + timedelta(seconds=1)
    db.session.commit()
    register(client, event, email="carin@example.org")
    assert len(_links()) == 2
