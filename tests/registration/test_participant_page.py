"""The participant's own page: status, sessions, cancel with confirmation, erase."""

from __future__ import annotations

import re

from sqlalchemy import select

from eventapp.core.types import ChoiceStatus, EventStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_registration, make_session
from tests.helpers.forms import form_values
from tests.registration.conftest import csrf_token, outbox, register, sent_outbox


def registration_of(email: str) -> Registration:
    stmt = select(Registration).where(Registration.email == email)
    return db.session.execute(stmt.execution_options(populate_existing=True)).scalar_one()


def test_page_shows_status_sessions_and_private_headers(client, event):
    workshop = make_session(event, "Flow cytometry workshop", selectable=True, capacity=5)
    db.session.commit()
    location = register(client, event, sessions=[str(workshop.id)]).headers["Location"]
    response = client.get(location)
    page = response.get_data(as_text=True)
    assert "Confirmed" in page and "Flow cytometry workshop" in page and "place confirmed" in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert f"{location}cancel" in page and f"{location}erase" in page


def test_cancel_asks_once_and_then_gives_the_place_to_the_first_waitlisted(client, event):
    event.capacity = 1
    db.session.commit()
    location = register(client, event, email="first@example.org").headers["Location"]
    register(client, event, email="second@example.org")
    register(client, event, email="third@example.org")
    confirm_page = client.get(location + "cancel").get_data(as_text=True)
    assert "will be given to the next person on the waiting list" in confirm_page
    assert registration_of("first@example.org").status == RegistrationStatus.CONFIRMED
    # The page is the question: one button, no box to tick besides (it asked twice).
    assert form_values(confirm_page, "csrf_token").keys() == {"csrf_token"}
    assert 'type="checkbox"' not in confirm_page
    assert confirm_page.count('type="submit"') == 1
    assert client.post(location + "cancel", data={}).status_code == 400  # no CSRF token
    assert registration_of("first@example.org").status == RegistrationStatus.CONFIRMED
    token = csrf_token(client, location + "cancel")
    response = client.post(location + "cancel", data={"csrf_token": token})
    assert response.status_code == 303
    assert registration_of("first@example.org").status == RegistrationStatus.CANCELLED
    assert registration_of("second@example.org").status == RegistrationStatus.CONFIRMED
    third = registration_of("third@example.org")
    assert third.status == RegistrationStatus.WAITLISTED
    kinds = [(m.recipient, m.kind) for m in outbox()][-2:]
    assert kinds == [
        ("first@example.org", "registration_cancelled"),
        ("second@example.org", "registration_promoted"),
    ]
    assert "number 1 on the waiting list" in client.get(f"/r/{third.secret}/").get_data(
        as_text=True
    )


def test_cancel_by_get_changes_nothing(client, event):
    location = register(client, event).headers["Location"]
    client.get(location + "cancel")
    assert registration_of("carin.dahlberg@example.org").status == RegistrationStatus.CONFIRMED


def test_changing_sessions_frees_the_place_for_the_next_in_line(client, event):
    a = make_session(event, "Workshop A", selectable=True, capacity=1)
    b = make_session(event, "Workshop B", selectable=True, capacity=1)
    db.session.commit()
    location = register(client, event, email="one@example.org", sessions=[str(a.id)]).headers[
        "Location"
    ]
    register(client, event, email="two@example.org", sessions=[str(a.id)])
    token = csrf_token(client, location)
    response = client.post(location + "sessions", data={"csrf_token": token, "sessions": [b.id]})
    assert response.status_code == 303
    one, two = registration_of("one@example.org"), registration_of("two@example.org")
    assert [(c.session_id, c.status) for c in one.choices] == [(b.id, ChoiceStatus.CONFIRMED)]
    assert [(c.session_id, c.status) for c in two.choices] == [(a.id, ChoiceStatus.CONFIRMED)]
    assert outbox()[-1].kind == "registration_session_promoted"
    assert "Workshop A" in sent_outbox()[-1].body_text


def test_erase_my_data_cancels_anonymises_and_kills_the_link(client, event):
    event.capacity = 1
    db.session.commit()
    location = register(client, event, email="first@example.org").headers["Location"]
    register(client, event, email="second@example.org")
    erase_page = client.get(location + "erase").get_data(as_text=True)
    box = re.search(
        r'<input[^>]*name="confirm"[^>]*>\s*<label[^>]*>[^<]*</label>\s*<span[^>]*>', erase_page
    )
    assert box and " required" in box.group(0) and 'class="required"' in box.group(0)
    token = csrf_token(client, location + "erase")
    assert client.post(location + "erase", data={"csrf_token": token}).status_code == 422
    assert client.get(location).status_code == 200
    response = client.post(location + "erase", data={"csrf_token": token, "confirm": "y"})
    assert "Your data has been erased" in response.get_data(as_text=True)
    assert client.get(location).status_code == 404
    erased = db.session.execute(
        select(Registration).where(Registration.anonymised_at.is_not(None))
    ).scalar_one()
    assert erased.name == "—" and "first@example.org" not in erased.email
    assert erased.status == RegistrationStatus.CANCELLED
    assert registration_of("second@example.org").status == RegistrationStatus.CONFIRMED
    assert all(m.recipient != "first@example.org" for m in outbox())


def test_pending_registration_page_explains_the_review(client, event):
    registration = make_registration(event, status=RegistrationStatus.PENDING)
    db.session.commit()
    page = client.get(f"/r/{registration.secret}/").get_data(as_text=True)
    assert "Awaiting approval" in page and "review registrations" in page


def _main_text(page: str) -> str:
    """The page's <main>, tags removed: what the participant reads of their registration."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


def test_after_cancelling_nothing_on_the_page_still_says_confirmed(client, event):
    workshop = make_session(event, "Flow cytometry workshop", selectable=True, capacity=5)
    db.session.commit()
    location = register(client, event, sessions=[str(workshop.id)]).headers["Location"]
    token = csrf_token(client, location + "cancel")
    client.post(location + "cancel", data={"csrf_token": token, "confirm": "y"})
    page = client.get(location).get_data(as_text=True)
    text = _main_text(page)
    assert "Cancelled" in text and "You cancelled on" in text
    assert "confirmed" not in text.lower()
    assert "status-confirmed" not in page and "Download .ics" not in page


def test_a_cancelled_event_does_not_show_the_registration_as_confirmed(client, event):
    registration = make_registration(event)
    event.status = EventStatus.CANCELLED
    db.session.commit()
    text = _main_text(client.get(f"/r/{registration.secret}/").get_data(as_text=True))
    assert "Event cancelled" in text and "confirmed" not in text.lower()
