"""What the registrations list prints of each registration, formatted once per row
(registration/manage_rows.py): labels, the waiting-list place, the sessions chosen, the
actions each status allows, the box's name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from eventapp.core.types import ChoiceStatus, RegistrationCategory, RegistrationStatus
from eventapp.registration.models import RegistrationChoice
from tests.builders import make_event, make_registration, make_session


@pytest.fixture
def event(db, ki):
    return make_event("Summer School", slug="summer-school", organisers=[ki.organisation])


def _row(page: str, name: str) -> str:
    at = page.index(f"<td>{name}</td>")
    return page[page.rindex("<tr>", 0, at) : page.index("</tr>", at)]


def _actions(row: str) -> list[str]:
    return [part.split('"')[0].rsplit("/", 1)[1] for part in row.split('action="')[1:]]


def test_each_status_offers_its_actions_and_only_active_ones_a_box(ki_client, db, event):
    pending = make_registration(event, "Pia Pending", status=RegistrationStatus.PENDING)
    make_registration(event, "Wim Waiting", status=RegistrationStatus.WAITLISTED)
    make_registration(event, "Cai Cancelled", status=RegistrationStatus.CANCELLED)
    make_registration(event, "Ulf <Unconfirmed>", status=RegistrationStatus.UNCONFIRMED)
    db.session.commit()
    page = ki_client.get("/manage/events/summer-school/registrations").get_data(as_text=True)
    row = _row(page, "Pia Pending")
    assert _actions(row) == ["approve", "reject", "resend", "cancel"]
    assert f'action="/manage/events/summer-school/registrations/{pending.id}/approve"' in row
    assert "<td>Awaiting approval</td>" in row
    assert 'aria-label="Tick Pia Pending"' in row and row.count('name="csrf_token"') == 4
    assert 'class="button small danger">Reject</button>' in row
    waiting = _row(page, "Wim Waiting")
    assert _actions(waiting) == ["promote", "resend", "cancel"] and "Confirm now" in waiting
    assert "<td>Waiting list #1</td>" in waiting and 'aria-label="Tick Wim Waiting"' in waiting
    cancelled = _row(page, "Cai Cancelled")
    assert _actions(cancelled) == [] and 'type="checkbox"' not in cancelled
    unconfirmed = _row(page, "Ulf &lt;Unconfirmed&gt;")
    assert 'aria-label="Tick Ulf &lt;Unconfirmed&gt;"' in unconfirmed
    assert _actions(unconfirmed) == ["resend", "cancel"]


def test_a_row_lists_the_sessions_chosen_in_time_order_and_marks_the_waitlisted(
    ki_client, db, event
):
    late = make_session(event, "Late workshop", starts_at=event.starts_at + timedelta(hours=3))
    early = make_session(event, "Early workshop")
    person = make_registration(event, "Sam Sessions", category=RegistrationCategory.SPEAKER)
    for session, status in ((late, ChoiceStatus.WAITLISTED), (early, ChoiceStatus.CONFIRMED)):
        person.choices.append(
            RegistrationChoice(session_id=session.id, status=status, created_at=person.created_at)
        )
    db.session.commit()
    page = ki_client.get("/manage/events/summer-school/registrations?lang=sv").get_data(
        as_text=True
    )
    row = _row(page, "Sam Sessions")
    assert "<td>Early workshop; Late workshop (väntar)</td>" in row
    assert "<td>Talare</td>" in row and "<td>Bekräftad</td>" in row
