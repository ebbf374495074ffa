"""Keyboard alone on a phone-sized screen: forms filled with Tab and typing, sent with Enter."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from eventapp.core.types import RegistrationStatus
from eventapp.registration.models import Registration
from tests.browser.test_journeys import PASSWORD
from tests.builders import make_event, make_organisation, make_user


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    target = page.locator(selector)
    for _press in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_registration_by_keyboard_alone_on_a_phone(db, live_server, phone):
    event = make_event("Keyboard symposium", ask_dietary=True)
    db.session.commit()
    phone.goto(f"{live_server.url}/events/{event.slug}/register")

    tab_to(phone, "#name")
    phone.keyboard.type("Kim Keyboard")
    phone.keyboard.press("Tab")
    expect(phone.locator("#email")).to_be_focused()
    phone.keyboard.type("kim@example.org")
    tab_to(phone, "#dietary_needs")
    phone.keyboard.type("Vegetarian")
    tab_to(phone, "#consent")
    phone.keyboard.press("Space")
    expect(phone.locator("#consent")).to_be_checked()
    tab_to(phone, "form.registration-form button.primary")
    phone.keyboard.press("Enter")

    phone.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]+/$"))
    db.session.rollback()
    registration = db.session.scalars(
        select(Registration).where(Registration.email == "kim@example.org")
    ).one()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.dietary_needs == "Vegetarian"


def test_enter_in_a_field_registers_and_adds_no_colleagues_row(db, live_server, phone):
    """The colleagues' "add a row" button comes before "Register" in the form: Enter in a field
    must still register (a browser sends a form with its first submit button)."""
    event = make_event("Enter symposium")
    db.session.commit()
    phone.goto(f"{live_server.url}/events/{event.slug}/register")
    phone.locator("#name").fill("Erik Enter")
    phone.locator("#email").fill("erik@example.org")
    phone.locator("#consent").check()
    phone.locator("#email").press("Enter")

    phone.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]+/$"))
    db.session.rollback()
    registration = db.session.scalars(
        select(Registration).where(Registration.email == "erik@example.org")
    ).one()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_login_by_keyboard_alone_with_enter_in_the_password_field(db, live_server, phone):
    make_user("keys@example.org", organisations=[make_organisation()], password=PASSWORD)
    db.session.commit()
    phone.goto(f"{live_server.url}/manage/login")
    tab_to(phone, "input[name=email]")
    phone.keyboard.type("keys@example.org")
    phone.keyboard.press("Tab")
    phone.keyboard.type(PASSWORD)
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/manage/(?!login)"))
    expect(phone.locator("main h1")).to_be_visible()
