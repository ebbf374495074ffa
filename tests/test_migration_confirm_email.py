"""0012_confirm_email widens the registration status (and its one-per-address index) in place:
on SQLite without rebuilding the table, so no registration's session choices are lost."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from eventapp import config, create_app
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.services import RegistrationData
from tests.builders import make_event, make_session

BEFORE = "0006_translations"


def _insert(status: str, email: str) -> None:
    db.session.execute(
        text(
            "INSERT INTO registrations (event_id, name, email, affiliation, category, status, "
            "dietary_needs, accessibility_needs, language, secret, checkin_code, note, "
            "created_at, updated_at) SELECT id, 'X', :email, '', 'participant', :status, '', "
            "'', 'en', :email, :email, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM events"
        ),
        {"email": email, "status": status},
    )


def test_the_upgrade_keeps_every_registration_and_admits_unconfirmed_ones(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    app = create_app(config.TestConfig(url, INSTANCE_PATH=tmp_path))
    with app.app_context():
        upgrade()
        event = make_event(capacity=10)
        workshop = make_session(event, selectable=True, capacity=5)
        db.session.commit()
        services.register_participant(
            event, RegistrationData("Carin", "carin@ki.se", session_ids=[workshop.id])
        )
        db.session.remove()
        downgrade(revision=BEFORE)
        with pytest.raises(IntegrityError):  # the old CHECK is back
            _insert("unconfirmed", "old@ki.se")
        db.session.rollback()
        upgrade()
        existing = db.session.execute(text("SELECT confirm_email FROM events")).scalar_one()
        assert existing in (0, False)  # events made before the setting keep their way
        choices = db.session.execute(text("SELECT count(*) FROM registration_choices")).scalar()
        assert choices == 1  # not cascaded away by a table rebuild
        _insert("unconfirmed", "new@ki.se")
        db.session.commit()
        with pytest.raises(IntegrityError):  # one active registration per address
            _insert("unconfirmed", "new@ki.se")
        db.session.rollback()
        with pytest.raises(IntegrityError):
            _insert("bogus", "bogus@ki.se")
        db.session.rollback()
        assert db.session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        db.session.remove()
        downgrade(revision=BEFORE)  # an unconfirmed registration lapses on the way down
        statuses = db.session.execute(text("SELECT email, status FROM registrations")).all()
        assert dict(statuses) == {"carin@ki.se": "confirmed", "new@ki.se": "cancelled"}
        db.session.remove()
        db.engine.dispose()
