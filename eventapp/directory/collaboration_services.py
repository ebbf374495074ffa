"""Changing forums and agreements, and who may do it.

Who may edit a collaboration: a site administrator, or an organiser who acts for its
responsible unit, for that unit's parent (the municipality above a department), or for one of
its parties. Anyone logged in who acts for at least one organisation may create one, as long as
they could edit the result. An edit may not take the editor's own organisations out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from eventapp.auth.models import User, user_organisations
from eventapp.auth.rights import organisation_ids
from eventapp.core.errors import DomainError, Forbidden
from eventapp.core.translation import assign_texts
from eventapp.core.types import CollaborationKind, CollaborationStatus
from eventapp.directory.models import Collaboration, Organisation, Person, collaboration_parties
from eventapp.directory.periods import is_expiring, is_lapsed
from eventapp.directory.queries import active_then_ended, with_collaboration_facts
from eventapp.extensions import db


class InvalidCollaboration(DomainError):
    """The data breaks a rule of collaborations; ``field`` names the form field at fault."""

    status_code = 400

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


@dataclass
class CollaborationData:
    """Everything an organiser states about a forum or agreement."""

    name: str
    slug: str
    kind: CollaborationKind
    party_ids: list[int] = field(default_factory=list)
    purpose: str = ""
    responsible_unit_id: int | None = None
    contact_person_id: int | None = None
    contact_role: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    website: str = ""
    status: CollaborationStatus = CollaborationStatus.ACTIVE
    end_note: str = ""
    original_language: str = "en"
    #: The other language's name and purpose: ``{"sv": {"name": …, "purpose": …}}``.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def _is_user(user: Any) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.active


def involved_organisation_ids(responsible_unit_id: int | None, party_ids: list[int]) -> set[int]:
    """The organisations whose organisers may edit: the unit, the unit's parent, the parties."""
    involved = set(party_ids)
    if responsible_unit_id is not None:
        involved.add(responsible_unit_id)
        parent_id = db.session.scalar(
            select(Organisation.parent_id).where(Organisation.id == responsible_unit_id)
        )
        if parent_id is not None:
            involved.add(parent_id)
    return involved


def can_edit_collaboration(user: Any, collaboration: Collaboration) -> bool:
    """True if ``user`` may change ``collaboration`` (see the module docstring)."""
    if not _is_user(user):
        return False
    if user.is_site_admin:
        return True
    involved = involved_organisation_ids(
        collaboration.responsible_unit_id, [p.id for p in collaboration.parties]
    )
    return bool(involved & organisation_ids(user))


def can_create_collaboration(user: Any) -> bool:
    """True for site administrators and for organisers acting for some organisation."""
    return _is_user(user) and (user.is_site_admin or bool(organisation_ids(user)))


def require_collaboration_editor(user: Any, collaboration: Collaboration) -> None:
    """Raise ``Forbidden`` unless ``user`` may change ``collaboration``."""
    if not can_edit_collaboration(user, collaboration):
        raise Forbidden(_("You may not change this forum or agreement."))


def editable_collaborations(user: User) -> list[Collaboration]:
    """The collaborations ``user`` may change: active first, then ended, each by name."""
    stmt = with_collaboration_facts(select(Collaboration))
    if not user.is_site_admin:
        mine = select(user_organisations.c.organisation_id).where(
            user_organisations.c.user_id == user.id
        )
        stmt = stmt.where(
            or_(
                Collaboration.responsible_unit_id.in_(mine),
                Collaboration.responsible_unit_id.in_(
                    select(Organisation.id).where(Organisation.parent_id.in_(mine))
                ),
                Collaboration.id.in_(
                    select(collaboration_parties.c.collaboration_id).where(
                        collaboration_parties.c.organisation_id.in_(mine)
                    )
                ),
            )
        )
    return active_then_ended(db.session.scalars(stmt).all())


def needing_attention(
    collaborations: list[Collaboration], today: date
) -> tuple[list[Collaboration], list[Collaboration]]:
    """(expiring within 6 months, soonest first; past their end date but still marked active)."""
    expiring = sorted(
        (c for c in collaborations if is_expiring(c, today)), key=lambda c: c.valid_until
    )
    lapsed = sorted((c for c in collaborations if is_lapsed(c, today)), key=lambda c: c.valid_until)
    return expiring, lapsed


def period_error(valid_from: date | None, valid_until: date | None) -> str | None:
    """The message for a period that ends before it starts, else None."""
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        return _("The end date must not be before the start date.")
    return None


def duplicate_party_error(party_ids: list[int], names: dict[int, str]) -> str | None:
    """The message for a party listed more than once, else None."""
    seen: set[int] = set()
    for party_id in party_ids:
        if party_id in seen:
            name = names.get(party_id, str(party_id))
            return _("%(name)s is listed twice as a party.", name=name)
        seen.add(party_id)
    return None


