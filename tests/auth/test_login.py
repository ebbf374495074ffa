"""Logging in and out at /manage/login: passwords, rate limits, cookies, safe redirects."""

from __future__ import annotations

import pytest

from eventapp.auth.services import authenticate
from tests.auth.conftest import PASSWORD
from tests.builders import make_user
from tests.manage.conftest import csrf_token


def _login(client, email: str, password: str, next_url: str | None = None):
    url = "/manage/login" + (f"?next={next_url}" if next_url is not None else "")
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, "email": email, "password": password})


def test_password_is_stored_as_an_argon2id_hash(organiser):
    assert organiser.password_hash.startswith("$argon2id$")
    assert PASSWORD not in organiser.password_hash


def test_right_password_logs_in_and_opens_the_back_office(client, organiser):
    response = _login(client, "anna@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200
    assert organiser.last_login_at is not None


def test_wrong_password_re_renders_the_form_with_a_message(client, organiser):
    response = _login(client, "anna@example.org", "wrong password!")
    assert response.status_code == 200
    assert "Wrong e-mail address or password." in response.get_data(as_text=True)
    assert client.get("/manage/").status_code == 302


def test_unknown_account_and_inactive_account_cannot_log_in(db, organiser):
    assert authenticate("nobody@example.org", PASSWORD) is None
    organiser.active = False
    db.session.commit()
    assert authenticate("anna@example.org", PASSWORD) is None


def test_back_office_requires_login_and_remembers_where_to_go(client):
    response = client.get("/manage/events/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/manage/login?next=")


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "x"],
)
def test_next_parameter_never_leaves_the_site(client, organiser, target):
    response = _login(client, "anna@example.org", PASSWORD, next_url=target)
    assert response.headers["Location"] == "/manage/"


def test_next_parameter_to_our_own_path_is_followed(client, organiser):
    response = _login(client, "anna@example.org", PASSWORD, next_url="/manage/people/")
    assert response.headers["Location"] == "/manage/people/"


def test_logout_is_a_post_with_csrf(client, organiser):
    _login(client, "anna@example.org", PASSWORD)
    assert client.get("/manage/logout").status_code == 405
    assert client.post("/manage/logout").status_code == 400  # no CSRF token
    token = csrf_token(client.get("/manage/").get_data(as_text=True))
    assert client.post("/manage/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/manage/").status_code == 302


def test_login_without_csrf_token_is_refused(client, organiser):
    response = client.post(
        "/manage/login", data={"email": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/manage/").status_code == 302


def test_failed_logins_are_limited_per_account(client, organiser):
    for _ in range(5):
        assert _login(client, "anna@example.org", "wrong password!").status_code == 200
    blocked = _login(client, "anna@example.org", PASSWORD)
    assert blocked.status_code == 429
    # Another account from the same address is not blocked by this account's limit.
    other = make_user("bo@example.org", password=PASSWORD)
    assert other.id
    from eventapp.extensions import db

    db.session.commit()
    assert _login(client, "bo@example.org", PASSWORD).status_code == 302


def test_failed_logins_are_limited_per_address(make_app, db):
    app = make_app(LOGIN_RATE_LIMIT_ADDRESS="3 per minute", LOGIN_RATE_LIMIT_ACCOUNT="100/minute")
    client = app.test_client()
    with app.app_context():
        for n in range(3):
            assert _login(client, f"guess{n}@example.org", "x").status_code == 200
        assert _login(client, "guess9@example.org", "x").status_code == 429


def test_session_cookie_is_httponly_and_samesite_lax(client, organiser):
    response = _login(client, "anna@example.org", PASSWORD)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_served_over_https(monkeypatch, tmp_path):
    from eventapp.config import Config

    monkeypatch.setenv("EVENTAPP_BASE_URL", "https://events.example.org")
    monkeypatch.setenv("EVENTAPP_SECRET_KEY", "x" * 40)
    config = Config()
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    assert config.SESSION_COOKIE_HTTPONLY and config.SESSION_COOKIE_SAMESITE == "Lax"


def test_rate_limit_storage_is_redis_when_configured(monkeypatch):
    from eventapp.config import Config

    monkeypatch.setenv("EVENTAPP_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert Config().RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/0"


def test_production_hasher_is_memory_hard():
    from eventapp.auth.passwords import _hasher

    assert _hasher.memory_cost >= 19 * 1024 and _hasher.type.name == "ID"


def test_limits_are_shared_through_redis_so_every_worker_agrees(make_app, db, organiser):
    """The attempts are counted in Redis (what gunicorn workers share), not in the process."""
    import uuid

    import redis

    url = "redis://127.0.0.1:6379/15"
    prefix = f"eventapp-test-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_STORAGE_URI": url, "RATELIMIT_KEY_PREFIX": prefix}
    first, second = make_app(**settings), make_app(**settings)
    try:
        for n in range(5):
            app = first if n % 2 else second
            with app.app_context():
                assert _login(app.test_client(), "anna@example.org", "bad").status_code == 200
        with second.app_context():
            assert _login(second.test_client(), "anna@example.org", PASSWORD).status_code == 429
        server = redis.Redis.from_url(url)
        keys = [k.decode() for k in server.scan_iter(f"*{prefix}*")]
        assert any("anna@example.org" in k for k in keys), keys
        server.close()
    finally:
        server = redis.Redis.from_url(url)
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()
