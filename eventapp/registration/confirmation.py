"""Confirming an address: the held place becomes the person's, and holds that lapse.

The link in the e-mail opens the participant's page, whose button confirms (a POST: mail
scanners that open links must not confirm for anyone). Only the mailbox learns the link: the
registering browser is not sent to it while the address is unconfirmed.
"""

from __future__ import annotations

from flask_babel import gettext as _

from eventapp.core.db import transaction, utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.registration import capacity, holds
from eventapp.registration.errors import EventFull, RegistrationClosed, RegistrationError
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.registration.notify import send_registration_mail
from eventapp.registration.services import find_active, registration_closed_reason


def confirm_address(registration: Registration) -> Registration:
    """The person confirmed their address: the held place (or turn on the waiting list) is
    theirs for good, and they get the usual e-mail (with the invitation when confirmed).

    A hold that lapsed is tried again as a new registration would be, when registration is
    still open and the address has not registered again. Commits; confirming twice changes
    nothing the second time.
    """
    with transaction():
        event = capacity.lock_event(registration.event_id)
        holds.expire_due_holds(event)
        registration = db.session.get(Registration, registration.id, populate_existing=True)
        if registration is None:
            raise RegistrationError(_("No such registration."))
        if holds.is_lapsed_hold(registration):
            _take_again(event, registration)
        elif registration.status != RegistrationStatus.UNCONFIRMED:
            return registration
        _settle(event, registration)
    return registration


def _take_again(event, registration: Registration) -> None:
    """Reopen a lapsed hold as a new registration (under the event lock)."""
    reason = registration_closed_reason(event)
    if reason:
        raise RegistrationClosed(reason)
    if find_active(event.id, registration.email) is not None:
        raise RegistrationError(
            _("This address has registered again since; use the link in the newer e-mail.")
        )
    holds.hold_place(event, registration)
    registration.cancelled_at = None
    _choose_again(registration)


def _choose_again(registration: Registration) -> None:
    """A lapsed hold's session places went to others: its choices are taken again, each with a
    place if one is free, else on the session's waiting list (dropped when it has none)."""
    chosen = [c for c in registration.choices]
    for choice in chosen:
        registration.choices.remove(choice)
    db.session.flush()
    taken = capacity.session_taken(c.session_id for c in chosen)
    for choice in chosen:
        status = capacity.choice_status(choice.session, taken)
        if status is not None:
            registration.choices.append(
                RegistrationChoice(session_id=choice.session_id, status=status, created_at=utcnow())
            )


def _settle(event, registration: Registration) -> None:
    """Turn the held place into a confirmed one, or the held turn into one on the waiting list
    (promoted at once when a place is free), and tell the person."""
    now = utcnow()
    registration.hold_expires_at = None
    if registration.waitlisted_at is None:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        db.session.flush()
        send_registration_mail(registration, "confirmed")
        return
    if not event.waitlist_enabled:
        raise EventFull(_("This event is fully booked."))
    registration.status = RegistrationStatus.WAITLISTED
    db.session.flush()
    promoted = capacity.promote_event_waitlist(event)
    if registration not in promoted:
        send_registration_mail(registration, "waitlisted")
    for other in promoted:
        send_registration_mail(other, "confirmed" if other is registration else "promoted")


def expire_lapsed_holds() -> int:
    """Let every lapsed hold go, one event (and one lock) at a time; for the worker loop.
    Returns how many lapsed."""
    count = 0
    for event_id in holds.events_with_lapsed_holds():
        with transaction():
            count += len(holds.expire_due_holds(capacity.lock_event(event_id)))
    return count