def check_collaboration(data: CollaborationData, current: Collaboration | None = None) -> None:
    """Raise ``InvalidCollaboration`` for the first broken rule of ``data``."""
    if not data.name.strip():
        raise InvalidCollaboration("name", _("Give the forum or agreement a name."))
    message = period_error(data.valid_from, data.valid_until)
    if message:
        raise InvalidCollaboration("valid_until", message)
    known = dict(
        db.session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.id.in_([*data.party_ids, data.responsible_unit_id or 0])
            )
        ).all()
    )
    message = duplicate_party_error(data.party_ids, known)
    if message:
        raise InvalidCollaboration("parties", message)
    unknown = [i for i in data.party_ids if i not in known]
    if unknown:
        raise InvalidCollaboration("parties", _("Unknown organisation: %(id)s.", id=unknown[0]))
    if data.responsible_unit_id is not None and data.responsible_unit_id not in known:
        raise InvalidCollaboration(
            "responsible_unit",
            _("Unknown unit: there is no organisation %(id)s.", id=data.responsible_unit_id),
        )
    person_id = data.contact_person_id
    if person_id is not None and db.session.get(Person, person_id) is None:
        raise InvalidCollaboration(
            "contact_person",
            _("Unknown person: there is nobody with id %(id)s.", id=data.contact_person_id),
        )
    taken = db.session.scalar(select(Collaboration.id).where(Collaboration.slug == data.slug))
    if taken is not None and (current is None or taken != current.id):
        raise InvalidCollaboration("slug", _("Another forum or agreement has this address."))


def _check_editor_keeps_rights(user: User, data: CollaborationData) -> None:
    """An organiser may only save a collaboration their own organisations take part in."""
    if user.is_site_admin:
        return
    involved = involved_organisation_ids(data.responsible_unit_id, data.party_ids)
    if not involved & organisation_ids(user):
        raise InvalidCollaboration(
            "parties",
            _(
                "One of your organisations must be a party or the responsible unit "
                "(or the unit's parent); otherwise you could not edit this afterwards."
            ),
        )


def _apply(collaboration: Collaboration, data: CollaborationData) -> None:
    parties = db.session.scalars(
        select(Organisation).where(Organisation.id.in_(data.party_ids))
    ).all()
    collaboration.name = data.name.strip()
    collaboration.slug = data.slug
    collaboration.kind = data.kind
    collaboration.purpose = data.purpose
    collaboration.parties = list(parties)
    collaboration.responsible_unit_id = data.responsible_unit_id
    collaboration.contact_person_id = data.contact_person_id
    collaboration.contact_role = data.contact_role
    collaboration.valid_from = data.valid_from
    collaboration.valid_until = data.valid_until
    collaboration.website = data.website
    collaboration.status = data.status
    collaboration.end_note = data.end_note
    assign_texts(
        collaboration,
        {"original_language": data.original_language, "translations": data.translations},
    )


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise InvalidCollaboration(
            "slug", _("Another forum or agreement has this address.")
        ) from None


def create_collaboration(user: Any, data: CollaborationData) -> Collaboration:
    """Store a new forum or agreement (all checks first: nothing is stored on bad input)."""
    if not can_create_collaboration(user):
        raise Forbidden(_("You may not add forums or agreements."))
    check_collaboration(data)
    _check_editor_keeps_rights(user, data)
    collaboration = Collaboration(name=data.name, slug=data.slug, kind=data.kind)
    _apply(collaboration, data)
    db.session.add(collaboration)
    _commit()
    return collaboration


def update_collaboration(user: Any, collaboration: Collaboration, data: CollaborationData) -> None:
    """Change a forum or agreement (all checks first: nothing is stored on bad input)."""
    require_collaboration_editor(user, collaboration)
    check_collaboration(data, current=collaboration)
    _check_editor_keeps_rights(user, data)
    _apply(collaboration, data)
    _commit()


def end_collaboration(user: Any, collaboration: Collaboration, ended_on: date, note: str) -> None:
    """Mark a collaboration ended on ``ended_on`` (its period is cut short there) with a note."""
    require_collaboration_editor(user, collaboration)
    if collaboration.status == CollaborationStatus.ENDED:
        raise InvalidCollaboration("ended_on", _("This collaboration has already ended."))
    message = period_error(collaboration.valid_from, ended_on)
    if message:
        raise InvalidCollaboration("ended_on", _("It cannot end before it started."))
    if collaboration.valid_until is None or collaboration.valid_until > ended_on:
        collaboration.valid_until = ended_on
    collaboration.status = CollaborationStatus.ENDED
    collaboration.end_note = note.strip()
    _commit()
