"""What templates may not write: a literal internal URL (``url_for`` builds them, so a route's URL
lives in one place), or a status compared as a string (the enums are template globals,
``eventapp.core.templating.TEMPLATE_CONSTANTS``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventapp.config import PROJECT_ROOT
from eventapp.core.templating import TEMPLATE_CONSTANTS

TEMPLATES = PROJECT_ROOT / "templates"

#: ``href="/events/…"``, ``action='/r/…'``, ``src="/media/…"``, ``absolute_url('/')``: a path
#: written out (``//host`` is another site and allowed).
LITERAL_URL = re.compile(
    r"""\b(?:href|action|formaction|src)\s*=\s*["']/(?!/)|absolute_url\(\s*["']/(?!/)"""
)

#: ``status.value == "pending"``, ``role.value != …``, ``status.value in (…)``, and the same
#: without ``.value``: ``event.status == "cancelled"``.
STRING_STATUS = re.compile(
    r"""\.value\s*(?:==|!=|(?:not\s+)?in\b)"""
    r"""|\.(?:status|role)\s*(?:==|!=|(?:not\s+)?in\s*\()\s*["']"""
)

#: Statuses that are plain strings, not enums (a badge job's JSON file: queued … failed).
PLAIN_STRING_STATUS = frozenset({"badges/job.html"})

#: ``EventStatus.CANCELLED`` and the like, as templates write them.
CONSTANT = re.compile(r"\b([A-Z][A-Za-z]+)\.([A-Z][A-Z_]*)\b")


def _template_lines() -> list[tuple[str, int, str]]:
    lines = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            name = path.relative_to(TEMPLATES).as_posix()
            text = path.read_text(encoding="utf-8")
            lines += [(name, number, line) for number, line in enumerate(text.splitlines(), 1)]
    return lines


LINES = _template_lines()


def _offending(pattern: re.Pattern[str], skip: frozenset[str] = frozenset()) -> list[str]:
    return [
        f"templates/{name}:{number}: {line.strip()}"
        for name, number, line in LINES
        if name not in skip and pattern.search(line)
    ]


def test_there_are_templates_to_check():
    assert len({name for name, _number, _line in LINES}) > 100


def test_no_template_writes_an_internal_url():
    assert _offending(LITERAL_URL) == []


def test_no_template_compares_a_status_as_a_string():
    assert _offending(STRING_STATUS, PLAIN_STRING_STATUS) == []


@pytest.mark.parametrize(
    "line, offends",
    [
        ('<a href="/events/{{ e.slug }}/">', True),
        ("<form action='/manage/logout'>", True),
        ('<img src="/media/{{ image }}">', True),
        ('{{ render_form(form, action="/manage/" ~ slug) }}', True),
        ("{{ absolute_url('/') }}", True),
        ("<a href=\"{{ url_for('events.home') }}\">", False),
        ('<a href="//example.org/">', False),
        ('<a href="https://example.org/">', False),
        ('<a href="#main">', False),
    ],
)
def test_the_url_pattern(line: str, offends: bool):
    assert bool(LITERAL_URL.search(line)) is offends


@pytest.mark.parametrize(
    "line, offends",
    [
        ('{% if registration.status.value == "pending" %}', True),
        ('{% if s.role.value != "speaker" %}', True),
        ('{% if r.status.value in ("pending", "confirmed") %}', True),
        ("{% if event.status == 'cancelled' %}", True),
        ('{% if event.status in ("published", "cancelled") %}', True),
        ("{% if event.status == EventStatus.CANCELLED %}", False),
        ("{% if r.status in ACTIVE_REGISTRATION_STATUSES %}", False),
        ('<span class="badge status-{{ registration.status.value }}">', False),
    ],
)
def test_the_status_pattern(line: str, offends: bool):
    assert bool(STRING_STATUS.search(line)) is offends


def test_every_constant_a_template_names_exists(app):
    """A misspelt member would be undefined, and compare unequal to everything, silently."""
    unknown = []
    for name, number, line in LINES:
        for owner, member in CONSTANT.findall(line):
            if owner not in TEMPLATE_CONSTANTS:
                continue
            if member not in getattr(TEMPLATE_CONSTANTS[owner], "__members__", {}):
                unknown.append(f"templates/{name}:{number}: {owner}.{member}")
    assert unknown == []
    for owner, value in TEMPLATE_CONSTANTS.items():
        assert app.jinja_env.globals[owner] is value


def test_templates_compare_statuses_through_the_enums(app):
    """The globals behave in a template as in Python (StrEnum: equal to the stored string)."""
    template = app.jinja_env.from_string(
        "{{ status == RegistrationStatus.PENDING }} {{ status in ACTIVE_REGISTRATION_STATUSES }}"
    )
    assert template.render(status="pending") == "True True"
    assert template.render(status="rejected") == "False False"


def test_the_templates_folder_is_the_apps(app):
    assert Path(app.template_folder) == TEMPLATES
