"""`flask --app eventapp demo`: loads, prints a summary, and a second run changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.auth.passwords import verify_password
from eventapp.core.db import utcnow
from eventapp.demo.after_event import PAST
from eventapp.demo.services import load_demo
from eventapp.events.models import Event
from eventapp.extensions import db

from .conftest import dump_all_tables


def test_demo_loads_and_prints_a_short_summary(demo):
    assert "Demo content loaded: 41 organisations, 16 people" in demo.output
    assert "Upcoming with registration open: Collaboration in Science" in demo.output
    assert "12 synthetic registrations added" in demo.output


def test_running_demo_twice_leaves_every_table_identical(demo, runner):
    before = dump_all_tables()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    db.session.remove()
    assert dump_all_tables() == before
    assert "0 synthetic registrations added" in second.output
    assert "Created login" not in second.output


def test_a_later_run_does_not_shift_the_relative_dates(demo):
    before = dump_all_tables()
    load_demo(now=utcnow() + timedelta(days=3, hours=5))
    db.session.commit()
    db.session.remove()
    assert dump_all_tables() == before


def test_demo_row_counts_are_stable_across_runs(demo, runner):
    counts = {name: len(rows) for name, rows in dump_all_tables().items()}
    runner.invoke(args=["demo"])
    db.session.remove()
    assert {name: len(rows) for name, rows in dump_all_tables().items()} == counts
    past = sum(total for total, _came in PAST.values())  # the past editions' (after the event)
    assert counts["sessions"] > 50 and counts["registrations"] == 12 + past


def test_demo_logins_use_the_password_from_the_environment(demo):
    admin = db.session.scalars(select(User).where(User.email == "admin@example.org")).one()
    assert admin.is_site_admin
    assert verify_password(admin.password_hash, "demo-password-for-tests")
    organiser = db.session.scalars(select(User).where(User.email == "organiser@example.org")).one()
    assert not organiser.is_site_admin
    assert sorted(org.slug for org in organiser.organisations) == [
        "karolinska-institutet",
        "karolinska-universitetssjukhuset",
    ]


def test_without_a_demo_password_one_is_generated_and_printed_once(runner, monkeypatch):
    monkeypatch.delenv("EVENTAPP_DEMO_PASSWORD", raising=False)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    printed = dict(re.findall(r"Created login (\S+) with password: (\S+)", result.output))
    assert set(printed) == {"admin@example.org", "organiser@example.org", "reviewer@example.org"}
    admin = db.session.scalars(select(User).where(User.email == "admin@example.org")).one()
    assert verify_password(admin.password_hash, printed["admin@example.org"])
    assert len(printed["admin@example.org"]) >= 16
    again = runner.invoke(args=["demo"])
    assert "Created login" not in again.output


def test_once_the_upcoming_edition_has_passed_a_rerun_dates_a_new_one(demo):
    first = db.session.scalars(select(Event).where(Event.registration_enabled)).one()
    later = first.starts_at + timedelta(days=1)
    summary = load_demo(now=later)
    db.session.commit()
    assert summary.upcoming is not first and summary.upcoming.starts_at > later
    assert summary.upcoming.slug != first.slug
    assert summary.upcoming.registration_opens_at <= later < summary.upcoming.registration_closes_at
    assert summary.new_registrations == 12
