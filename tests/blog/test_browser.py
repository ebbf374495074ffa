"""The live preview in a real Chromium: typed Markdown appears rendered and sanitised."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser, live_server, page  # noqa: F401 (fixtures)
from tests.builders import make_user

pytestmark = pytest.mark.browser


def test_live_preview_shows_sanitised_html_as_the_author_types(db, live_server, page):  # noqa: F811
    make_user("writer@example.org", password="correct horse battery staple")
    db.session.commit()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/manage/login")
    page.fill("input[name=email]", "writer@example.org")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("form button[type=submit]")
    page.goto(f"{live_server.url}/manage/blog/new")
    page.fill(
        "#body_md",
        "## Over 150 participants\n\nA **mini-symposium** <img src=x onerror=alert(1)> "
        '<a href="javascript:alert(2)">link</a>',
    )
    preview = page.locator("#blog-preview")
    preview.locator("strong", has_text="mini-symposium").wait_for()
    assert preview.locator("h2").inner_text() == "Over 150 participants"
    html = preview.inner_html()
    assert "onerror" not in html and "javascript" not in html
    assert dialogs == []
