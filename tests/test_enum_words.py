"""No raw enumeration value ("waitlisted", "co_organiser", "participant") reaches a page as a
word for people, and on Swedish pages no English label of one is left untranslated.

Seen as a new user: raw keys in the registrations filters and table and the door search,
"Confirmed / Waiting list / Awaiting approval / Cancelled" in English on Swedish manage pages,
roles lower case on organisation pages and capitalised on event pages.
"""

from __future__ import annotations

import re
from enum import StrEnum

import pytest
from flask_babel import force_locale

from eventapp.core import types
from eventapp.core.types import (
    OrganiserRole,
    RegistrationCategory,
    RegistrationStatus,
    SessionKind,
    SpeakerRole,
)
from eventapp.directory.labels import ROLES
from eventapp.events.labels import ORGANISER_ROLES, SESSION_KINDS
from eventapp.events.models import EventOrganiser
from eventapp.extensions import db
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_session,
    make_user,
)
from tests.conftest import login

ENUMS = [
    value
    for value in vars(types).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]
RAW = {member.value for enum in ENUMS for member in enum}
SEGMENT = re.compile(r">\s*([^<>]+?)\s*<")


def _segments(html: str) -> list[str]:
    """The texts between tags of the page's body (scripts and styles have none of ours)."""
    body = html[html.index("<body") :]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    return [m.group(1) for m in SEGMENT.finditer(body)]


def _english_labels() -> set[str]:
    """The English labels whose Swedish differs (those must not stay English on /sv pages)."""
    tables = [CATEGORY_LABELS, STATUS_LABELS, ORGANISER_ROLES, SESSION_KINDS, ROLES]
    labels = {}
    for table in tables:
        for label in table.values():
            with force_locale("en"):
                english = str(label)
            with force_locale("sv"):
                swedish = str(label)
            if english != swedish:
                labels[english] = swedish
    return set(labels)


@pytest.fixture
def world(app, db):
    """An event with a registration of every status and category, every organiser role and
    a session of each kind with each speaker role; an organiser to look at it."""
    ki, kth = make_organisation("Karolinska Institutet", slug="ki"), make_organisation("KTH")
    partner = make_organisation("CCRM Nordic", slug="ccrm")
    event = make_event(
        "Campus Data Days 2027",
        slug="cdd-2027",
        organisers=[ki],
        capacity=40,
        registration_categories=[c.value for c in RegistrationCategory],
    )
    for position, (organisation, role) in enumerate(
        [(kth, OrganiserRole.CO_ORGANISER), (partner, OrganiserRole.PARTNER)], start=1
    ):
        event.organisers.append(
            EventOrganiser(organisation=organisation, role=role, position=position)
        )
    person = make_person("Åsa Öberg", slug="asa-oberg", affiliation=ki)
    for n, kind in enumerate(SessionKind):
        role = list(SpeakerRole)[n % len(SpeakerRole)]
        make_session(event, f"Punkt {n}", kind=kind, speakers=[person], speaker_role=role)
    for n, (status, category) in enumerate(
        zip(
            list(RegistrationStatus) * 2,
            list(RegistrationCategory) * 3,
            strict=False,
        )
    ):
        make_registration(event, f"Deltagare {n}", status=status, category=category)
    db.session.commit()
    return event, make_user(organisations=[ki])


def _pages(client, event) -> dict[str, str]:
    slug = event.slug
    paths = [
        f"/events/{slug}/",
        "/organisations/ki/",
        "/organisations/ccrm/",
        "/people/asa-oberg/",
        "/manage/",
        f"/manage/events/{slug}/",
        f"/manage/events/{slug}/registrations",
        f"/manage/events/{slug}/timetable",
        f"/manage/events/{slug}/checkin?q=Deltagare",
    ]
    return {path: client.get(path).get_data(as_text=True) for path in paths}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_no_raw_enum_value_is_shown_as_a_word(client, world, lang):
    event, organiser = world
    login(client, organiser)
    db.session.commit()
    client.get(f"/?lang={lang}")  # the language is remembered in a cookie
    english = _english_labels() if lang == "sv" else set()
    for path, html in _pages(client, event).items():
        assert f'<html lang="{lang}"' in html, path
        segments = _segments(html)
        raw = sorted({s for s in segments if s in RAW})
        assert raw == [], (path, raw)
        left_english = sorted({s for s in segments if s in english})
        assert left_english == [], (path, left_english)


def test_door_search_json_gives_the_status_in_words(client, world):
    event, organiser = world
    login(client, organiser)
    db.session.commit()
    results = client.get(
        f"/manage/events/{event.slug}/checkin/search?q=Deltagare&lang=sv"
    ).get_json()["results"]
    waiting = next(r for r in results if r["status"] == "waitlisted")
    assert waiting["status_label"] == "Väntelista"


def test_swedish_words_a_swede_would_write(client, world):
    """ "Annullera" beside "Avbokad" is gone, and a role reads the same on the organisation
    page as on the event page (lower case there, capitalised here)."""
    event, organiser = world
    client.get("/?lang=sv")
    event_page = client.get(f"/events/{event.slug}/").get_data(as_text=True)
    organisation_page = client.get("/organisations/ccrm/").get_data(as_text=True)
    assert "(Partner)" in event_page and "· Partner" in organisation_page
    assert "· Värd" in client.get("/organisations/ki/").get_data(as_text=True)
    login(client, organiser)
    db.session.commit()
    listing = client.get(f"/manage/events/{event.slug}/registrations").get_data(as_text=True)
    assert ">Avboka</button>" in listing and "Annullera" not in listing


def test_the_registration_form_says_ogiltig_e_postadress(client, world):
    """WTForms' own Swedish was "Felaktig epost-adress."."""
    from tests.registration.conftest import register

    event, _organiser = world
    client.get("/?lang=sv")
    html = register(client, event, email="inte-en-adress").get_data(as_text=True)
    assert "Ogiltig e-postadress." in html and "Felaktig epost-adress" not in html


def test_swedish_pages_show_no_text_left_in_english(client, world):
    """Any text of a Swedish page that is a message of ours is shown in its Swedish."""
    from babel.messages.pofile import read_po

    from eventapp.config import PROJECT_ROOT

    catalogue = PROJECT_ROOT / "eventapp/translations/sv/LC_MESSAGES/messages.po"
    with catalogue.open("rb") as po:
        english = {m.id for m in read_po(po) if isinstance(m.id, str) and m.string != m.id}
    english.discard("English")  # the language switch names English in English
    event, organiser = world
    login(client, organiser)
    db.session.commit()
    client.get("/?lang=sv")
    for path, html in _pages(client, event).items():
        assert sorted({s for s in _segments(html) if s in english}) == [], path
