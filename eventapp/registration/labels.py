"""Translatable names of registration categories and statuses: one list for the registration
form, the organiser's lists and forms, the badges and the door."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_babel.speaklater import LazyString

from eventapp.core.types import RegistrationCategory, RegistrationStatus

# Keyed by the enumerations, which are strings: ``CATEGORY_LABELS["speaker"]`` works too.
CATEGORY_LABELS: dict[RegistrationCategory, LazyString] = {
    RegistrationCategory.PARTICIPANT: _l("Participant"),
    RegistrationCategory.SPEAKER: _l("Speaker"),
    RegistrationCategory.ORGANISER: _l("Organiser"),
    RegistrationCategory.PRESS: _l("Press"),
    RegistrationCategory.EXHIBITOR: _l("Exhibitor"),
}

STATUS_LABELS: dict[RegistrationStatus, LazyString] = {
    RegistrationStatus.UNCONFIRMED: _l("Awaiting e-mail confirmation"),
    RegistrationStatus.PENDING: _l("Awaiting approval"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("Waiting list"),
    # A person's registration, not an event ("Avbokad", not "Inställt").
    RegistrationStatus.CANCELLED: lazy_pgettext("registration", "Cancelled"),
    RegistrationStatus.REJECTED: _l("Not accepted"),
}
