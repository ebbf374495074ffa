"""The back office at 1280 px on the demo content: no word broken inside a table cell's word,
required marks beside their labels, nothing scrolling sideways.

Seen as a new user: "Confirm/ed", "Publish/ed" and "09:0 0" broke in the middle of the word in
the tables (``overflow-wrap: anywhere`` on the body lets a cell shrink below its words), and the
required asterisk of a field sat on a line of its own.
"""

from __future__ import annotations

import pytest

from tests.browser import test_quality
from tests.browser.test_quality import open_context

demo_site = test_quality.demo_site  # the module-wide demo site and its logged-in cookies
organiser_state = test_quality.organiser_state

# Each word of each table header and cell (hyphenated parts apart), as the browser laid it out:
# a word whose range has client rectangles on more than one line was broken inside it.
BROKEN_WORDS_JS = """() => {
  const broken = [];
  document.querySelectorAll('main th, main td').forEach((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\-\u2010]+/g;  // a break after a hyphen is no broken word
      let match;
      while ((match = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(cell.tagName + ': ' + match[0]);
      }
    }
  });
  return broken;
}"""

# Required marks not on the line where the text before them (their label's) ends.
LONELY_MARKS_JS = """() => [...document.querySelectorAll('main .required')].filter((mark) => {
  const range = document.createRange();
  range.selectNodeContents(mark.parentElement);
  range.setEndBefore(mark);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0);
  if (!rects.length) return true;
  const last = rects[rects.length - 1];
  return Math.abs(mark.getBoundingClientRect().top - last.top) > 4;
}).map((mark) => mark.parentElement.textContent.trim().slice(0, 40))"""


def _pages(site) -> list[str]:
    event = next(p for p in site.pages if p.name == "manage-event").path  # /manage/events/x/
    return [
        "/manage/",
        event,
        event + "edit",
        event + "registrations",
        event + "timetable",
        event + "sessions/new",
        "/manage/venues/new",
    ]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_back_office_tables_break_no_word_and_marks_sit_by_their_labels(
    browser, demo_site, organiser_state, lang
):
    context = open_context(browser, organiser_state, True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    try:
        for path in _pages(demo_site):
            response = page.goto(f"{demo_site.url}{path}?lang={lang}")
            found[path] = (
                response.status,
                page.evaluate(BROKEN_WORDS_JS),
                page.evaluate(LONELY_MARKS_JS),
                page.evaluate("document.documentElement.scrollWidth"),
            )
    finally:
        context.close()
    for path, (status, broken, lonely, width) in found.items():
        assert status == 200, path
        assert broken == [], (path, broken)
        assert lonely == [], (path, lonely)
        assert width <= 1280, (path, width)


def test_invitation_organisation_list_is_searchable_accents_and_case_ignored(
    browser, demo_site, organiser_state
):
    context = open_context(browser, organiser_state, True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{demo_site.url}/manage/users/")
        checklist = page.locator("fieldset.checklist")
        everyone = checklist.locator(".field-check:visible").count()
        assert everyone > 20
        box = page.get_by_label("Find an organisation")
        box.fill("KAROLINSKA")
        shown = checklist.locator(".field-check:visible label").all_inner_texts()
        assert shown and all("Karolinska" in name for name in shown), shown
        box.fill("sodertorn")
        shown = checklist.locator(".field-check:visible label").all_inner_texts()
        assert shown and all("Södertörn" in name for name in shown), shown
        checklist.locator(".field-check:visible input").first.check()
        box.fill("")
        assert checklist.locator(".field-check:visible").count() == everyone
    finally:
        context.close()


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("name", ["users", "preview", "next-edition"])
def test_new_back_office_pages_have_no_serious_axe_violation(
    browser, demo_site, organiser_state, name, lang
):
    target = next(p for p in test_quality.back_office_forms(demo_site) if p.name == name)
    context = open_context(
        browser,
        organiser_state,
        True,
        locale=test_quality.BROWSER_LOCALES[lang],
        bypass_csp=True,  # only so that axe's own script may be injected
        viewport={"width": 1280, "height": 900},
    )
    try:
        page = context.new_page()
        assert page.goto(demo_site.url + target.path).status == 200
        assert page.locator("html").get_attribute("lang") == lang
        page.add_script_tag(path=str(test_quality.AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    blocking = [v["id"] for v in results["violations"] if v["impact"] in test_quality.BLOCKING]
    assert blocking == [], (target.path, blocking)
