"""Rules the database itself enforces, whatever the Python code does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from eventapp.core.types import RegistrationStatus
from tests.builders import (
    make_event,
    make_organisation,
    make_registration,
    make_session,
    make_user,
    stockholm,
)


def _refused(db, build):
    with pytest.raises(IntegrityError):
        build()
        db.session.flush()
    db.session.rollback()


def test_event_slugs_are_unique(db):
    make_event(slug="collaboration-in-science-2026")
    db.session.commit()
    _refused(db, lambda: make_event(slug="collaboration-in-science-2026"))


def test_organisation_slugs_are_unique(db):
    make_organisation(slug="ki")
    db.session.commit()
    _refused(db, lambda: make_organisation(slug="ki"))


def test_event_must_end_after_it_starts(db):
    start = stockholm(2026, 5, 4, 9, 0)
    _refused(db, lambda: make_event(starts_at=start, ends_at=start))
    _refused(db, lambda: make_event(starts_at=start, ends_at=start - timedelta(hours=1)))


def test_session_must_end_after_it_starts(db):
    event = make_event()
    db.session.commit()
    _refused(db, lambda: make_session(event, minutes=0))


def test_capacity_cannot_be_negative(db):
    _refused(db, lambda: make_event(capacity=-1))


def test_registration_window_must_close_after_it_opens(db):
    start = stockholm(2026, 5, 4, 9, 0)
    _refused(
        db,
        lambda: make_event(
            registration_opens_at=start - timedelta(days=1),
            registration_closes_at=start - timedelta(days=2),
        ),
    )


def test_one_active_registration_per_event_and_email(db):
    event = make_event()
    make_registration(event, email="anna@example.org")
    db.session.commit()
    _refused(db, lambda: make_registration(event, email="anna@example.org"))
    _refused(
        db,
        lambda: make_registration(
            event, email="anna@example.org", status=RegistrationStatus.WAITLISTED
        ),
    )


def test_cancelled_registration_frees_the_address_for_a_new_one(db):
    event = make_event()
    make_registration(event, email="anna@example.org", status=RegistrationStatus.CANCELLED)
    make_registration(event, email="anna@example.org")
    db.session.commit()


def test_same_address_may_register_for_two_events(db):
    make_registration(make_event(), email="anna@example.org")
    make_registration(make_event(), email="anna@example.org")
    db.session.commit()


def test_registration_emails_are_stored_lower_case(db):
    from eventapp.registration.models import Registration

    event = make_event()
    db.session.commit()

    def upper():
        registration = make_registration(event)
        db.session.query(Registration).filter_by(id=registration.id).update(
            {"email": "Anna@Example.org"}
        )

    _refused(db, upper)


def test_user_emails_are_unique(db):
    make_user("admin@example.org")
    db.session.commit()
    _refused(db, lambda: make_user("admin@example.org"))
