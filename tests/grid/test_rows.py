"""What the timetable page prints of each session, formatted once per row (grid/rows.py): the
block and the list row carry every time, label, name and link the session's objects gave."""

from __future__ import annotations

import pytest

from eventapp.core.types import SessionKind, SessionStatus, SpeakerRole
from eventapp.events.models import SessionSpeaker
from tests.builders import make_person, make_session, stockholm

URL = "/manage/events/innovation-days/timetable"


@pytest.fixture
def panel(db, setting):
    panel = make_session(
        setting.event,
        "Panel <on> care",
        starts_at=stockholm(2026, 9, 1, 10, 0),
        minutes=45,
        kind=SessionKind.PANEL,
        room=setting.aula,
    )
    panel.speakers.append(
        SessionSpeaker(person=setting.anna, role=SpeakerRole.MODERATOR, position=0)
    )
    panel.speakers.append(
        SessionSpeaker(person=make_person("Bo Ek"), role=SpeakerRole.SPEAKER, position=1)
    )
    db.session.commit()
    return panel


def _block(page: str, session_id: int) -> str:
    start = page.index(f'id="grid-session-{session_id}"')
    return page[start : page.index("</div>", start)]


def _list_row(page: str, title: str) -> str:
    at = page.index(f">{title}</p>", page.index('class="tt-list"'))
    start = page.rindex("<li", 0, at)
    return page[start : page.index("</li>", at)]


def test_a_block_prints_its_times_kind_speakers_link_and_the_grips_name(ki_client, panel):
    page = ki_client.get(URL).get_data(as_text=True)
    block = _block(page, panel.id)
    assert 'data-starts="2026-09-01T10:00" data-ends="2026-09-01T10:45"' in block
    assert f'data-room-id="{panel.room_id}" draggable="true"' in block
    assert '<p class="tt-when">10:00–10:45 · Panel</p>' in block
    edit = f"/manage/events/innovation-days/sessions/{panel.id}"
    assert f'<a href="{edit}">Panel &lt;on&gt; care</a>' in block
    assert '<p class="tt-speakers">Anna Svensson, Bo Ek</p>' in block
    assert "Move “Panel &lt;on&gt; care”, 10:00–10:45</span>" in block
    assert 'title="Drag to change the end"' in block


def test_a_list_row_names_the_roles_and_links_every_action(ki_client, panel):
    page = ki_client.get(URL).get_data(as_text=True)
    row = _list_row(page, "Panel &lt;on&gt; care")
    assert '<p class="meta">Anna Svensson (Moderator), Bo Ek</p>' in row
    base = f"/manage/events/innovation-days/sessions/{panel.id}"
    assert f'<a href="{base}">Edit</a>' in row and f'<a href="{base}/move">Move</a>' in row
    assert f'action="{base}/cancel"' in row and "Reinstate" not in row
    assert f'action="{base}/delete" class="inline-form js-confirm"' in row
    assert row.count('name="csrf_token"') == 2


def test_a_cancelled_session_is_listed_to_reinstate_and_not_drawn(ki_client, db, panel):
    panel.status = SessionStatus.CANCELLED
    db.session.commit()
    page = ki_client.get(URL).get_data(as_text=True)
    assert f'id="grid-session-{panel.id}"' not in page
    row = _list_row(page, "Panel &lt;on&gt; care")
    assert '<span class="badge badge-cancelled">cancelled</span>' in row
    base = f"/manage/events/innovation-days/sessions/{panel.id}"
    assert f'action="{base}/reinstate"' in row and f'action="{base}/cancel"' not in row


def test_the_rows_are_in_the_readers_language(ki_client, panel):
    page = ki_client.get(URL + "?lang=sv").get_data(as_text=True)
    assert "10:00–10:45 · Panel" in _block(page, panel.id)
    row = _list_row(page, "Panel &lt;on&gt; care")
    assert "Anna Svensson (Moderator), Bo Ek" in row
    assert ">Radera</button>" in row and "Flytta ”Panel &lt;on&gt; care”, 10:00–10:45" in page
