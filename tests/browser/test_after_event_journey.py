"""The survey and the certificate in a real Chromium: a participant who came answers from their
own page, then downloads their certificate; the pages pass axe and fit 375 px."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from eventapp.certificates.services import issue_certificates
from eventapp.core.db import utcnow
from eventapp.feedback.models import SurveyAnswer
from tests.builders import make_registration
from tests.feedback.conftest import event, make_survey, organisation  # noqa: F401
from tests.helpers.tools import AXE_JS

pytestmark = pytest.mark.browser


def _axe(browser, url: str) -> list[str]:
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    return [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.needs("axe-core")
def test_a_participant_answers_the_survey_and_downloads_the_certificate(
    db,
    live_server,
    browser,
    page,
    phone,
    event,  # noqa: F811
):
    survey = make_survey(event)
    registration = make_registration(event, "Åsa Öberg", checked_in_at=utcnow() - timedelta(days=1))
    db.session.commit()
    own = f"{live_server.url}/r/{registration.secret}/"
    page.goto(own)
    page.click("text=Answer the survey")
    rating, single, multiple, text = survey.questions
    page.check(f"#q{rating.id}-3")  # 4 of 5
    page.check(f"#q{single.id}-0")
    page.check(f"#q{multiple.id}-2")
    page.fill(f"#q{text.id}", "Clear talks, too little time for posters.")
    page.click("button:has-text('Send my answers')")
    page.locator("text=Thank you: your answers are saved.").wait_for()
    assert page.locator(f"#q{rating.id}-3").is_checked()
    db.session.rollback()  # see what the server committed
    assert db.session.query(SurveyAnswer).filter_by(question_id=rating.id).one().rating == 4
    assert _axe(browser, page.url) == []
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    issue_certificates(event)
    db.session.commit()
    page.goto(own)
    link = page.locator("a:has-text('Download your certificate (PDF)')")
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    text_of = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    assert "Åsa Öberg" in text_of and "ATMP mini-symposium" in text_of
    code = text_of.split()[-1]
    page.goto(f"{live_server.url}/certificates/{code}")
    assert page.locator("h2").first.inner_text() == "This certificate is genuine."
    assert "Åsa" not in page.content()
    assert _axe(browser, page.url) == []
