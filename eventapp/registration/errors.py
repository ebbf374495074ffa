"""Why a registration was refused: domain errors the views turn into clear messages."""

from __future__ import annotations

from eventapp.core.errors import DomainError


class RegistrationError(DomainError):
    """A registration rule refused the action."""

    status_code = 409


class RegistrationClosed(RegistrationError):
    """The event does not take registrations now (window, cancelled, switched off)."""


class EventFull(RegistrationError):
    """No place is left and the event has no waiting list."""


class SessionFull(RegistrationError):
    """A chosen session has no place left and no waiting list."""


class InvalidChoice(RegistrationError):
    """A session or category that the event does not offer."""

    status_code = 400
