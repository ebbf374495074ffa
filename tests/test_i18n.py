"""English and Swedish: complete catalogues, the language choice, error pages, local dates."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from eventapp.core.types import OrganiserRole
from tests.builders import make_event, make_organisation, make_user, stockholm
from tests.conftest import login

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "eventapp" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}")
SWEDISH_HOME = "Kommande evenemang"
ENGLISH_HOME = "Upcoming events"


def _catalog(lang: str) -> Catalog:
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def _messages(catalog: Catalog) -> dict[object, object]:
    """msgid → msgstr of the translated entries, as gettext will see them."""
    found: dict[object, object] = {}
    for m in catalog:
        strings = m.string if isinstance(m.string, (list, tuple)) else [m.string]
        if m.id and any(strings) and not m.fuzzy:
            key = tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
            found[key] = tuple(strings)
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _source_msgids() -> set[tuple[str | None, object]]:
    """Every string marked in eventapp/**.py and templates/**.html|.txt (as babel.cfg says),
    with its context (``pgettext``: the same English word translated two ways)."""
    keywords = {
        **DEFAULT_KEYWORDS,
        "_l": None,
        "lazy_gettext": None,
        "lazy_pgettext": ((1, "c"), 2),
    }
    method_map = [
        ("eventapp/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    options = {"templates/**.html": {"extensions": "jinja2.ext.do"}}
    options["templates/**.txt"] = options["templates/**.html"]

    def wanted(dirname: str) -> bool:
        resolved = Path(dirname).resolve()
        if not resolved.is_relative_to(ROOT):
            return False  # a symlink out of the tree (a worktree's node_modules)
        relative = resolved.relative_to(ROOT).parts
        return not relative or relative[0] in {"eventapp", "templates"}

    found = extract_from_dir(str(ROOT), method_map, options, keywords, directory_filter=wanted)
    return {(context, msgid) for _file, _line, msgid, _comments, context in found if msgid}


def test_every_marked_string_is_in_the_swedish_catalogue():
    missing = _source_msgids() - {(m.context, m.id) for m in _catalog("sv") if m.id}
    assert not missing, f"run scripts/translations and translate: {sorted(map(str, missing))}"


def test_every_swedish_message_is_translated_with_the_same_placeholders():
    catalog = _catalog("sv")
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    entries = [m for m in catalog if m.id]
    assert len(entries) > 800
    for m in entries:
        assert not m.fuzzy, m.id
        if m.pluralizable:
            singular, plural = m.string
            assert singular.strip() and plural.strip(), m.id
            assert _placeholders(plural) == _placeholders(m.id[1]), m.id
            assert set(_placeholders(singular)) <= set(PLACEHOLDER.findall("".join(m.id))), m.id
            continue
        assert m.string.strip(), f"untranslated: {m.id!r}"
        assert _placeholders(m.string) == _placeholders(m.id), m.id
        assert m.string[:1].isspace() == m.id[:1].isspace(), m.id
        assert m.string[-1:].isspace() == m.id[-1:].isspace(), m.id
        assert re.findall(r"</?\w+", m.string) == re.findall(r"</?\w+", m.id), m.id


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_committed_mo_files_match_their_po_sources(lang):
    catalog = _catalog(lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    fresh = _messages(read_mo(buffer))
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as f:
        committed = _messages(read_mo(f))
    assert committed == fresh, "run scripts/translations to compile the catalogues"
    if lang == "sv":
        assert committed == _messages(catalog)


def test_lang_parameter_gives_swedish_and_is_remembered_in_a_cookie(client):
    response = client.get("/?lang=sv")
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert SWEDISH_HOME in html and "Hoppa till innehållet" in html
    assert "lang=sv" in response.headers["Set-Cookie"]

    again = client.get("/").get_data(as_text=True)
    assert '<html lang="sv">' in again and SWEDISH_HOME in again

    back = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in back and ENGLISH_HOME in back
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("accept", "lang", "text"),
    [
        ("sv-SE,sv;q=0.9,en;q=0.5", "sv", SWEDISH_HOME),
        ("en", "en", ENGLISH_HOME),
        ("de-DE,fr;q=0.8", "en", ENGLISH_HOME),
    ],
)
def test_browser_language_chooses_when_nothing_else_does(client, accept, lang, text):
    response = client.get("/", headers={"Accept-Language": accept})
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and text in html
    assert "Set-Cookie" not in response.headers
    assert "Accept-Language" in response.headers["Vary"]


def test_unknown_lang_parameter_is_ignored(client):
    response = client.get("/?lang=xx", headers={"Accept-Language": "sv"})
    assert '<html lang="sv">' in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    assert '<html lang="en">' in client.get("/?lang=xx").get_data(as_text=True)


def test_cookie_wins_over_browser_language_and_lang_over_cookie(client):
    client.set_cookie("lang", "sv")
    assert SWEDISH_HOME in client.get("/", headers={"Accept-Language": "en"}).text
    assert ENGLISH_HOME in client.get("/?lang=en", headers={"Accept-Language": "sv"}).text


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [
        ("en", "Page not found", "There is nothing at this address."),
        ("sv", "Sidan hittades inte", "Det finns ingenting på den här adressen."),
    ],
)
def test_not_found_page_speaks_both_languages(client, lang, title, message):
    response = client.get(f"/no/such/page?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html and title in html and message in html


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [
        ("en", "Not allowed", "You may not manage this event."),
        ("sv", "Inte tillåtet", "Du får inte hantera det här evenemanget."),
    ],
)
def test_forbidden_page_speaks_both_languages(db, client, lang, title, message):
    mine, theirs = make_organisation(), make_organisation()
    event = make_event(organisers=[theirs], role=OrganiserRole.HOST)
    login(client, make_user(organisations=[mine]))
    db.session.commit()  # the error handler rolls back the request's session
    response = client.get(f"/manage/events/{event.slug}/?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert f'<html lang="{lang}">' in html and title in html and message in html


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [
        ("en", "Something went wrong", "An unexpected error occurred."),
        ("sv", "Något gick fel", "Ett oväntat fel inträffade."),
    ],
)
def test_server_error_page_speaks_both_languages(make_app, lang, title, message):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken() -> str:
        raise RuntimeError("boom")

    app.add_url_rule("/broken", "broken", broken)
    response = app.test_client().get(f"/broken?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html and title in html and message in html
    assert "boom" not in html


def test_dates_follow_the_reader_language(app, client):
    event = make_event(
        "Winter symposium",
        starts_at=stockholm(2031, 1, 22, 9, 0),
        ends_at=stockholm(2031, 1, 22, 16, 30),
    )
    swedish = client.get(f"/events/{event.slug}/?lang=sv").get_data(as_text=True)
    english = client.get(f"/events/{event.slug}/?lang=en").get_data(as_text=True)
    assert "januari" in swedish and "onsdag" in swedish and "January" not in swedish
    assert "January" in english and "Wednesday" in english and "januari" not in english
    assert "Tid och plats" in swedish or "Datum" in swedish


def test_language_switch_keeps_the_page_and_its_query(app, client):
    html = client.get("/events/?kind=workshop&lang=sv").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" lang="en" hreflang="en">English</a>', html)
    assert links
    link = links[0].replace("&amp;", "&")
    assert link.startswith("/events/?") and "kind=workshop" in link and "lang=en" in link
    assert "lang=sv" not in link
    assert '<html lang="en">' in client.get(link).get_data(as_text=True)


def test_a_cancelled_registration_and_a_cancelled_event_are_named_apart(app):
    """One English word, two Swedish ones: message contexts keep them apart."""
    from flask import g, render_template_string

    names = (
        '{{ "cancelled"|registration_status_label }} · {{ "cancelled"|event_status_label }} · '
        '{{ pgettext("one series", "Series") }} · {{ _("Series") }}'
    )
    with app.test_request_context("/?lang=sv"):
        assert render_template_string(names) == "Avbokad · Inställt · Serie · Serier"
    g.__dict__.clear()  # the test's app context outlives the request: forget its language
    with app.test_request_context("/?lang=en"):
        assert render_template_string(names) == "Cancelled · Cancelled · Series · Series"


def test_templates_and_current_language_follow_force_locale_inside_a_request(app):
    """The held translations (``request_translations``) and the locale read from Flask-Babel's
    state follow ``force_locale``, as an e-mail written in the reader's language needs."""
    from flask import render_template_string
    from flask_babel import force_locale

    from eventapp.core.i18n import current_language

    source = (
        "{{ _('Upcoming events') }}|{{ _('Starts %(time)s on %(date)s', time='<9>', date='1') }}"
    )
    with app.test_request_context("/?lang=sv"):
        assert current_language() == "sv"
        swedish = render_template_string(source)
        with force_locale("en"):
            assert current_language() == "en"
            assert render_template_string(source).startswith(ENGLISH_HOME + "|Starts &lt;9&gt;")
        assert current_language() == "sv"
        assert render_template_string(source) == swedish
        assert swedish.startswith(SWEDISH_HOME + "|") and "&lt;9&gt;" in swedish


def test_translated_text_is_escaped_in_html_and_not_in_text(app):
    from flask import render_template_string

    source = "{{ _('Upcoming events') }}:{{ _('Times are local time in %(zone)s.', zone='<b>') }}"
    with app.test_request_context("/?lang=en"):
        html = render_template_string(source)
        text = render_template_string("{% autoescape false %}" + source + "{% endautoescape %}")
        again = render_template_string(source)
    assert html == again == "Upcoming events:Times are local time in &lt;b&gt;."
    assert text == "Upcoming events:Times are local time in <b>."


def test_gettext_and_lazy_texts_read_the_held_catalogue_and_follow_force_locale(app):
    from flask_babel import force_locale, get_domain, gettext, lazy_gettext

    from eventapp.core.i18n import HeldDomain

    lazy = lazy_gettext("Upcoming events")
    with app.test_request_context("/?lang=sv"):
        assert isinstance(get_domain(), HeldDomain)
        assert gettext("Upcoming events") == str(lazy) == SWEDISH_HOME
        with force_locale("en"):
            assert gettext("Upcoming events") == str(lazy) == ENGLISH_HOME
        assert str(lazy) == SWEDISH_HOME
