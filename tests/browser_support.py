"""Real-browser fixtures: the app served on a free loopback port, Debian's Chromium via Playwright.

Defined once for the whole suite (imported by tests/conftest.py): a second sync Playwright cannot
start while the session's one is open, so every browser test shares this ``browser``. They use
``/usr/bin/chromium`` (``EVENTAPP_CHROMIUM``); Playwright never downloads a browser here. Without
it the browser tests are skipped (tests/helpers/tools.py), or fail with ``CI=true``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.helpers.tools import BROWSER, CHROMIUM, need

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_BODY = "eventapp.tests.body"


def _keeping_body(app):
    """The WSGI app, leaving the iterable it returns in the environ for the handler to close."""

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        environ[_BODY] = body
        return body

    return wsgi


class _ClosingHandler(WSGIRequestHandler):
    """Werkzeug's handler, closing every response even when the browser resets the connection.

    After sending a response Werkzeug drains the socket and only then closes the app's iterable;
    a reset during that drain (Chromium dropping a stylesheet it no longer needs) skips the close,
    and the static file left open warns when collected, which this suite turns into an error in
    whatever test runs next.
    """

    def run_wsgi(self) -> None:
        try:
            super().run_wsgi()
        finally:
            body = getattr(self, "environ", {}).get(_BODY)
            if body is not None and hasattr(body, "close"):
                body.close()


class LiveServer:
    """The application served by a threaded Werkzeug server on 127.0.0.1."""

    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server(
            "127.0.0.1", 0, _keeping_body(app), threaded=True, request_handler=_ClosingHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.app.config["BASE_URL"] = self.url
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
        self.server.server_close()


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    """The test's app (fresh database) behind a real HTTP server."""
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    need(*BROWSER)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (cookies, storage) and page per test, desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A page in a 375 px wide phone-sized context."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="en-GB", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
