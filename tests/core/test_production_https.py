"""In production, cookies are Secure and HSTS is sent unless the site is explicitly said to be
plain HTTP (a TLS proxy in front with an http:// base URL left them plain before), and the app
says at start which it is; reached directly (no proxy), it warns once."""

from __future__ import annotations

import logging

import pytest

from eventapp import create_app as _create_app
from eventapp.config import Config
from eventapp.extensions import db

_apps: list = []


def create_app(config):
    """The app, remembered so that its database connections are closed after the test."""
    app = _create_app(config)
    _apps.append(app)
    return app


@pytest.fixture(autouse=True)
def _close_connections():
    yield
    while _apps:
        with _apps.pop().app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def production(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("EVENTAPP_ENV", "production")
    monkeypatch.setenv("EVENTAPP_SECRET_KEY", "x" * 48)
    monkeypatch.setenv("EVENTAPP_BASE_URL", "http://events.example.org")  # the proxy does TLS
    monkeypatch.setenv("EVENTAPP_DATABASE_URL", database_url)
    monkeypatch.setenv("EVENTAPP_PAGE_CACHE_SECONDS", "0")
    monkeypatch.delenv("EVENTAPP_REDIS_URL", raising=False)
    return monkeypatch


def test_production_cookies_are_secure_whatever_the_base_url(production):
    config = Config()
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE


def test_production_sends_hsts_and_says_so_at_start(production, caplog):
    with caplog.at_level(logging.INFO, logger="eventapp"):
        app = create_app(Config())
    assert any("Secure cookies" in r.getMessage() for r in caplog.records)
    response = app.test_client().get("/healthz")
    assert "Strict-Transport-Security" in response.headers


def test_plain_http_must_be_said_and_is_warned_about(production, caplog):
    production.setenv("EVENTAPP_PLAIN_HTTP", "1")
    with caplog.at_level(logging.INFO, logger="eventapp"):
        app = create_app(Config())
    assert not app.config["SESSION_COOKIE_SECURE"]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("plain HTTP" in r.getMessage() for r in warnings)
    assert "Strict-Transport-Security" not in app.test_client().get("/healthz").headers


def test_a_request_that_reaches_gunicorn_directly_is_warned_about_once(production, caplog):
    app = create_app(Config())
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="eventapp"):
        for _ in range(3):
            client.get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.9"})
        client.get("/healthz", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    direct = [r for r in caplog.records if "reverse proxy" in r.getMessage()]
    assert len(direct) == 1 and "203.0.113.9" in direct[0].getMessage()
