"""Nobody can lock an organiser out: failed logins slow the address that makes them, and the
account-wide limit (against many addresses) spares a device the owner logged in on before."""

from __future__ import annotations

from flask import g

from tests.auth.conftest import PASSWORD
from tests.manage.conftest import csrf_token

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


def _login(client, password: str, address: str):
    g.pop("csrf_token", None)
    env = {"REMOTE_ADDR": address}
    page = client.get("/manage/login", environ_base=env).get_data(as_text=True)
    fields = {"csrf_token": csrf_token(page), "email": "anna@example.org", "password": password}
    return client.post("/manage/login", data=fields, environ_base=env)


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(app, organiser):
    attacker = app.test_client()
    for _ in range(5):
        assert _login(attacker, "wrong password!", ATTACKER).status_code == 200
    assert _login(attacker, PASSWORD, ATTACKER).status_code == 429  # the attacker is slowed
    assert _login(app.test_client(), PASSWORD, OWNER).status_code == 302  # the owner is not


def test_a_known_device_gets_in_when_the_account_is_under_attack(make_app, db, organiser):
    app = make_app(LOGIN_RATE_LIMIT_ACCOUNT_TOTAL="10 per hour")
    with app.app_context():
        laptop = app.test_client()
        assert _login(laptop, PASSWORD, OWNER).status_code == 302  # known from now on
        g.pop("csrf_token", None)
        token = csrf_token(laptop.get("/manage/").get_data(as_text=True))
        laptop.post("/manage/logout", data={"csrf_token": token})
        for n in range(10):  # a botnet: every address tries twice
            bot = app.test_client()
            assert _login(bot, "wrong password!", f"192.0.2.{n}").status_code == 200
        assert _login(app.test_client(), PASSWORD, "192.0.2.200").status_code == 429
        assert _login(laptop, PASSWORD, OWNER).status_code == 302
