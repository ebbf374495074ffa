"""The demo's past editions have attendance, feedback, materials and certificates, so their
reports and stories show real figures."""

from __future__ import annotations

from sqlalchemy import func, select

from eventapp.certificates.models import Certificate
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.feedback.results import survey_results
from eventapp.feedback.services import get_survey
from eventapp.reports.services import event_report


def test_the_atmp_symposium_of_2025_has_its_figures_feedback_and_materials(demo, client):
    event = db.session.execute(
        select(Event).where(Event.slug == "atmp-mini-symposium-2025")
    ).scalar_one()
    report = event_report(event)
    assert report.counts.attended == 153 and report.organisations > 60
    assert report.sectors >= 4
    results = survey_results(get_survey(event))
    assert results.respondents == 51 and results.questions[0].mean is not None
    certificates = db.session.execute(
        select(func.count()).select_from(Certificate).where(Certificate.event_id == event.id)
    ).scalar_one()
    assert certificates == 153
    page = client.get(f"/events/{event.slug}/").get_data(as_text=True)
    assert "Slides, posters and recordings" in page and "media.example.org" in page
