"""The live preview in a real Chromium: typed Markdown appears rendered and sanitised."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS
from tests.builders import make_organisation, make_user

pytestmark = pytest.mark.browser


def type_markdown_and_read_preview(base_url: str, markdown: str) -> tuple[str, str, list[str]]:
    """Log in, type ``markdown`` in a new post and return the preview's heading, HTML and dialogs.

    Runs in its own thread: Playwright's sync API refuses to start where another instance (the
    shared session browser of tests/browser) already runs an event loop.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(15000)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{base_url}/manage/login")
            page.fill("input[name=email]", "writer@example.org")
            page.fill("input[name=password]", "correct horse battery staple")
            page.click("form button[type=submit]")
            page.goto(f"{base_url}/manage/blog/new")
            page.fill("#body_md", markdown)
            preview = page.locator("#blog-preview")
            preview.locator("strong", has_text="mini-symposium").wait_for()
            return preview.locator("h2").inner_text(), preview.inner_html(), dialogs
        finally:
            browser.close()


def test_live_preview_shows_sanitised_html_as_the_author_types(db, live_server):  # noqa: F811
    # A writer acts for an organisation: an account without one is kept to its review pages.
    make_user(
        "writer@example.org",
        password="correct horse battery staple",
        organisations=[make_organisation()],
    )
    db.session.commit()
    markdown = (
        "## Over 150 participants\n\nA **mini-symposium** <img src=x onerror=alert(1)> "
        '<a href="javascript:alert(2)">link</a>'
    )
    with ThreadPoolExecutor(max_workers=1) as pool:
        heading, html, dialogs = pool.submit(
            type_markdown_and_read_preview, live_server.url, markdown
        ).result(timeout=120)
    assert heading == "Over 150 participants"
    assert "onerror" not in html and "javascript" not in html
    assert dialogs == []
