"""The organiser's registrations page: rights, search, decisions, by hand, message, CSV."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.extensions import db
from eventapp.manage.models import AuditLogEntry
from eventapp.registration.models import Registration
from tests.builders import make_organisation, make_registration, make_session, make_user
from tests.conftest import login
from tests.registration.conftest import csrf_token, outbox

BASE = "/manage/events/cis-2026/registrations"


def organiser_client(client, organisation):
    login(client, make_user(organisations=[organisation]))
    db.session.commit()
    return client


def status_of(registration: Registration) -> RegistrationStatus:
    db.session.rollback()
    return db.session.get(Registration, registration.id).status


def test_anonymous_visitor_is_sent_to_the_login(client, event):
    assert client.get(BASE).status_code == 302
    assert client.get(BASE + ".csv").status_code == 302


def test_organisers_of_other_events_may_not_see_registrations(client, event):
    login(client, make_user(organisations=[make_organisation()]))
    db.session.commit()
    assert client.get(BASE).status_code == 403
    assert client.get(BASE + ".csv").status_code == 403


def test_list_searches_and_filters_by_status_and_category(client, event, organisation):
    make_registration(event, "Malin Lindberg", email="malin@ltu.se", affiliation="LTU")
    make_registration(event, "Carin Dahlberg", status=RegistrationStatus.WAITLISTED)
    make_registration(event, "Press Person", category=RegistrationCategory.PRESS)
    organiser_client(client, organisation)
    page = client.get(BASE + "?q=ltu").get_data(as_text=True)
    assert "Malin Lindberg" in page and "Carin Dahlberg" not in page
    page = client.get(BASE + "?status=waitlisted").get_data(as_text=True)
    assert "Carin Dahlberg" in page and "Malin Lindberg" not in page and "#1" in page
    page = client.get(BASE + "?category=press").get_data(as_text=True)
    assert "Press Person" in page and "Malin Lindberg" not in page
    assert client.get(BASE + "?status=<script>&category=x").status_code == 200


def test_organiser_approves_rejects_promotes_cancels_and_resends(client, event, organisation):
    event.capacity = 2
    pending = make_registration(event, status=RegistrationStatus.PENDING)
    doubtful = make_registration(event, status=RegistrationStatus.PENDING)
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED)
    confirmed = make_registration(event)
    organiser_client(client, organisation)
    token = csrf_token(client, BASE)
    for registration, action in [
        (pending, "approve"),
        (doubtful, "reject"),
        (waiting, "promote"),
        (confirmed, "resend"),
        (confirmed, "cancel"),
    ]:
        url = f"{BASE}/{registration.id}/{action}"
        assert client.post(url, data={"csrf_token": token}).status_code == 303
    assert status_of(pending) == RegistrationStatus.CONFIRMED
    assert status_of(doubtful) == RegistrationStatus.REJECTED
    assert status_of(waiting) == RegistrationStatus.CONFIRMED
    assert status_of(confirmed) == RegistrationStatus.CANCELLED
    assert [m.kind for m in outbox()] == [
        "registration_approved",
        "registration_rejected",
        "registration_promoted",
        "registration_link",
        "registration_cancelled",
    ]
    actions = db.session.execute(select(AuditLogEntry.action).order_by(AuditLogEntry.id))
    assert [a.removeprefix("registration.") for a in actions.scalars()] == [
        "approve",
        "reject",
        "promote",
        "resend",
        "cancel",
    ]
    assert (
        client.post(f"{BASE}/{pending.id}/explode", data={"csrf_token": token}).status_code == 404
    )
    assert client.post(f"{BASE}/{pending.id}/cancel").status_code == 400  # no CSRF token


def test_organiser_adds_a_participant_by_hand_even_after_closing(client, event, organisation):
    organiser_client(client, organisation)
    token = csrf_token(client, BASE + "/new")
    data = {
        "csrf_token": token,
        "name": "Ann Exhibitor",
        "email": "ann@example.org",
        "category": "exhibitor",
    }
    assert client.post(BASE + "/new", data=data).status_code == 303
    registration = db.session.execute(select(Registration)).scalar_one()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.category == RegistrationCategory.EXHIBITOR
    assert outbox()[0].kind == "registration_confirmed"
    bad = client.post(BASE + "/new", data={**data, "email": "nope"})
    assert bad.status_code == 422


def test_xlsx_export_has_local_times_labels_and_text_cells(client, event, organisation):
    """The CSV opened in one column in Swedish Excel and gave UTC times: a workbook beside it."""
    from datetime import UTC, datetime

    from openpyxl import load_workbook

    workshop = make_session(event, "Workshop Ö")
    registration = make_registration(
        event,
        "Åsa Öberg",
        affiliation="=HYPERLINK(1)",
        category=RegistrationCategory.SPEAKER,
        created_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC),
    )
    from eventapp.registration.models import RegistrationChoice

    registration.choices.append(
        RegistrationChoice(session_id=workshop.id, created_at=registration.created_at)
    )
    make_registration(event, "Bo Ek", status=RegistrationStatus.WAITLISTED)
    organiser_client(client, organisation)
    assert "registrations.xlsx" in client.get("/manage/events/cis-2026/").get_data(as_text=True)
    response = client.get(BASE + ".xlsx?lang=sv")
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Namn", "E-post", "Organisation", "Kategori", "Status", "Anmäld")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Namn"] == "Åsa Öberg" and first["Kategori"] == "Talare"
    assert first["Anmäld"] == datetime(2026, 7, 1, 10, 30)  # Stockholm's summer time
    assert sheet.cell(row=2, column=3).data_type == "s"  # the formula stays text
    assert first["Organisation"] == "=HYPERLINK(1)"
    assert rows[2][4] == "Väntelista"
    only_waiting = client.get(BASE + ".xlsx?status=waitlisted")
    assert [
        r[0]
        for r in load_workbook(io.BytesIO(only_waiting.data)).active.iter_rows(
            min_row=2, values_only=True
        )
    ] == ["Bo Ek"]


def test_csv_export_is_utf8_with_bom_and_has_the_columns(client, event, organisation):
    workshop = make_session(event, "Workshop Ö")
    registration = make_registration(event, "Åsa Öberg", affiliation="=HYPERLINK(1)")
    from eventapp.registration.models import RegistrationChoice

    registration.choices.append(
        RegistrationChoice(session_id=workshop.id, created_at=registration.created_at)
    )
    organiser_client(client, organisation)
    response = client.get(BASE + ".csv")
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert list(rows[0])[:8] == [
        "name",
        "email",
        "affiliation",
        "category",
        "status",
        "registered_at",
        "checked_in_at",
        "sessions",
    ]
    assert rows[0]["name"] == "Åsa Öberg" and rows[0]["sessions"] == "Workshop Ö"
    assert rows[0]["affiliation"] == "'=HYPERLINK(1)"  # no formula injection


def test_panel_and_event_box_show_counts_and_places(app, event):
    from flask import render_template_string

    for _ in range(8):
        make_registration(event)
    make_registration(event, status=RegistrationStatus.PENDING)
    db.session.commit()
    with app.test_request_context():
        box = render_template_string('{% include "registration/_event_box.html" %}', event=event)
        panel = render_template_string(
            '{% include "registration/_manage_panel.html" %}', event=event
        )
    assert "12 places left" in box and "/events/cis-2026/register" in box
    assert "8</strong> / 20" in panel and "registrations.csv" in panel
    for _ in range(12):
        make_registration(event)
    db.session.commit()
    with app.test_request_context():
        box = render_template_string('{% include "registration/_event_box.html" %}', event=event)
    assert "waiting list open" in box
    event.waitlist_enabled = False
    with app.test_request_context():
        box = render_template_string('{% include "registration/_event_box.html" %}', event=event)
    assert "Fully booked" in box and "/register" not in box
