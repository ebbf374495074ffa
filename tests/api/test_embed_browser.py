"""In Chromium: another site frames the embeddable programme and it shows; the same site
framing the event page itself is refused by its policy."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.browser_support import LiveServer

pytestmark = pytest.mark.browser


def other_site(html: str) -> Flask:
    """A campus CMS on another origin (another port) with ``html`` as its page."""
    cms = Flask("campus_cms")
    cms.add_url_rule("/", "page", lambda: html)
    return cms


def test_another_site_shows_the_embed_and_cannot_frame_the_event_page(live_server, page, campus):
    html = (
        "<!doctype html><title>CMS</title>"
        f'<iframe name="embed" src="{live_server.url}/embed/events/cell-therapy/?lang=sv"'
        ' title="Programme"></iframe>'
        f'<iframe name="page" src="{live_server.url}/events/cell-therapy/" title="Event"></iframe>'
    )
    with LiveServer(other_site(html)) as cms:
        assert cms.url != live_server.url
        page.goto(cms.url + "/")
        embedded = page.frame(name="embed")
        embedded.wait_for_selector("h1", state="attached")
        assert embedded.locator("h1").inner_text() == "Cell therapy symposium"
        assert "Opening keynote" in embedded.content()
        assert embedded.evaluate("document.documentElement.lang") == "sv"
        refused = page.frame(name="page")
        for _ in range(50):  # Chromium shows its error page in a refused frame
            if refused.url.startswith("chrome-error://"):
                break
            page.wait_for_timeout(100)
        assert refused.url.startswith("chrome-error://")
        assert "Cell therapy symposium" not in refused.content()
