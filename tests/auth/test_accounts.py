"""Password change, reset by e-mail, invitations by site administrators, create-admin."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from eventapp.auth import tokens
from eventapp.auth.models import User
from eventapp.auth.passwords import verify_password
from eventapp.mail.models import OutboxMessage
from tests.auth.conftest import PASSWORD
from tests.builders import make_organisation, make_user
from tests.conftest import login
from tests.manage.conftest import csrf_token as _csrf
from tests.manage.conftest import post_form


def _link_in_outbox(db, kind: str) -> str:
    message = db.session.execute(
        select(OutboxMessage).where(OutboxMessage.kind == kind)
    ).scalar_one()
    match = re.search(r"http://eventapp\.test(/manage/\S+)", message.body_text)
    assert match, message.body_text
    return match.group(1)


def test_password_change_needs_the_current_password(client, db, organiser):
    login(client, organiser)
    wrong = post_form(
        client,
        "/manage/account",
        {"current_password": "nope", "new_password": "x" * 12, "repeat_password": "x" * 12},
    )
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    response = post_form(
        client,
        "/manage/account",
        {
            "current_password": PASSWORD,
            "new_password": "a new long password",
            "repeat_password": "a new long password",
        },
    )
    assert response.status_code == 302
    db.session.refresh(organiser)
    assert verify_password(organiser.password_hash, "a new long password")
    assert organiser.password_changed_at is not None


def test_short_or_mismatched_new_password_is_refused_on_the_field(client, db, organiser):
    login(client, organiser)
    page = post_form(
        client,
        "/manage/account",
        {"current_password": PASSWORD, "new_password": "short", "repeat_password": "other"},
    ).get_data(as_text=True)
    assert "Field must be between 10 and 200 characters long." in page
    assert "The passwords differ." in page
    db.session.refresh(organiser)
    assert verify_password(organiser.password_hash, PASSWORD)


def test_password_reset_link_arrives_through_the_outbox_and_works_once(client, db, organiser):
    response = post_form(client, "/manage/reset", {"email": "ANNA@example.org"})
    assert response.status_code == 302
    link = _link_in_outbox(db, "password_reset")
    new = {"new_password": "reset long password", "repeat_password": "reset long password"}
    assert post_form(client, link, new).status_code == 302
    db.session.refresh(organiser)
    assert verify_password(organiser.password_hash, "reset long password")
    # The same link again: it says so before a password is typed, and a post changes nothing.
    opened = client.get(link)
    assert opened.status_code == 302 and opened.headers["Location"] == "/manage/reset"
    page = client.get("/manage/reset").get_data(as_text=True)
    assert "This link is invalid, expired or already used." in page
    fields = {"new_password": "y" * 12, "repeat_password": "y" * 12, "csrf_token": _csrf(page)}
    again = client.post(link, data=fields)
    assert again.headers["Location"] == "/manage/reset"
    db.session.refresh(organiser)
    assert verify_password(organiser.password_hash, "reset long password")


def test_an_invitation_link_that_no_longer_works_says_so_before_a_password_is_typed(
    client, db, organiser
):
    token = tokens.make_token(organiser, tokens.INVITATION_SALT)
    link = f"/manage/invitation/{token}"
    assert client.get(link).status_code == 200  # a working link: the form
    for broken in (link + "x", f"/manage/invitation/{tokens.make_token(organiser, 'other')}"):
        opened = client.get(broken)
        assert opened.status_code == 302 and opened.headers["Location"] == "/manage/login"
        page = client.get("/manage/login").get_data(as_text=True)
        assert "This invitation is invalid, expired or already used." in page


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = post_form(client, "/manage/reset", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert db.session.execute(select(OutboxMessage)).first() is None


def test_reset_token_expires_and_cannot_be_forged(app, db, organiser, monkeypatch):
    token = tokens.make_token(organiser, tokens.RESET_SALT)
    assert tokens.read_token(token, tokens.RESET_SALT, tokens.RESET_MAX_AGE) == organiser
    assert tokens.read_token(token + "x", tokens.RESET_SALT, tokens.RESET_MAX_AGE) is None
    assert tokens.read_token(token, tokens.INVITATION_SALT, 3600) is None
    later = time.time() + tokens.RESET_MAX_AGE + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert tokens.read_token(token, tokens.RESET_SALT, tokens.RESET_MAX_AGE) is None


def test_site_admin_invites_an_organiser_who_then_chooses_a_password(client, db):
    admin = make_user("admin@example.org", site_admin=True)
    ki = make_organisation("Karolinska Institutet")
    sh = make_organisation("Södertörn University")
    db.session.commit()
    login(client, admin)
    response = post_form(
        client,
        "/manage/users/",
        {
            "email": "New.Organiser@example.org",
            "display_name": "Nina",
            "organisations": [str(ki.id), str(sh.id)],
        },
    )
    assert response.status_code == 302
    user = db.session.execute(
        select(User).where(User.email == "new.organiser@example.org")
    ).scalar_one()
    assert {o.name for o in user.organisations} == {"Karolinska Institutet", "Södertörn University"}
    assert user.password_hash is None and not user.is_site_admin
    link = _link_in_outbox(db, "invitation")
    client.post("/manage/logout", data={})  # CSRF-less: refused, admin stays logged in
    visitor = client.application.test_client()
    accepted = post_form(
        visitor,
        link,
        {
            "display_name": "Nina N",
            "new_password": "nina long pass",
            "repeat_password": "nina long pass",
        },
    )
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[-2500:]
    assert visitor.get("/manage/").status_code == 200
    db.session.refresh(user)
    assert user.display_name == "Nina N"
    assert verify_password(user.password_hash, "nina long pass")


def test_invitation_needs_an_organisation_or_admin_rights(client, db):
    admin = make_user("admin@example.org", site_admin=True)
    db.session.commit()
    login(client, admin)
    page = post_form(client, "/manage/users/", {"email": "x@example.org"})
    assert "Choose at least one organisation." in page.get_data(as_text=True)
    assert db.session.execute(select(User).where(User.email == "x@example.org")).first() is None


def test_only_site_admins_see_and_change_users(client, db, organiser):
    login(client, organiser)
    assert client.get("/manage/users/").status_code == 403
    assert client.get(f"/manage/users/{organiser.id}").status_code == 403


def test_site_admin_attaches_a_user_to_organisations(client, db, organiser):
    admin = make_user("admin@example.org", site_admin=True)
    extra = make_organisation("Region Stockholm")
    db.session.commit()
    login(client, admin)
    response = post_form(
        client, f"/manage/users/{organiser.id}", {"organisations": [str(extra.id)]}
    )
    assert response.status_code == 302
    db.session.refresh(organiser)
    assert [o.name for o in organiser.organisations] == ["Region Stockholm"]


def test_create_admin_reads_the_password_from_stdin(runner, db):
    result = runner.invoke(args=["create-admin", "Boss@Example.org"], input="a long admin pass\n")
    assert result.exit_code == 0, result.output
    user = db.session.execute(select(User).where(User.email == "boss@example.org")).scalar_one()
    assert user.is_site_admin
    assert verify_password(user.password_hash, "a long admin pass")


def test_create_admin_refuses_a_short_password(runner, db):
    result = runner.invoke(args=["create-admin", "boss@example.org"], input="short\n")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert db.session.execute(select(User)).first() is None


ORGANISATIONS = ["KTH", "Karolinska Institutet", "Örebro universitet", "Åbo Akademi",
                 "Umeå universitet", "Arbetsförmedlingen", "Ängelholms kommun"]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["Arbetsförmedlingen", "Karolinska Institutet", "KTH", "Umeå universitet",
                "Åbo Akademi", "Ängelholms kommun", "Örebro universitet"]),
        ("en", ["Åbo Akademi", "Ängelholms kommun", "Arbetsförmedlingen",
                "Karolinska Institutet", "KTH", "Örebro universitet", "Umeå universitet"]),
    ],
)  # fmt: skip
def test_invitation_lists_organisations_as_ticks_sorted_as_the_language_sorts(
    client, db, lang, expected
):
    """A bare multi-select of 41 entries sorted "KTH" before "Karolinska"."""
    admin = make_user("admin@example.org", site_admin=True)
    for name in ORGANISATIONS:
        make_organisation(name)
    db.session.commit()
    login(client, admin)
    page = client.get(f"/manage/users/?lang={lang}").get_data(as_text=True)
    fieldset = re.search(r'<fieldset class="field checklist"[^>]*>(.*?)</fieldset>', page, re.S)
    assert fieldset and 'data-filter="' in page
    assert re.findall(r'<label for="organisations-\d+">([^<]*)</label>', fieldset.group(1)) == (
        expected
    )
    assert 'type="checkbox"' in fieldset.group(1) and "<select" not in fieldset.group(1)
