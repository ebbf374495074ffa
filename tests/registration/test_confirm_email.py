"""A place is held only until the address is confirmed: the e-mail carries the link, the page
says until when, an unconfirmed hold lapses and its place goes on in order, exactly once."""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.sender import send_due
from eventapp.registration import services
from eventapp.registration.availability import places_left
from eventapp.registration.confirmation import confirm_address, expire_lapsed_holds
from eventapp.registration.errors import RegistrationError
from eventapp.registration.models import Registration
from eventapp.registration.services import RegistrationData
from tests.builders import make_event, make_user
from tests.conftest import login
from tests.helpers.forms import form_values, submit
from tests.registration.conftest import outbox, register

LINK = re.compile(r"http://eventapp\.test(/r/[A-Za-z0-9_-]+/)")
UNCONFIRMED, CONFIRMED = RegistrationStatus.UNCONFIRMED, RegistrationStatus.CONFIRMED
WAITLISTED, CANCELLED = RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED


@pytest.fixture
def held_event(app, organisation):
    """Two places, a waiting list, and the address confirmed before a place is kept."""
    event = make_event("Open lecture", slug="open", capacity=2, confirm_email=True)
    db.session.commit()
    return event


def by_email(email: str) -> Registration:
    """The address's latest registration, as committed."""
    db.session.rollback()
    stmt = select(Registration).where(Registration.email == email).order_by(Registration.id.desc())
    return db.session.scalars(stmt).first()


def lapse_holds(minutes: int = 31) -> None:
    """Let the holds' time pass (the rows are dated back, as if the clock had moved on)."""
    db.session.execute(
        update(Registration)
        .where(Registration.status == UNCONFIRMED)
        .values(hold_expires_at=utcnow() - timedelta(minutes=minutes - 30))
    )
    db.session.commit()


def hold(event, email: str) -> Registration:
    services.register_participant(event, RegistrationData(email.split("@")[0], email))
    return by_email(email)


def test_the_registration_holds_a_place_and_the_page_says_until_when(client, held_event):
    answer = register(client, held_event, email="carin@ki.se")
    page = answer.get_data(as_text=True)
    registration = by_email("carin@ki.se")
    assert answer.status_code == 200 and registration.status == UNCONFIRMED
    assert "We are holding a place for you until" in page and "carin@ki.se" in page
    assert registration.secret not in page  # only the mailbox learns the link
    expires = registration.hold_expires_at - registration.created_at
    assert timedelta(minutes=29) < expires <= timedelta(minutes=30, seconds=5)
    assert places_left(held_event) == 1
    assert [m.kind for m in outbox()] == ["registration_unconfirmed"]


def test_the_link_in_the_mail_confirms_the_place_and_the_invitation_follows(
    app, client, held_event, smtp_server
):
    smtp_server.configure(app)
    register(client, held_event, email="carin@ki.se")
    send_due()
    [mail] = smtp_server.messages
    assert mail["Subject"].startswith("Confirm your registration")
    text = mail.get_body(("plain",)).get_content()
    assert "press “Confirm my registration” before" in text
    assert list(mail.iter_attachments()) == []  # no invitation before the place is theirs
    [path] = set(LINK.findall(text))
    page = client.get(path).get_data(as_text=True)
    assert "Your place is held until" in page
    answer = submit(client, path)  # the page's one post form: "Confirm my registration"
    assert answer.status_code == 303
    assert by_email("carin@ki.se").status == CONFIRMED
    assert "your e-mail address is confirmed" in client.get(path).get_data(as_text=True)
    send_due()
    confirmed = smtp_server.messages[-1]
    assert confirmed["Subject"].startswith("You are registered")
    assert [a.get_content_type() for a in confirmed.iter_attachments()] == ["text/calendar"]
    assert "Confirm my registration" not in client.get(path).get_data(as_text=True)
    assert Counter(m.kind for m in outbox())["registration_confirmed"] == 1


def test_confirming_twice_changes_nothing_the_second_time(held_event):
    registration = hold(held_event, "carin@ki.se")
    confirm_address(registration)
    confirm_address(by_email("carin@ki.se"))
    assert by_email("carin@ki.se").status == CONFIRMED
    assert Counter(m.kind for m in outbox())["registration_confirmed"] == 1


