"""Every main page, on the demo content: axe-core, the Nu HTML Checker, 375 px, keyboard only.

One demo site (the demo content loaded once, served by one live server) for the whole module.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from eventapp import config, create_app
from eventapp.blog.models import BlogPost
from eventapp.events.models import Event
from eventapp.extensions import db
from tests.browser.screenshots import DESKTOP, PHONE, MainPage, capture, load_demo_site, log_in
from tests.browser_support import LiveServer
from tests.conftest import PG_BASE_URL, _truncate_all
from tests.helpers.words import BROWSER_LOCALES

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BLOCKING = ("serious", "critical")

# What a keyboard user can reach: links, buttons, fields and summaries that are rendered.
FOCUSABLE_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const found = [];
  document.querySelectorAll(selector).forEach((el, index) => {
    if (el.disabled || el.getAttribute('tabindex') === '-1') return;
    if (el.closest('[inert], [aria-hidden=true]')) return;
    if (!el.checkVisibility({visibilityProperty: true})) return;
    if (el.tagName !== 'SUMMARY' && el.closest('details:not([open])')
        && !el.closest('summary')) return;
    // A radio group is one tab stop (its checked radio, else its first); arrows move within.
    if (el.type === 'radio') {
      const scope = el.form || document;
      const group = Array.from(scope.querySelectorAll('input[type=radio]'))
        .filter(r => r.name === el.name);
      if (el !== (group.find(r => r.checked) || group[0])) return;
    }
    el.dataset.kbd = String(index);
    found.push(String(index));
  });
  return found;
}"""


@dataclass
class DemoSite:
    url: str
    pages: list[MainPage]
    app: object


@pytest.fixture(scope="module")
def demo_site(database_template: str, tmp_path_factory) -> Iterator[DemoSite]:
    """The demo content on its own database, served for the whole module."""
    tmp = tmp_path_factory.mktemp("demo-site")
    if PG_BASE_URL:
        url = database_template
    else:
        shutil.copyfile(database_template, tmp / "demo.sqlite3")
        url = f"sqlite:///{tmp / 'demo.sqlite3'}"
    app = create_app(
        config.TestConfig(
            url, INSTANCE_PATH=tmp / "instance", UPLOAD_FOLDER=tmp / "up", MAIL_FOLDER=tmp / "m"
        )
    )
    with app.app_context():
        pages = load_demo_site()
        with LiveServer(app) as server:
            yield DemoSite(server.url, pages, app)
        db.session.remove()
        if PG_BASE_URL:
            _truncate_all()
        db.engine.dispose()


@pytest.fixture(scope="module")
def organiser_state(browser, demo_site) -> dict:
    """Cookies of a logged-in site administrator, logged in once through the form."""
    context = browser.new_context()
    log_in(context, demo_site.url)
    state = context.storage_state()
    context.close()
    return state


def open_context(browser, organiser_state, manage: bool, locale: str = "en-GB", **options):
    state = organiser_state if manage else None
    return browser.new_context(locale=locale, storage_state=state, **options)


PAGE_NAMES = [
    "home",
    "events",
    "event",
    "register",
    "participant",
    "blog",
    "post",
    "login",
    "manage-event",
    "checkin",
    "timetable",
]


def main_page(site: DemoSite, name: str) -> MainPage:
    return next(p for p in site.pages if p.name == name)


def test_the_main_pages_are_the_ones_named_in_the_issue(demo_site):
    assert [p.name for p in demo_site.pages] == PAGE_NAMES


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("lang", sorted(BROWSER_LOCALES))
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_finds_no_serious_or_critical_violation(
    browser, demo_site, organiser_state, name, lang
):
    target = main_page(demo_site, name)
    # axe is injected as a script of its own: the strict CSP would refuse it, so only this
    # context bypasses CSP (the pages' own CSP is tested elsewhere).
    context = open_context(
        browser,
        organiser_state,
        target.manage,
        locale=BROWSER_LOCALES[lang],
        bypass_csp=True,
        viewport=DESKTOP,
    )
    try:
        page = context.new_page()
        response = page.goto(demo_site.url + target.path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]
    assert blocking == [], f"{target.path}:\n" + "\n".join(blocking)


