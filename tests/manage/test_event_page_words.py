"""The organiser's event page and forms, read as a new user: one heading per thing, words
for people ("Event created", not "event.created:"), no "SEQUENCE 1", no two fields alike."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from eventapp.manage import audit
from eventapp.manage.labels import AUDIT_ACTION_LABELS
from eventapp.registration.manage_views import ACTIONS
from tests.builders import make_event, make_registration

SOURCE = Path(__file__).resolve().parents[2] / "eventapp"


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_event_page_has_one_registrations_heading_and_no_machine_words(ki_client, db, ki, lang):
    event = make_event("Campus Data Days 2027", slug="cdd-2027", organisers=[ki.organisation])
    make_registration(event)
    audit.record(event, ki.user, "event.created", event.title)
    db.session.commit()
    page = ki_client.get(f"/manage/events/cdd-2027/?lang={lang}").get_data(as_text=True)
    headings = Counter(_headings(page))
    assert all(n == 1 for n in headings.values()), headings
    assert "SEQUENCE" not in page and "event.created" not in page
    assert ("Event created" if lang == "en" else "Evenemanget skapat") in page


def test_every_audit_action_the_code_records_has_a_label():
    recorded = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        recorded |= set(re.findall(r'\b(?:record|_move)\([^()"]*"([a-z_]+\.[a-z_]+)"', text))
    recorded |= {f"registration.{action}" for action in ACTIONS}
    assert {"event.created", "event.published", "checkin.undo"} <= recorded  # the search works
    assert recorded - AUDIT_ACTION_LABELS.keys() == set()


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize(
    "path", ["/manage/venues/new", "/manage/events/new", "/manage/events/cdd-2027/edit"]
)
def test_no_form_has_two_fields_labelled_alike(ki_client, db, ki, path, lang):
    """The venue form had two fields labelled "Address" (the slug's and the street's)."""
    make_event("Campus Data Days 2027", slug="cdd-2027", organisers=[ki.organisation])
    db.session.commit()
    page = ki_client.get(f"{path}?lang={lang}").get_data(as_text=True)
    labels = [  # a repeated row's fields ("organisers-0-role", "organisers-1-role") apart
        re.sub(r"<[^>]+>|\*", "", label).strip()
        for target, label in re.findall(r'<label for="([^"]*)"[^>]*>(.*?)</label>', page, re.S)
        if not re.search(r"-\d+-", target)
    ]
    assert labels and [k for k, n in Counter(labels).items() if n > 1] == []