def test_a_full_event_keeps_a_turn_on_the_waiting_list_until_confirmed(client, held_event):
    hold(held_event, "a@ki.se"), hold(held_event, "b@ki.se")
    page = register(client, held_event, email="c@ki.se").get_data(as_text=True)
    assert "We are keeping your turn on the waiting list until" in page
    confirm_address(by_email("c@ki.se"))
    assert by_email("c@ki.se").status == WAITLISTED


def test_a_lapsed_hold_frees_its_place_for_the_first_confirmed_on_the_waiting_list(held_event):
    hold(held_event, "junk1@x.example"), hold(held_event, "junk2@x.example")
    real = hold(held_event, "carin@ki.se")
    confirm_address(real)
    assert by_email("carin@ki.se").status == WAITLISTED
    hold(held_event, "junk3@x.example")  # waits for a turn too, never confirms
    lapse_holds()
    assert expire_lapsed_holds() == 3
    assert by_email("carin@ki.se").status == CONFIRMED
    statuses = {r.email: r.status for r in db.session.scalars(select(Registration))}
    assert [e for e, s in statuses.items() if s == CANCELLED] == [
        "junk1@x.example", "junk2@x.example", "junk3@x.example"
    ]  # fmt: skip
    kinds = Counter(m.kind for m in outbox())
    assert kinds["registration_promoted"] == 1  # nothing to the made-up addresses
    assert kinds["registration_cancelled"] == 0
    assert expire_lapsed_holds() == 0  # each hold lapses once


def test_a_lapsed_hold_counts_for_nothing_even_before_anyone_expires_it(held_event):
    hold(held_event, "junk1@x.example"), hold(held_event, "junk2@x.example")
    assert places_left(held_event) == 0
    lapse_holds()
    assert places_left(held_event) == 2  # a stopped worker keeps no place held


def test_the_next_registration_expires_lapsed_holds_before_it_counts(held_event):
    """No worker runs: the person waiting gets the freed place before the newcomer."""
    hold(held_event, "junk1@x.example"), hold(held_event, "junk2@x.example")
    confirm_address(hold(held_event, "waiting@ki.se"))
    lapse_holds()
    newcomer = hold(held_event, "new@ki.se")
    assert by_email("waiting@ki.se").status == CONFIRMED
    assert newcomer.status == UNCONFIRMED and newcomer.waitlisted_at is None  # the second place
    assert by_email("junk1@x.example").status == CANCELLED


def test_the_worker_loop_and_its_command_let_lapsed_holds_go(app, held_event):
    hold(held_event, "junk1@x.example")
    lapse_holds()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert by_email("junk1@x.example").status == CANCELLED
    hold(db.session.scalars(select(Event)).one(), "junk2@x.example")  # the command ended ours
    lapse_holds()
    result = app.test_cli_runner().invoke(args=["expire-holds"])
    assert "1 unconfirmed holds lapsed." in result.output
    assert by_email("junk2@x.example").status == CANCELLED


def test_the_hold_period_is_a_setting(make_app):
    app = make_app(CONFIRM_HOLD_MINUTES=5)
    with app.app_context():
        event = make_event(capacity=2, confirm_email=True)
        db.session.commit()
        registration = hold(event, "carin@ki.se")
        held_for = registration.hold_expires_at - registration.created_at
        assert timedelta(minutes=4) < held_for <= timedelta(minutes=5, seconds=5)


def test_confirming_after_the_hold_lapsed_takes_a_free_place_again(client, held_event):
    registration = hold(held_event, "late@ki.se")
    lapse_holds()
    expire_lapsed_holds()
    path = f"/r/{registration.secret}/"
    page = client.get(path).get_data(as_text=True)
    assert "was not confirmed in time" in page
    submit(client, path)
    assert by_email("late@ki.se").status == CONFIRMED


def test_a_lapsed_hold_confirmed_when_the_event_filled_meanwhile_joins_the_waiting_list(
    held_event,
):
    late = hold(held_event, "late@ki.se")
    lapse_holds()
    confirm_address(hold(held_event, "a@ki.se")), confirm_address(hold(held_event, "b@ki.se"))
    confirm_address(late)
    assert by_email("late@ki.se").status == WAITLISTED


