"""An edit that strands sessions or lowers the capacity below the places held says so first."""

from __future__ import annotations

from eventapp.extensions import db
from eventapp.manage.models import AuditLogEntry
from tests.builders import make_event, make_registration, make_session, stockholm
from tests.helpers.forms import form_values, submit

EDIT = "/manage/events/cdd-2027/edit"


def _event(ki, **kw):
    event = make_event(
        "Campus Data Days 2027",
        slug="cdd-2027",
        starts_at=stockholm(2027, 3, 10, 9),
        ends_at=stockholm(2027, 3, 11, 17),
        organisers=[ki.organisation],
        **kw,
    )
    make_session(event, "Opening", starts_at=stockholm(2027, 3, 10, 9), minutes=60)
    make_session(event, "Hackathon results", starts_at=stockholm(2027, 3, 11, 10), minutes=60)
    db.session.commit()
    return event


def _saved(event):
    db.session.expire_all()
    return event


def test_shortening_an_event_names_the_sessions_left_outside_before_saving(ki_client, ki):
    event = _event(ki)
    response = submit(ki_client, EDIT, ends_at="2027-03-10T17:00")
    assert response.status_code == 200
    assert "1 session falls outside the new dates and times" in response.text
    assert "“Hackathon results”" in response.text and "“Opening”" not in response.text
    assert _saved(event).ends_at == stockholm(2027, 3, 11, 17)  # nothing saved yet
    assert db.session.query(AuditLogEntry).count() == 0
    # Saving the form as it came back (the organiser has read it) goes ahead.
    again = ki_client.post(EDIT, data=form_values(response.text, "consequences_seen"))
    assert again.status_code == 302
    assert _saved(event).ends_at == stockholm(2027, 3, 10, 17)


def test_a_capacity_below_the_places_held_says_what_it_does(ki_client, ki):
    event = _event(ki, capacity=20)
    for n in range(3):
        make_registration(event, f"Deltagare {n}")
    db.session.commit()
    response = submit(ki_client, EDIT, capacity="2")
    assert "3 people already hold a place and the new capacity is 2" in response.text
    assert _saved(event).capacity == 20
    # A different change is new news: the earlier reading does not cover it.
    data = form_values(response.text, "consequences_seen")
    data["capacity"] = ["1"]
    response = ki_client.post(EDIT, data=data)
    assert response.status_code == 200 and "the new capacity is 1" in response.text
    assert _saved(event).capacity == 20
    ki_client.post(EDIT, data=form_values(response.text, "consequences_seen"))
    assert _saved(event).capacity == 1


def test_an_edit_without_consequences_saves_at_once(ki_client, ki):
    event = _event(ki, capacity=20)
    make_registration(event)
    db.session.commit()
    assert submit(ki_client, EDIT, capacity="5", title="CDD 2027").status_code == 302
    assert (_saved(event).capacity, event.title) == (5, "CDD 2027")
