"""What the audit log's actions are called on the organiser's event page ("event.created" is a
key for programs, not a word for people)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

AUDIT_ACTION_LABELS: dict[str, LazyString] = {
    "event.created": _l("Event created"),
    "event.updated": _l("Event edited"),
    "event.published": _l("Published"),
    "event.unpublished": _l("Back to draft"),
    "event.cancelled": _l("Event cancelled"),
    "event.archived": _l("Archived"),
    "event.cloned": _l("Created as the next edition of"),
    "event.next_edition": _l("Next edition created"),
    "session.added": _l("Session added"),
    "session.updated": _l("Session edited"),
    "session.deleted": _l("Session deleted"),
    "session.cancelled": _l("Session cancelled"),
    "session.reinstated": _l("Session reinstated"),
    "session.unplaced": _l("Session taken back to the list to place"),
    "event.reminders": _l("Reminders changed"),
    "event.public_grid": _l("Public programme grid changed"),
    "message.sent": _l("Message sent to registrants"),
    "registration.add": _l("Registration added by hand"),
    "registration.remove": _l("Registrations removed"),
    "registration.message": _l("Message sent to registrants"),
    "registration.approve": _l("Registration approved"),
    "registration.reject": _l("Registration not accepted"),
    "registration.promote": _l("Moved from the waiting list"),
    "registration.cancel": _l("Registration cancelled"),
    "registration.resend": _l("Link sent again"),
    "badge.reissue_code": _l("New badge code"),
    "checkin.undo": _l("Check-in undone"),
}


def audit_action_label(action: str) -> str:
    """The action in the reader's language (an action of a newer version: as stored)."""
    label = AUDIT_ACTION_LABELS.get(action)
    return str(label) if label is not None else action
