"""Badge printing in the back office: filters, order, printed marks, re-issue, big batches."""

from __future__ import annotations

import io
import time
from datetime import timedelta

from flask import render_template_string
from pypdf import PdfReader
from reportlab.lib.pagesizes import A6
from sqlalchemy import select

from eventapp.badges import checkin_services as checkin
from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.badges.conftest import codes_in, csrf_token, decode_qr, pdf_page_image, sign_in
from tests.builders import make_registration


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _form(client, event, **fields):
    data = {
        "csrf_token": csrf_token(client, f"/manage/events/{event.slug}/badges"),
        "layout": "a6x4",
        "category": "",
        "registration": "",
        "sort": "last_name",
        "mark_printed": "y",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_participant_downloads_an_a6_badge_with_their_name(client, event):
    registration = make_registration(event, "Åsa Öberg", affiliation="KTH")
    db.session.commit()
    response = client.get(f"/r/{registration.secret}/badge.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (
        round(A6[0], 1),
        round(A6[1], 1),
    )
    assert "Åsa Öberg" in _text(response.data)
    assert codes_in(decode_qr(pdf_page_image(response.data))) == {registration.checkin_code}
    db.session.refresh(registration)
    assert registration.badge_printed_at is None  # only the organiser's printing marks


def test_badge_page_needs_a_login_and_refuses_other_organisations(client, event, outsider):
    assert client.get(f"/manage/events/{event.slug}/badges").status_code in (302, 401)
    sign_in(client, outsider)
    assert client.get(f"/manage/events/{event.slug}/badges").status_code == 403
    assert client.get(f"/manage/events/{event.slug}/badges.pdf").status_code == 403
    assert client.post(f"/manage/events/{event.slug}/badges.pdf").status_code in (400, 403)


def test_organiser_sees_the_form_with_layouts_and_filters(client, event, organiser):
    make_registration(event, "Jörg Müller")
    db.session.commit()
    sign_in(client, organiser)
    html = client.get(f"/manage/events/{event.slug}/badges").get_data(as_text=True)
    for text in ("Four A6 badges on A4", "ID-1", "Only badges not printed yet", "Jörg Müller"):
        assert text in html


def test_preview_filters_by_category_and_sorts_by_last_name(client, event, organiser):
    make_registration(event, "Zoe Adams", category=RegistrationCategory.SPEAKER)
    make_registration(event, "Anna Ödman", category=RegistrationCategory.PARTICIPANT)
    make_registration(event, "Björn Berg", category=RegistrationCategory.SPEAKER)
    make_registration(event, "Carl Cancelled", status=RegistrationStatus.CANCELLED)
    db.session.commit()
    sign_in(client, organiser)
    everyone = _text(client.get(f"/manage/events/{event.slug}/badges.pdf?layout=a6").data)
    assert everyone.index("Zoe Adams") < everyone.index("Björn Berg") < everyone.index("Ödman")
    assert "Carl Cancelled" not in everyone
    speakers = _text(
        client.get(f"/manage/events/{event.slug}/badges.pdf?layout=a6&category=speaker").data
    )
    assert "Zoe Adams" in speakers and "Björn Berg" in speakers and "Ödman" not in speakers


def test_preview_does_not_mark_badges_printed(client, event, organiser):
    registration = make_registration(event)
    db.session.commit()
    sign_in(client, organiser)
    assert client.get(f"/manage/events/{event.slug}/badges.pdf").status_code == 200
    db.session.refresh(registration)
    assert registration.badge_printed_at is None


def test_bad_filter_values_give_the_form_back_not_a_500(client, event, organiser):
    sign_in(client, organiser)
    response = client.get(f"/manage/events/{event.slug}/badges.pdf?layout=huge&category=vip")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_printing_marks_badges_printed_and_then_only_new_ones_print(client, event, organiser):
    first = make_registration(event, "Ayşe Şahin")
    db.session.commit()
    sign_in(client, organiser)
    response = client.post(f"/manage/events/{event.slug}/badges.pdf", data=_form(client, event))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    db.session.refresh(first)
    assert first.badge_printed_at is not None
    second = make_registration(event, "Łukasz Łęcki")
    db.session.commit()
    response = client.post(
        f"/manage/events/{event.slug}/badges.pdf", data=_form(client, event, only_unprinted="y")
    )
    text = _text(response.data)
    assert "Łukasz Łęcki" in text and "Ayşe Şahin" not in text
    db.session.refresh(second)
    assert second.badge_printed_at is not None


def test_one_registration_can_be_printed_alone_in_card_size(client, event, organiser):
    make_registration(event, "Other Person")
    wanted = make_registration(event, "Ñuño Ibáñez")
    db.session.commit()
    sign_in(client, organiser)
    data = _form(client, event, layout="id1x10", registration=str(wanted.id), mark_printed=None)
    response = client.post(f"/manage/events/{event.slug}/badges.pdf", data=data)
    text = _text(response.data)
    assert "Ñuño Ibáñez" in text and "Other Person" not in text
    assert codes_in(decode_qr(pdf_page_image(response.data))) == {wanted.checkin_code}
    db.session.refresh(wanted)
    assert wanted.badge_printed_at is None  # "mark as printed" was unticked


def test_nothing_to_print_says_so(client, event, organiser):
    sign_in(client, organiser)
    response = client.post(f"/manage/events/{event.slug}/badges.pdf", data=_form(client, event))
    assert response.status_code == 200
    assert "No badges match this choice." in response.get_data(as_text=True)


def test_reissued_code_replaces_the_old_one_at_the_door(client, event, organiser):
    registration = make_registration(event, "Jörg Müller")
    registration.badge_printed_at = utcnow() - timedelta(days=1)
    db.session.commit()
    old_code = registration.checkin_code
    sign_in(client, organiser)
    data = {
        "csrf_token": csrf_token(client, f"/manage/events/{event.slug}/badges"),
        "registration": str(registration.id),
        "confirm": "y",
    }
    response = client.post(f"/manage/events/{event.slug}/badges/reissue", data=data)
    assert response.status_code == 303
    db.session.refresh(registration)
    assert registration.checkin_code != old_code and len(registration.checkin_code) >= 22
    assert registration.badge_printed_at is None  # the new badge must be printed
    assert checkin.check_in(event, old_code, organiser).reason == "unknown_code"
    assert checkin.check_in(event, registration.checkin_code, organiser).result == "checked_in"
    try:
        from eventapp.manage import audit  # noqa: F401
        from eventapp.manage.models import AuditLogEntry
    except ImportError:
        return
    actions = db.session.execute(select(AuditLogEntry.action)).scalars().all()
    assert "badge.reissue_code" in actions


def test_reissue_without_confirmation_changes_nothing(client, event, organiser):
    registration = make_registration(event)
    db.session.commit()
    code = registration.checkin_code
    sign_in(client, organiser)
    data = {
        "csrf_token": csrf_token(client, f"/manage/events/{event.slug}/badges"),
        "registration": str(registration.id),
    }
    response = client.post(f"/manage/events/{event.slug}/badges/reissue", data=data)
    assert response.status_code == 400
    db.session.refresh(registration)
    assert registration.checkin_code == code


def test_large_batch_is_made_in_the_background_and_any_worker_reports_progress(
    make_app, event, organiser, tmp_path
):
    app = make_app(BADGES_SYNC_LIMIT=2)
    with app.app_context():
        for n in range(5):
            make_registration(_event(event), f"P {n}")
        db.session.commit()
    client = app.test_client()
    sign_in(client, organiser)
    # A second application (another gunicorn worker) on the same instance folder, logged in
    # before the job starts (a login is a row: SQLite would wait for the job's writes).
    other_worker = make_app(BADGES_SYNC_LIMIT=2).test_client()
    sign_in(other_worker, organiser)
    response = client.post(f"/manage/events/{event.slug}/badges.pdf", data=_form(client, event))
    assert response.status_code == 303
    job_url = response.headers["Location"]
    assert "/badges/jobs/" in job_url
    page = client.get(job_url).get_data(as_text=True)
    assert "js/badges.js" in page and "<progress" in page
    # The other worker sees the job.
    deadline = time.monotonic() + 30
    status = other_worker.get(job_url + ".json").get_json()
    while status["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.05)
        status = other_worker.get(job_url + ".json").get_json()
    assert status["status"] == "done", status
    assert status["done"] == status["total"] == 5 and status["percent"] == 100
    with other_worker.get(status["download_url"]) as pdf:
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        assert len(PdfReader(io.BytesIO(pdf.data)).pages) == 2  # five badges, four per sheet
    with app.app_context():
        printed = db.session.execute(
            select(Registration).where(Registration.badge_printed_at.is_not(None))
        ).scalars()
        assert len(list(printed)) == 5


def _event(event):
    from eventapp.events.models import Event

    return db.session.get(Event, event.id)


def test_someone_elses_job_is_not_found(client, event, other_event, outsider):
    sign_in(client, outsider)
    assert (
        client.get(f"/manage/events/{other_event.slug}/badges/jobs/{'x' * 22}.json").status_code
        == 404
    )
    assert (
        client.get(f"/manage/events/{other_event.slug}/badges/jobs/..%2F..%2Fx.json").status_code
        == 404
    )


def test_panels_for_the_event_page_and_the_participant_page_render(app, event, organiser):
    registration = make_registration(event, "Åsa Öberg")
    checkin.check_in(event, registration.checkin_code, organiser)
    with app.test_request_context("/"):
        panel = render_template_string('{% include "badges/_manage_panel.html" %}', event=event)
        box = render_template_string(
            '{% include "badges/_registration_box.html" %}', registration=registration
        )
    assert f"/manage/events/{event.slug}/badges" in panel
    assert f"/manage/events/{event.slug}/checkin" in panel
    assert "1 of 1 confirmed" in panel
    assert (
        f"/r/{registration.secret}/qr.svg" in box and f"/r/{registration.secret}/badge.pdf" in box
    )
