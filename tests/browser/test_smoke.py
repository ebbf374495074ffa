"""The browser fixtures work: Chromium loads a page from the live server."""

from __future__ import annotations


def test_health_page_loads_in_chromium(live_server, page):
    response = page.goto(f"{live_server.url}/healthz")
    assert response is not None and response.status == 200
    assert '"status"' in page.content()
