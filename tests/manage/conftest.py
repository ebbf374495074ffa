"""Fixtures of the back-office tests: two organisations with one organiser each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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


class _FormParser(HTMLParser):
    """The values a browser would submit from each ``<form method="post">`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.values: list[tuple[str, str]] | None = None  # the form being read
        self.select: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.values = []
            self.forms.append(self.values)
        if self.values is None or "disabled" in a:
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and a.get("name") and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                self.values.append((a["name"], a.get("value", "on" if kind != "text" else "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.values.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.values = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.values is not None:
            text = "".join(self.text).replace("\r\n", "\n")  # as a browser reads it
            self.values.append((self.textarea, text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text.append(data)


def form_values(html: str, field: str) -> dict[str, list[str]]:
    """What a browser submits, unchanged, from the page's post form that has ``field``."""
    parser = _FormParser()
    parser.feed(html)
    for values in parser.forms:
        if any(name == field for name, _value in values):
            found: dict[str, list[str]] = {}
            for name, value in values:
                found.setdefault(name, []).append(value)
            return found
    raise AssertionError(f"no post form with a field {field!r}")


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
