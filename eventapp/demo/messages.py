"""The demo's organiser message: practical information to the upcoming edition's registrants,
in English and Swedish, so the back office's history has a message with its counts."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.messages.models import OrganiserMessage
from eventapp.messages.services import Audience, send_message

VERSIONS = {
    "en": {
        "subject": "Practical information before {event}",
        "body": (
            "Dear {name},\n\n"
            "We look forward to seeing you on {when} at {venue}.\n\n"
            "- Registration and coffee open half an hour before the first session.\n"
            "- The workshops you chose are listed on [your registration page]({link}); "
            "you can still change them there.\n"
            "- Bring your badge on your phone or printed: it is checked at the door.\n\n"
            "If you cannot come after all, please cancel so that someone on the waiting list "
            "gets your place."
        ),
    },
    "sv": {
        "subject": "Praktisk information inför {event}",
        "body": (
            "Hej {name}!\n\n"
            "Välkommen {when} till {venue}.\n\n"
            "- Registrering och kaffe öppnar en halvtimme före första programpunkten.\n"
            "- Workshopparna du har valt finns på [din anmälningssida]({link}); "
            "där kan du fortfarande ändra dem.\n"
            "- Ta med din namnbricka i mobilen eller utskriven: den kontrolleras i entrén.\n\n"
            "Om du inte kan komma ändå: avboka gärna, så att någon på väntelistan får din plats."
        ),
    },
}


def load_message(event: Event, organiser_email: str) -> bool:
    """Write the message once (to the confirmed registrants); True when it was written now."""
    exists = db.session.execute(
        select(OrganiserMessage.id).where(OrganiserMessage.event_id == event.id)
    ).first()
    author = db.session.execute(
        select(User).where(User.email == organiser_email)
    ).scalar_one_or_none()
    if exists is not None or author is None:
        return False
    db.session.flush()
    send_message(event, author, VERSIONS, Audience())
    return True
