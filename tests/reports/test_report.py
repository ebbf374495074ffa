"""The funder report: counts by status, organisation (free text matched to the directory) and
sector, sessions, feedback; the same after a purge; page with labelled SVG, CSV and PDF."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

from pypdf import PdfReader

from eventapp.core.db import utcnow
from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.feedback import services as feedback
from eventapp.registration.models import RegistrationChoice
from eventapp.registration.privacy import anonymise, purge_personal_data
from eventapp.registration.services import erase_my_data
from eventapp.reports.services import event_report, series_report
from tests.builders import make_event, make_registration, make_series
from tests.feedback.conftest import make_survey

SVG = "{http://www.w3.org/2000/svg}"


def _people(event, directory):
    """Eleven registrations: who came, from where, and who did not."""
    came = utcnow() - timedelta(days=1)
    rows = [
        dict(organisation=directory["ki"], checked_in_at=came),
        dict(organisation=directory["ki"], checked_in_at=came),
        dict(affiliation="KI", checked_in_at=came),  # a short name, matched
        dict(affiliation="karolinska  university hospital", checked_in_at=came),  # case, spaces
        dict(organisation=directory["department"], checked_in_at=came),  # counts as a region
        dict(affiliation="Cellcoin AB"),  # confirmed, did not come
        dict(affiliation="Uppsala universitet", checked_in_at=came),  # not in the directory
        dict(affiliation=""),  # nothing given, did not come
        dict(affiliation="KI", status=RegistrationStatus.CANCELLED),
        dict(affiliation="KI", status=RegistrationStatus.WAITLISTED),
        dict(organisation=directory["company"], checked_in_at=came),
    ]
    registrations = [make_registration(event, **row) for row in rows]
    db.session.commit()
    return registrations


def _snapshot(report):
    plain = lambda groups: {k: vars(v) for k, v in groups.items()}  # noqa: E731
    return vars(report.counts), plain(report.by_organisation), plain(report.by_sector)


def test_counts_by_status_organisation_and_sector(event, directory):
    _people(event, directory)
    report = event_report(event)
    c = report.counts
    assert (c.registered, c.confirmed, c.attended, c.no_shows) == (11, 9, 7, 2)
    assert (c.cancelled, c.waitlisted) == (1, 1)
    attended = {name: g.attended for name, g in report.by_organisation.items()}
    assert attended == {
        "Karolinska Institutet": 3,
        "Cellcoin AB": 1,
        "Innovation unit": 1,
        "Karolinska University Hospital": 1,
        "Uppsala universitet": 1,
        "": 0,
    }
    assert report.by_organisation["Karolinska Institutet"].registered == 5
    sectors = {name: g.attended for name, g in report.by_sector.items()}
    assert sectors == {"university": 3, "company": 1, "hospital": 1, "region": 1, "": 1}
    assert report.organisations == 5 and report.sectors == 4


def test_the_counts_stay_true_after_the_personal_data_is_purged(event, directory):
    registrations = _people(event, directory)
    before = _snapshot(event_report(event))
    anonymise(registrations[0])
    db.session.commit()
    assert _snapshot(event_report(event)) == before
    event.retention_days = 0
    db.session.commit()
    assert purge_personal_data(now=utcnow() + timedelta(days=1)) == 10
    assert all(r.anonymised_at for r in registrations)
    assert all(r.affiliation == "" and r.organisation_id is None for r in registrations)
    assert _snapshot(event_report(event)) == before
    purge_personal_data(now=utcnow() + timedelta(days=2))  # nothing is counted twice
    assert _snapshot(event_report(event)) == before


def test_a_participant_who_erases_their_data_still_counts_where_they_came_from(event, directory):
    registrations = _people(event, directory)
    erase_my_data(registrations[0])  # cancelled first, then erased
    ki = event_report(event).by_organisation["Karolinska Institutet"]
    assert (ki.registered, ki.cancelled, ki.attended) == (5, 2, 2)


def test_sessions_and_feedback_figures(event, directory):
    registrations = _people(event, directory)
    keynote, workshop = event.sessions
    for registration in registrations[:3] + registrations[5:6]:
        registration.choices.append(
            RegistrationChoice(session=workshop, status=ChoiceStatus.CONFIRMED, created_at=utcnow())
        )
    survey = make_survey(event)
    for registration, stars in zip(registrations[:2], (5, 3), strict=True):
        feedback.submit_answers(
            registration, survey, {survey.questions[0].id: feedback.AnswerValue(rating=stars)}
        )
    db.session.commit()
    report = event_report(event)
    assert [(s.session.title, s.chosen, s.attended) for s in report.sessions] == [
        ("Workshop: GMP production", 4, 3)
    ]
    assert report.feedback.respondents == 2
    assert report.feedback.ratings == [("How was the day overall?", 4.0, 2)]


def test_a_series_report_adds_its_editions(app, organisation, directory):
    series = make_series("ATMP mini-symposia", organisations=[organisation])
    first = make_event("ATMP 2025", series=series, organisers=[organisation])
    second = make_event("ATMP 2026", series=series, organisers=[organisation])
    for event, n in ((first, 3), (second, 5)):
        for _ in range(n):
            make_registration(event, organisation=directory["ki"], checked_in_at=utcnow())
    make_registration(second, affiliation="Cellcoin AB")
    db.session.commit()
    report = series_report(series)
    assert [(e.title, c.attended) for e, c in report.editions] == [
        ("ATMP 2025", 3),
        ("ATMP 2026", 5),
    ]
    assert (report.counts.registered, report.counts.attended, report.counts.no_shows) == (9, 8, 1)
    assert report.by_organisation["Karolinska Institutet"].attended == 8


def test_the_page_has_labelled_svg_charts_and_the_csv_and_pdf_say_the_same(
    organiser_client, event, directory
):
    _people(event, directory)
    html = organiser_client.get(f"/manage/events/{event.slug}/report").get_data(as_text=True)
    assert 'data-count="attended">7<' in html and 'data-count="organisations">5<' in html
    charts = []
    start = html.find('<svg class="bar-chart"')
    while start != -1:
        end = html.index("</svg>", start) + 6
        charts.append(ET.fromstring(html[start:end]))
        start = html.find('<svg class="bar-chart"', end)
    titles = [svg.find(f"{SVG}title").text for svg in charts]
    assert titles == ["Attended, by sector", "Attended, the 5 organisations with most"]
    sectors = charts[0].find(f"{SVG}desc").text
    assert (
        sectors
        == "Universities and colleges: 3; Companies: 1; Hospitals: 1; Regions: 1; Not known: 1"
    )
    rows = list(csv.reader(io.StringIO(
        organiser_client.get(f"/manage/events/{event.slug}/report.csv").get_data(as_text=True).lstrip("\ufeff")
    )))  # fmt: skip
    assert rows[1][:8] == ["Total", "ATMP mini-symposium", "", "11", "9", "7", "2", "1"]
    assert ["Organisation", "Karolinska Institutet", "", "5", "3", "3", "0", "1"] in rows
    pdf = organiser_client.get(f"/manage/events/{event.slug}/report.pdf")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.data)).pages
    )
    assert "Report: ATMP mini-symposium" in text
    assert "7 attended from 5 organisations in 4 sectors." in text
    assert "Karolinska University Hospital" in text and "Uppsala universitet" in text


def test_the_series_page_makes_the_same_queries_for_few_and_many_registrations(
    organiser_client, organisation, count_queries
):
    series = make_series("Workshops", organisations=[organisation])
    editions = [make_event(f"Workshop {n}", series=series) for n in range(3)]
    db.session.commit()
    url = f"/manage/series/{series.id}/report"

    def add(n):
        for event in editions:
            for i in range(n):
                make_registration(event, affiliation=f"Org {i}", checked_in_at=utcnow())
        db.session.commit()

    add(2)
    db.session.expire_all()  # each request loads the series afresh, as in production
    with count_queries() as few:
        assert organiser_client.get(url).status_code == 200
    add(20)
    db.session.expire_all()
    with count_queries() as many:
        organiser_client.get(url)
    assert many.count == few.count, set(many.statements) - set(few.statements)
