"""Domain errors: a business rule refused an action (the pages for them: ``error_pages``)."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused an action; views turn it into a 4xx with this message, or put it
    on the form beside ``field`` when the error belongs to one (``core.forms.show_error``)."""

    status_code = 409

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def by_field(self) -> dict[str | None, list[str]]:
        """The messages by the form field each belongs to (None: the whole form)."""
        return {self.field: [self.message]}


class BadRequest(DomainError):
    status_code = 400


class NotFound(DomainError):
    status_code = 404


class Forbidden(DomainError):
    status_code = 403
