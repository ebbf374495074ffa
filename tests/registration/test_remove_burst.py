"""Organisers see a burst of suspicious registrations (many within a minute) marked and ticked
on the registrations page, and remove them in one action: no e-mail to the made-up addresses,
and the places go to the real people on the waiting list, in order."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Registration
from tests.builders import make_user
from tests.conftest import login
from tests.helpers.forms import csrf_token
from tests.registration.conftest import outbox

BASE = "/manage/events/cis-2026/registrations"


def _register(event, email: str, minutes_ago: float) -> Registration:
    outcome = services.register_participant(
        event, services.RegistrationData(name=email.split("@")[0], email=email)
    )
    outcome.registration.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.commit()
    return outcome.registration


def test_a_burst_is_marked_and_removed_in_one_action(client, event, organisation):
    real = [_register(event, f"person{n}@ki.se", minutes_ago=600 - 60 * n) for n in range(5)]
    junk = [_register(event, f"junk{n}@x.example", minutes_ago=30) for n in range(30)]
    late = [_register(event, f"late{n}@ki.se", minutes_ago=10 - n) for n in range(3)]
    assert {r.status for r in late} == {RegistrationStatus.WAITLISTED}
    login(client, make_user(organisations=[organisation]))
    db.session.commit()
    page = client.get(BASE + "?burst=1").get_data(as_text=True)
    ticked = [r.id for r in junk + real + late if f'value="{r.id}" checked' in page]
    assert sorted(ticked) == sorted(r.id for r in junk)
    mails_before = len(outbox())
    response = client.post(
        BASE + "/remove",
        data={"csrf_token": csrf_token(page), "registration_ids": [str(r.id) for r in junk]},
    )
    assert response.status_code == 303
    db.session.expire_all()
    statuses = dict(db.session.execute(select(Registration.email, Registration.status)).all())
    assert all(statuses[r.email] == RegistrationStatus.CANCELLED for r in junk)
    assert all(statuses[r.email] == RegistrationStatus.CONFIRMED for r in real + late)
    new_mail = outbox()[mails_before:]
    assert {m.recipient for m in new_mail} == {r.email for r in late}  # promoted, told so
    assert "30 registrations removed." in client.get(BASE).get_data(as_text=True)


def test_removal_takes_only_this_events_registrations(client, event, organisation):
    from tests.builders import make_event

    other = make_event("Other", organisers=[organisation], capacity=5)
    db.session.commit()
    theirs = _register(other, "someone@ki.se", minutes_ago=1)
    login(client, make_user(organisations=[organisation]))
    db.session.commit()
    page = client.get(BASE).get_data(as_text=True)
    client.post(BASE + "/remove", data={"csrf_token": csrf_token(page),
                                        "registration_ids": [str(theirs.id)]})  # fmt: skip
    db.session.expire_all()
    assert db.session.get(Registration, theirs.id).status == RegistrationStatus.CONFIRMED
