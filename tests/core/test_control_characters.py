"""One rule for typed text, like the NUL rule: a single-line field takes no control character
(no CR or LF either), a multi-line field only line breaks and tabs. Strict iCalendar parsers
reject a whole feed for one U+000B or U+001B in a session title; CR/LF in a name splits lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventapp.events.models import Event
from tests.manage.conftest import post_form
from tests.manage.test_event_form import valid_event
from tests.registration.conftest import register, registrations

SINGLE_LINE = "Use no control characters or line breaks in this field."
MULTI_LINE = "Use no control characters in this text (line breaks and tabs are fine)."


def _events(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Event))


@pytest.mark.parametrize("bad", ["\x0b", "\x1b[31m", "\x7f", "\r\n", "\n", "\x85", "\u2028"])
def test_a_single_line_field_takes_no_control_character(ki_client, db, ki, bad):
    data = valid_event(ki, title=f"ATMP{bad}mini-symposium")
    response = post_form(ki_client, "/manage/events/new", data)
    assert response.status_code == 200
    assert SINGLE_LINE in response.get_data(as_text=True)
    assert _events(db) == 0


@pytest.mark.parametrize("bad", ["\x0b", "\x1b", "\x7f", "\x08", "\x9b"])
def test_a_multi_line_field_takes_no_control_character_but_breaks_and_tabs(ki_client, db, ki, bad):
    response = post_form(
        ki_client, "/manage/events/new", valid_event(ki, description=f"Line one{bad}")
    )
    assert MULTI_LINE in response.get_data(as_text=True)
    assert _events(db) == 0


def test_line_breaks_and_tabs_are_kept_in_a_multi_line_field(ki_client, db, ki):
    text = "First line\r\nSecond\tline\rThird"
    response = post_form(ki_client, "/manage/events/new", valid_event(ki, description=text))
    assert response.status_code == 302
    assert db.session.scalar(select(Event.description)) == "First line\nSecond\tline\nThird"


def test_a_name_with_a_line_break_is_refused_at_registration(client, event):
    response = register(client, event, name="Anna Svensson\r\nBcc: victim@example.org")
    assert response.status_code == 422
    assert SINGLE_LINE in response.get_data(as_text=True)
    assert registrations() == 0


def test_every_form_gets_the_rule_from_one_base_class():
    """Forms derive from core.forms.AppForm (or PlainForm), which add the rule to every text
    field: no form module may use Flask-WTF's or WTForms' base class directly."""
    root = Path(__file__).resolve().parents[2] / "eventapp"
    for path in root.rglob("*.py"):
        if path.name == "forms.py" and path.parent.name == "core":
            continue
        text = path.read_text()
        assert "(FlaskForm)" not in text and "(Form)" not in text, path
