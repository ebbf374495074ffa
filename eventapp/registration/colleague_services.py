"""Registering colleagues from one form: each person their own registration, link and e-mail.

The person filling in the form is registered first, then each colleague in the order given,
each through ``register_participant`` under its own short event lock: capacity and the waiting
list apply per person in that order, and the e-mail confirmation hold (``holds.py``) applies to
each address, so a colleague's place is held until they confirm it themselves. A colleague
takes the category, the sessions and the answers of the form, and changes them on their own
page; nobody consents for them (their ``consent_at`` stays empty).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventapp.events.models import Event
from eventapp.regforms.models import Question
from eventapp.regforms.services import event_questions
from eventapp.registration.errors import RegistrationError
from eventapp.registration.services import (
    RegistrationData,
    RegistrationOutcome,
    register_participant,
)


@dataclass
class Colleague:
    """A colleague as the form gives them."""

    name: str
    email: str
    affiliation: str = ""


@dataclass
class ColleagueOutcome:
    """What became of one colleague: registered (``outcome``) or refused (``reason``)."""

    colleague: Colleague
    outcome: RegistrationOutcome | None = None
    reason: str = ""


def register_with_colleagues(
    event: Event,
    data: RegistrationData,
    colleagues: list[Colleague],
    questions: list[Question] | None = None,
) -> tuple[RegistrationOutcome, list[ColleagueOutcome]]:
    """Register the form's person (its refusal is raised as usual), then each colleague in
    order; a colleague refused (the event full, say) is reported, not raised. Commits once per
    person; sends each person their own e-mail (through the outbox)."""
    if questions is None:
        questions = event_questions(event.id)
    lead = register_participant(event, data, questions=questions)
    results: list[ColleagueOutcome] = []
    for colleague in colleagues:
        person = replace(
            data,
            name=colleague.name,
            email=colleague.email,
            affiliation=colleague.affiliation,
            consent=False,
            session_ids=list(data.session_ids),
            answers=dict(data.answers),
            note=f"Registered by {data.name.strip()} <{data.email.strip().lower()}>",
        )
        try:
            outcome = register_participant(event, person, questions=questions)
            results.append(ColleagueOutcome(colleague, outcome))
        except RegistrationError as error:
            results.append(ColleagueOutcome(colleague, reason=error.message))
    return lead, results
