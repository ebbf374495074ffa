"""The dashboard in Chromium while the door is open: the check-in count follows the door."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from eventapp.core.db import utcnow
from eventapp.extensions import db
from tests.badges.test_door_browser import _as_organiser
from tests.builders import make_event, make_registration

pytestmark = pytest.mark.browser


def test_check_ins_at_the_door_appear_on_the_dashboard_without_a_reload(app, live_server, page, ki):
    now = utcnow()
    event = make_event(
        "Open today",
        slug="open-today",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=6),
        organisers=[ki.organisation],
    )
    arriving = make_registration(event, "Åsa Öberg")
    make_registration(event, "Bo Ek")
    db.session.commit()
    _as_organiser(app, page, live_server, ki.user)
    page.goto(f"{live_server.url}/manage/events/open-today/")
    assert page.inner_text("#dashboard-checked-in") == "0"
    assert page.is_visible("#dashboard .badge-live")
    arriving.checked_in_at = utcnow()
    db.session.commit()
    # The counter asks every 20 seconds, and at once when the tab is shown again.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("#dashboard-checked-in")).to_have_text("1")
    assert page.inner_text("#dashboard-confirmed") == "2"
