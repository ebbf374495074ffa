"""The service layer without HTTP: promotion on capacity change, moderation, notifications."""

from __future__ import annotations

import pytest

from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.capacity import waitlist_position
from eventapp.registration.errors import EventFull, InvalidChoice, SessionFull
from eventapp.registration.notify import notify_event_changed
from tests.builders import make_registration, make_session
from tests.registration.conftest import outbox, sent_outbox


def data(email: str, **kw) -> services.RegistrationData:
    return services.RegistrationData(name=email.split("@")[0], email=email, **kw)


def test_raising_capacity_promotes_the_waiting_list_in_order(app, event):
    event.capacity = 1
    db.session.commit()
    for i in range(4):
        services.register_participant(event, data(f"p{i}@example.org"))
    event.capacity = 3
    promoted = services.promote_waitlist(event)
    db.session.commit()
    assert [r.email for r in promoted] == ["p1@example.org", "p2@example.org"]
    last = services.find_active(event.id, "p3@example.org")
    assert last.status == RegistrationStatus.WAITLISTED and waitlist_position(last) == 1
    assert [m.kind for m in outbox()][-2:] == ["registration_promoted"] * 2


def test_unlimited_event_confirms_everyone(app, event):
    event.capacity = None
    db.session.commit()
    for i in range(3):
        outcome = services.register_participant(event, data(f"u{i}@example.org"))
        assert outcome.registration.status == RegistrationStatus.CONFIRMED


def test_approval_confirms_while_places_are_left_then_waitlists(app, event):
    event.capacity = 1
    event.moderation_enabled = True
    db.session.commit()
    first = services.register_participant(event, data("a@example.org")).registration
    second = services.register_participant(event, data("b@example.org")).registration
    third = services.register_participant(event, data("c@example.org")).registration
    assert services.decide(first, approve=True).status == RegistrationStatus.CONFIRMED
    assert services.decide(second, approve=True).status == RegistrationStatus.WAITLISTED
    assert services.decide(third, approve=False).status == RegistrationStatus.REJECTED
    kinds = [m.kind for m in outbox()]
    assert kinds[-3:] == [
        "registration_approved",
        "registration_waitlisted",
        "registration_rejected",
    ]


def test_full_session_without_waitlist_refuses_and_stores_nothing(app, event):
    event.waitlist_enabled = False
    workshop = make_session(event, "Workshop", selectable=True, capacity=1)
    db.session.commit()
    services.register_participant(event, data("a@example.org", session_ids=[workshop.id]))
    with pytest.raises(SessionFull):
        services.register_participant(event, data("b@example.org", session_ids=[workshop.id]))
    assert services.find_active(event.id, "b@example.org") is None


def test_session_waitlist_is_promoted_when_a_participant_cancels(app, event):
    workshop = make_session(event, "Workshop", selectable=True, capacity=1)
    db.session.commit()
    a = services.register_participant(event, data("a@example.org", session_ids=[workshop.id]))
    b = services.register_participant(event, data("b@example.org", session_ids=[workshop.id]))
    assert b.registration.choices[0].status == ChoiceStatus.WAITLISTED
    services.cancel_registration(a.registration)
    db.session.refresh(b.registration.choices[0])
    assert b.registration.choices[0].status == ChoiceStatus.CONFIRMED


def test_category_and_session_must_be_offered(app, event):
    with pytest.raises(InvalidChoice):
        services.register_participant(event, data("a@example.org", category="exhibitor"))
    with pytest.raises(InvalidChoice):
        services.register_participant(event, data("a@example.org", session_ids=[999]))


def test_full_event_without_waitlist_raises_event_full(app, event):
    event.capacity = 0
    event.waitlist_enabled = False
    db.session.commit()
    with pytest.raises(EventFull):
        services.register_participant(event, data("a@example.org"))
    assert outbox() == []


def test_event_change_notifies_every_active_registrant_in_their_language(app, event):
    make_registration(event, email="en@example.org")
    make_registration(event, email="sv@example.org", language="sv")
    make_registration(event, email="gone@example.org", status=RegistrationStatus.CANCELLED)
    assert notify_event_changed(event, note="New room: Aula") == 2
    db.session.commit()
    messages = sent_outbox()
    assert [(m.recipient, m.language, m.kind) for m in messages] == [
        ("en@example.org", "en", "registration_event_changed"),
        ("sv@example.org", "sv", "registration_event_changed"),
    ]
    assert "New room: Aula" in messages[0].body_text and messages[0].body_html
