"""purge-personal-data: anonymise after the retention period, keep the counts."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_event, make_registration


def test_purge_anonymises_only_events_past_their_retention_and_keeps_counts(app, runner):
    long_ago = utcnow() - timedelta(days=200)
    old = make_event(slug="old", starts_at=long_ago - timedelta(hours=8), ends_at=long_ago)
    recent = make_event(
        slug="recent", starts_at=utcnow() - timedelta(days=10), ends_at=utcnow() - timedelta(days=9)
    )
    kept_longer = make_event(
        slug="kept", starts_at=long_ago - timedelta(hours=8), ends_at=long_ago, retention_days=365
    )
    make_registration(old, "Malin Lindberg", email="malin@ltu.se", dietary_needs="vegan")
    make_registration(old, status=RegistrationStatus.CANCELLED)
    make_registration(recent, "Carin Dahlberg")
    make_registration(kept_longer, "Anna Kept")
    db.session.commit()
    result = runner.invoke(args=["purge-personal-data"])
    assert result.exit_code == 0, result.output
    assert "2 registrations anonymised." in result.output
    db.session.rollback()
    regs = db.session.execute(select(Registration).order_by(Registration.id)).scalars().all()
    purged = [r for r in regs if r.event_id == old.id]
    assert all(r.anonymised_at and r.name == "—" and r.dietary_needs == "" for r in purged)
    assert all("ltu.se" not in r.email for r in purged)
    assert Counter(r.status for r in purged) == {
        RegistrationStatus.CONFIRMED: 1,
        RegistrationStatus.CANCELLED: 1,
    }
    assert {r.name for r in regs if r.anonymised_at is None} == {"Carin Dahlberg", "Anna Kept"}
    assert "0 registrations anonymised." in runner.invoke(args=["purge-personal-data"]).output
