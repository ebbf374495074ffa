"""Sessions end when the password changes: a stolen cookie stops working once the owner changes
or resets the password (the session holds the id with a digest of the password state)."""

from __future__ import annotations

from flask import g

from eventapp.auth import tokens
from tests.auth.conftest import PASSWORD
from tests.auth.test_login import _login
from tests.manage.conftest import csrf_token

NEW = "a brand new passphrase"


def _logged_in(app, remember: bool = False):
    """A browser of its own, logged in through the form."""
    client = app.test_client()
    g.pop("csrf_token", None)  # each browser gets a token of its own session
    token = csrf_token(client.get("/manage/login").get_data(as_text=True))
    fields = {"csrf_token": token, "email": "anna@example.org", "password": PASSWORD}
    if remember:
        fields["remember"] = "y"
    assert client.post("/manage/login", data=fields).status_code == 302
    assert client.get("/manage/").status_code == 200
    return client


def _change_password(client) -> str:
    g.pop("csrf_token", None)
    page = client.get("/manage/account")
    fields = {
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "current_password": PASSWORD,
        "new_password": NEW,
        "repeat_password": NEW,
    }
    response = client.post("/manage/account", data=fields, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, organiser):
    laptop, phone = _logged_in(app), _logged_in(app)
    page = _change_password(laptop)
    assert "You are logged out everywhere else." in page
    assert laptop.get("/manage/").status_code == 200
    ended = phone.get("/manage/")
    assert ended.status_code == 302 and "/manage/login" in ended.headers["Location"]
    assert _login(phone, "anna@example.org", NEW).status_code == 302  # the new one works


def test_a_remember_me_cookie_from_before_the_change_no_longer_logs_in(app, organiser):
    kept = _logged_in(app, remember=True)
    other = _logged_in(app)
    kept.delete_cookie("session")  # the browser was closed: only the remember-me cookie is left
    assert kept.get("/manage/").status_code == 200
    _change_password(other)
    kept.delete_cookie("session")
    assert kept.get("/manage/").status_code == 302


def test_the_device_that_changed_the_password_stays_remembered(app, organiser):
    laptop = _logged_in(app, remember=True)
    _change_password(laptop)
    laptop.delete_cookie("session")
    assert laptop.get("/manage/").status_code == 200


def test_a_reset_ends_every_session(app, db, organiser):
    phone = _logged_in(app)
    link = f"/manage/reset/{tokens.make_token(organiser, tokens.RESET_SALT)}"
    visitor = app.test_client()
    g.pop("csrf_token", None)
    token = csrf_token(visitor.get(link).get_data(as_text=True))
    fields = {"csrf_token": token, "new_password": NEW, "repeat_password": NEW}
    assert visitor.post(link, data=fields).headers["Location"] == "/manage/login"
    assert phone.get("/manage/").status_code == 302


def test_a_session_in_the_old_form_or_forged_is_simply_logged_out(app, organiser):
    for value in (str(organiser.id), f"{organiser.id}:0000", "²:x", f"{2**40}:x", ""):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = value, True
        response = client.get("/manage/")
        assert response.status_code == 302, value


def _cookies(client) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token")}


def _browser_with(app, cookies: dict[str, str]):
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief


def _logout(client) -> None:
    g.pop("csrf_token", None)
    token = csrf_token(client.get("/manage/account").get_data(as_text=True))
    assert client.post("/manage/logout", data={"csrf_token": token}).status_code == 302


def test_logging_out_ends_the_session_for_good_server_side(app, organiser):
    laptop = _logged_in(app, remember=True)
    taken = _cookies(laptop)  # what a thief copied before the owner logged out
    assert _browser_with(app, taken).get("/manage/").status_code == 200
    _logout(laptop)
    for cookies in (
        taken,
        {"session": taken["session"]},
        {"remember_token": taken["remember_token"]},
    ):
        response = _browser_with(app, cookies).get("/manage/")
        assert response.status_code == 302 and "/manage/login" in response.headers["Location"]


def test_an_organiser_sees_their_sessions_and_ends_the_others(app, organiser):
    laptop, phone = _logged_in(app), _logged_in(app, remember=True)
    page = laptop.get("/manage/account").get_data(as_text=True)
    assert page.count('class="login-session"') == 2 and "This device" in page
    g.pop("csrf_token", None)
    token = csrf_token(page)
    response = laptop.post("/manage/account/sessions/end-others", data={"csrf_token": token})
    assert response.status_code == 302
    assert laptop.get("/manage/").status_code == 200
    phone.delete_cookie("session")
    assert phone.get("/manage/").status_code == 302
    page = laptop.get("/manage/account").get_data(as_text=True)
    assert page.count('class="login-session"') == 1
