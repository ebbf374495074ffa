"""Submitting a page's own form, as a browser would: one parser and one CSRF scraper for all tests.

``submit(client, url, name="…")`` GETs the page, takes the post form that has the fields given
(with every value the page filled in: hidden fields, the CSRF token, selected options, checked
boxes, textareas), changes those fields and posts it to the form's action. A test that submits
this way breaks when the page's form breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from flask import g

CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


@dataclass
class PageForm:
    """A ``<form method="post">`` of a page: where it posts and what a browser would send."""

    action: str | None
    values: list[tuple[str, str]] = field(default_factory=list)

    def names(self) -> set[str]:
        return {name for name, _value in self.values}

    def as_dict(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, value in self.values:
            found.setdefault(name, []).append(value)
        return found


class FormParser(HTMLParser):
    """The post forms of a page with the values a browser would submit from each."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None  # the form being read
        self.select: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.form = PageForm(a.get("action") or None)
            self.forms.append(self.form)
        if self.form is None or "disabled" in a:
            return
        values = self.form.values
        kind = a.get("type", "text").lower()
        if tag == "input" and a.get("name") and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                values.append((a["name"], a.get("value", "on" if kind != "text" else "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            values.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.form is not None:
            text = "".join(self.text).replace("\r\n", "\n")  # as a browser reads it
            self.form.values.append((self.textarea, text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text.append(data)


def page_forms(html: str) -> list[PageForm]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def form_values(html: str, field_name: str) -> dict[str, list[str]]:
    """What a browser submits, unchanged, from the page's post form that has ``field_name``."""
    for form in page_forms(html):
        if field_name in form.names():
            return form.as_dict()
    raise AssertionError(f"no post form with a field {field_name!r}")


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_PATTERN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def _get_page(client, url: str) -> str:
    # The tests' app context outlives requests, and Flask-WTF caches the token in ``g``:
    # forget it so a second client gets a token of its own session.
    g.pop("csrf_token", None)
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return page.get_data(as_text=True)


def page_csrf_token(client, url: str) -> str:
    """The CSRF token of the form on ``url``, in ``client``'s session."""
    return csrf_token(_get_page(client, url))


def post_form(client, url: str, data: dict, **kw: Any):
    """GET the form page, then POST ``data`` (only) with its CSRF token to ``url``."""
    return client.post(url, data={"csrf_token": page_csrf_token(client, url), **data}, **kw)


def submit(client, url: str, *, _kw: dict | None = None, **fields: Any):
    """GET ``url`` and post its form that has the given fields, with those fields changed.

    A value of None removes the field (an unticked box); a list gives a field several values.
    The form posts to its own action (``url`` when it has none)."""
    html = _get_page(client, url)
    wanted = set(fields)
    forms = [f for f in page_forms(html) if wanted <= f.names() or not wanted]
    if not forms:  # a checkbox left unticked is not among the page's values: match loosely
        forms = [f for f in page_forms(html) if wanted & f.names()]
    assert forms, f"no post form on {url} with the fields {sorted(wanted)}"
    form = forms[0]
    data = form.as_dict()
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [str(value)]
    return client.post(form.action or url, data=data, **(_kw or {}))
