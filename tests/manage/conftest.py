"""Fixtures of the back-office tests: two organisations with one organiser each."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import g

from eventapp.auth.models import User
from eventapp.directory.models import Organisation
from tests.builders import make_organisation, make_user
from tests.conftest import login

CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_PATTERN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, **kw):
    """GET the form page, then POST ``data`` with its CSRF token (as a browser would)."""
    # The tests' app context outlives requests, and Flask-WTF caches the token in ``g``:
    # forget it so a second client gets a token of its own session.
    g.pop("csrf_token", None)
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    payload = {"csrf_token": csrf_token(page.get_data(as_text=True)), **data}
    return client.post(url, data=payload, **kw)


@dataclass
class Team:
    organisation: Organisation
    user: User


@pytest.fixture
def ki(db) -> Team:
    org = make_organisation("Karolinska Institutet", short_name="KI", slug="ki")
    user = make_user("ki@example.org", organisations=[org], password="correct horse battery")
    db.session.commit()
    return Team(org, user)


@pytest.fixture
def kth(db) -> Team:
    org = make_organisation("KTH Royal Institute of Technology", short_name="KTH", slug="kth")
    user = make_user("kth@example.org", organisations=[org], password="another long secret")
    db.session.commit()
    return Team(org, user)


@pytest.fixture
def ki_client(client, ki):
    login(client, ki.user)
    return client
