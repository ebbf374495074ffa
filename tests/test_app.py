"""The application factory, configuration, database types and the health check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventapp.config import Config, ConfigError
from tests.builders import make_event, stockholm


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setenv("EVENTAPP_ENV", "production")
    monkeypatch.delenv("EVENTAPP_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        Config()


def test_development_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    import eventapp.config as config

    monkeypatch.delenv("EVENTAPP_SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "INSTANCE_PATH", tmp_path)
    first = Config().SECRET_KEY
    assert len(first) >= 32
    assert Config().SECRET_KEY == first
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_configuration_comes_from_environment(monkeypatch):
    monkeypatch.setenv("EVENTAPP_BASE_URL", "https://events.example.org/")
    monkeypatch.setenv("EVENTAPP_DEFAULT_TIMEZONE", "Europe/Helsinki")
    monkeypatch.setenv("EVENTAPP_SECRET_KEY", "x" * 40)
    config = Config()
    assert config.BASE_URL == "https://events.example.org"
    assert config.DEFAULT_TIMEZONE == "Europe/Helsinki"
    assert config.SESSION_COOKIE_SECURE is True


def test_datetimes_come_back_aware_in_utc(db):
    event = make_event(starts_at=stockholm(2026, 7, 1, 9, 0))
    db.session.commit()
    db.session.expire_all()
    assert event.starts_at == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    assert event.starts_at.tzinfo is not None


def test_naive_datetime_is_refused(db):
    with pytest.raises(Exception, match="naive"):
        make_event(starts_at=datetime(2026, 7, 1, 9, 0))
    db.session.rollback()


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "redis": "not configured"}


def test_every_response_carries_security_headers(client):
    response = client.get("/healthz")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_proxy_headers_are_ignored_unless_configured(make_app):
    plain = make_app()
    trusting = make_app(PROXY_FIX=1)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    assert (
        "Strict-Transport-Security"
        not in plain.test_client().get("/healthz", headers=headers).headers
    )
    assert (
        "Strict-Transport-Security"
        in trusting.test_client().get("/healthz", headers=headers).headers
    )


def test_unknown_address_gives_the_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    assert b'<html lang="en">' in response.data


def test_date_and_time_are_shown_to_the_minute_in_the_readers_language(app):
    from flask_babel import force_locale

    from eventapp.core.timefmt import local_datetime

    moment = datetime(2027, 1, 2, 22, 59, tzinfo=UTC)
    with app.test_request_context():
        with force_locale("en"):
            assert local_datetime(moment, "Europe/Stockholm") == "Jan 2, 2027, 23:59"
        with force_locale("sv"):
            assert local_datetime(moment, "Europe/Stockholm") == "2 jan. 2027 23:59"


def test_every_page_links_a_favicon_and_the_root_one_is_a_real_icon(client, db):
    """Browsers asked for /favicon.ico on every page and got a 404 in the log."""
    import io
    from xml.etree import ElementTree

    from PIL import Image

    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        icon = Image.open(io.BytesIO(response.data))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    with client.get("/static/favicon.svg") as svg:
        assert ElementTree.fromstring(svg.data).tag == "{http://www.w3.org/2000/svg}svg"