def back_office_forms(site: DemoSite) -> list[MainPage]:
    """More pages with several forms each (where repeated ids and odd selects hide)."""
    slug = main_page(site, "event").path.split("/")[2]
    event = db.session.scalars(select(Event).where(Event.slug == slug)).one()
    post = db.session.scalars(select(BlogPost).order_by(BlogPost.id)).first()
    session_id = min(s.id for s in event.sessions)
    return [
        MainPage("cancel", main_page(site, "participant").path + "cancel"),
        MainPage("registrations", f"/manage/events/{slug}/registrations", manage=True),
        MainPage("badges", f"/manage/events/{slug}/badges", manage=True),
        MainPage("door", f"/manage/events/{slug}/checkin?door=1", manage=True),
        MainPage("event-form", f"/manage/events/{slug}/edit", manage=True),
        MainPage("session-form", f"/manage/events/{slug}/sessions/{session_id}", manage=True),
        MainPage("blog-editor", f"/manage/blog/{post.id}/edit", manage=True),
        MainPage("users", "/manage/users/", manage=True),
        MainPage("preview", f"/manage/events/{slug}/preview", manage=True),
        MainPage("next-edition", f"/manage/events/{slug}/clone", manage=True),
        MainPage("api-docs", "/api/v1/docs"),
        MainPage("embed-events", "/embed/events/"),
        MainPage("embed-event-sv", f"/embed/events/{slug}/?lang=sv"),
    ]


@pytest.mark.needs("java", "vnu-jar")
def test_nu_html_checker_finds_no_error_on_any_main_page_in_either_language(
    browser, demo_site, organiser_state, tmp_path
):
    files: dict[str, str] = {}  # file name -> page path
    in_swedish = [MainPage(f"{p.name}-sv", f"{p.path}?lang=sv", p.manage) for p in demo_site.pages]
    for manage in (False, True):
        context = open_context(browser, organiser_state, manage)
        for target in demo_site.pages + in_swedish + back_office_forms(demo_site):
            if target.manage != manage:
                continue
            response = context.request.get(demo_site.url + target.path)
            assert response.status == 200, target.path
            path = tmp_path / f"{target.name}.html"
            path.write_bytes(response.body())
            files[path.name] = target.path
        context.close()
    canary = tmp_path / "canary.html"  # proves the checker runs and its answer is read
    canary.write_text('<!doctype html><html lang="en"><title>x</title><p id="a"><b id="a">x</b>')
    command = ["java", "-jar", str(VNU), "--format", "json", "--stdout"]
    run = subprocess.run(  # one JVM for every page
        [*command, *sorted(tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    canary_errors = [e for e in errors if "canary.html" in e]
    assert len(canary_errors) == 1 and "Duplicate ID" in canary_errors[0], errors
    errors.remove(canary_errors[0])
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_at_375_px_nothing_scrolls_sideways_and_tab_reaches_every_control(
    browser, demo_site, organiser_state, name
):
    target = main_page(demo_site, name)
    context = open_context(
        browser,
        organiser_state,
        target.manage,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = context.new_page()
        page.goto(demo_site.url + target.path)
        overflow = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"{target.path} scrolls sideways: {overflow}"

        wanted = page.evaluate(FOCUSABLE_JS)
        reached: list[str] = []
        for _press in range(len(wanted) + 5):
            page.keyboard.press("Tab")
            key = page.evaluate("() => document.activeElement?.dataset?.kbd ?? null")
            if key is not None and key in reached:
                break  # wrapped around
            if key is not None:
                reached.append(key)
        missing = page.evaluate(
            """(keys) => keys.map(k => {
                 const el = document.querySelector(`[data-kbd="${k}"]`);
                 return el.outerHTML.slice(0, 120);
               })""",
            [k for k in wanted if k not in reached],
        )
    finally:
        context.close()
    assert len(wanted) >= 10, f"{target.path}: only {len(wanted)} controls found"
    assert missing == [], f"{target.path}: Tab never reaches\n" + "\n".join(missing)


def test_screenshots_of_the_main_pages_at_desktop_and_phone_width(
    browser, demo_site, organiser_state, tmp_path
):
    """The README's screenshots come from this code (``python -m tests.browser.screenshots``)."""
    files = capture(browser, demo_site.url, demo_site.pages, tmp_path, organiser_state)
    assert sorted(f.name for f in files) == sorted(
        f"{p.name}-{width}.png" for p in demo_site.pages for width in ("desktop", "phone")
    )
    for path in files:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width == (1280 if path.stem.endswith("desktop") else 2 * 375)
    assert sum(f.stat().st_size for f in files) < 3_000_000


@pytest.mark.needs("axe-core")
def test_axe_as_run_here_does_report_a_missing_label(browser, demo_site):
    """The harness itself: an unlabelled field added to a page is a critical violation."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(demo_site.url + "/")
        page.evaluate("document.querySelector('main').append(document.createElement('input'))")
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    impacts = {v["id"]: v["impact"] for v in results["violations"]}
    assert impacts.get("label") == "critical"
