"""Two organisers editing one event at once: the second to save is told who saved in between
and when, nothing of theirs is lost from the form, and saving again is then deliberate."""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import select

from eventapp.events.models import Event
from tests.builders import make_event, make_user
from tests.conftest import login
from tests.manage.conftest import form_values


@pytest.fixture
def event(db, ki):
    event = make_event("ATMP mini-symposium", slug="atmp", organisers=[ki.organisation])
    db.session.commit()
    return event


def _browser(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _open(client) -> dict[str, list[str]]:
    g.pop("csrf_token", None)  # each browser has a session (and a CSRF token) of its own
    page = client.get("/manage/events/atmp/edit")
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True), "title")


def _save(client, values: dict[str, list[str]], **changes: str):
    return client.post("/manage/events/atmp/edit", data={**values, **changes})


def _event(db) -> Event:
    db.session.expire_all()
    return db.session.execute(select(Event).where(Event.slug == "atmp")).scalar_one()


def test_the_second_to_save_is_told_and_their_changes_wait(app, db, ki, event):
    bo = make_user("bo@ki.se", organisations=[ki.organisation], display_name="Bo Ek")
    db.session.commit()
    anna, other = _browser(app, ki.user), _browser(app, bo)
    annas_form, bos_form = _open(anna), _open(other)
    assert _save(other, bos_form, title="ATMP symposium 2026").status_code == 302
    answer = _save(anna, annas_form, summary="Advanced therapies, half a day.")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Bo Ek saved this event at" in page and "your changes are not saved yet" in page
    assert "Advanced therapies, half a day." in page  # Anna's text is still in her form
    saved = _event(db)
    assert saved.title == "ATMP symposium 2026"
    assert saved.summary != "Advanced therapies, half a day."
    # Saving the re-shown form again is deliberate: hers is kept, over Bo's title.
    again = _save(anna, form_values(page, "title"))
    assert again.status_code == 302
    saved = _event(db)
    assert saved.summary == "Advanced therapies, half a day."
    assert saved.title == "ATMP mini-symposium"


def test_saving_one_after_the_other_is_no_conflict(app, db, ki, event):
    anna = _browser(app, ki.user)
    assert _save(anna, _open(anna), title="First").status_code == 302
    assert _save(anna, _open(anna), title="Second").status_code == 302
    assert _event(db).title == "Second"


def test_an_unchanged_save_in_between_is_no_conflict(app, db, ki, event):
    """A save that changes nothing writes no edit: the other form is still current."""
    anna, again = _browser(app, ki.user), _browser(app, ki.user)
    annas_form, second_form = _open(anna), _open(again)
    assert _save(again, second_form).status_code == 302  # nothing changed
    assert _save(anna, annas_form, title="Renamed").status_code == 302
    assert _event(db).title == "Renamed"


@pytest.mark.parametrize("seen", ["", "abc", "-1", "99999999999999999999", "²"])
def test_an_odd_form_version_never_breaks_the_save(app, db, ki, event, seen):
    """Not sent: saved as before; anything else that is not a known edit counts as "none"."""
    anna = _browser(app, ki.user)
    response = _save(anna, _open(anna), seen_edit=seen, title="Odd")
    assert response.status_code == 302
    assert _event(db).title == "Odd"