def test_a_lapsed_hold_of_an_address_registered_again_is_refused_and_changes_nothing(
    held_event,
):
    old = hold(held_event, "carin@ki.se")
    lapse_holds()
    confirm_address(hold(held_event, "carin@ki.se"))  # registered again, and confirmed
    with pytest.raises(RegistrationError, match="registered again"):
        confirm_address(old)
    assert db.session.get(Registration, old.id).status == CANCELLED


def test_an_organisers_entry_and_a_moderated_event_hold_nothing(organisation):
    event = make_event(capacity=2, confirm_email=True, moderation_enabled=True)
    db.session.commit()
    assert hold(event, "asks@ki.se").status == RegistrationStatus.PENDING
    outcome = services.register_participant(
        event, RegistrationData("Guest", "guest@ki.se"), by_organiser=True
    )
    assert outcome.registration.status == CONFIRMED


def test_a_new_event_asks_for_confirmation_unless_its_organiser_says_not(client, organisation):
    login(client, make_user(organisations=[organisation]))
    html = client.get("/manage/events/new").get_data(as_text=True)
    assert "Hold a place only until the e-mail address is confirmed" in html
    assert "confirm_email" in form_values(html, "confirm_email")  # ticked


def test_holds_lapsing_while_workers_and_confirmations_race_lapse_once(app, held_event):
    """Four workers and the real people's clicks at once, on the database the run uses: every
    made-up hold lapses exactly once, every confirmed person keeps their turn, the places go
    in order, and each promotion is mailed once."""
    for n in range(6):
        hold(held_event, f"junk{n}@x.example")
    people = [hold(held_event, f"person{n}@ki.se").id for n in range(3)]
    lapse_holds()
    db.session.execute(  # the people's holds have time left
        update(Registration)
        .where(Registration.email.like("person%"))
        .values(hold_expires_at=utcnow() + timedelta(minutes=10))
    )
    db.session.commit()
    barrier = threading.Barrier(7)

    def in_thread(work):
        with app.app_context():
            barrier.wait()
            try:
                return work()
            finally:
                db.session.remove()

    def confirm(registration_id: int) -> int:
        confirm_address(db.session.get(Registration, registration_id))
        return 0

    jobs = [expire_lapsed_holds] * 4 + [lambda p=p: confirm(p) for p in people]
    with ThreadPoolExecutor(max_workers=7) as pool:
        lapsed = list(pool.map(in_thread, jobs))
    db.session.rollback()
    assert sum(lapsed) <= 6  # a confirmation lets lapsed holds go first too: none twice
    statuses = Counter(r.status for r in db.session.scalars(select(Registration)))
    assert statuses == {CANCELLED: 6, CONFIRMED: 2, WAITLISTED: 1}
    kinds = Counter(m.kind for m in outbox())
    assert kinds["registration_confirmed"] + kinds["registration_promoted"] == 2
    assert kinds["registration_waitlisted"] == 1


def _lapse_queries(event, count_queries, holds: int) -> int:
    for n in range(holds):
        hold(event, f"junk{holds}-{n}@x.example")
    lapse_holds()
    with count_queries() as queries:
        assert expire_lapsed_holds() == holds
    return queries.count


def test_letting_holds_lapse_takes_as_many_queries_for_fifty_as_for_five(held_event, count_queries):
    five = _lapse_queries(held_event, count_queries, 5)
    fifty = _lapse_queries(db.session.scalars(select(Event)).one(), count_queries, 50)
    print(f"\nletting holds lapse: {five} queries for 5, {fifty} for 50")
    assert five == fifty <= 8, (five, fifty)


def test_a_held_registration_takes_no_more_queries_with_more_holds(
    client, held_event, count_queries
):
    def register_counted(email: str) -> int:
        with count_queries() as queries:
            assert register(client, held_event, email=email).status_code == 200
        return queries.count

    first = register_counted("first@ki.se")
    for n in range(20):
        hold(held_event, f"junk{n}@x.example")
    assert register_counted("later@ki.se") == first
