"""Read side of the directory: each page's data in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from eventapp.core.db import utcnow
from eventapp.core.errors import NotFound
from eventapp.core.types import (
    CollaborationKind,
    CollaborationStatus,
    EventStatus,
    OrganisationKind,
    OrganiserRole,
)
from eventapp.directory.models import Collaboration, Organisation, Person, collaboration_parties
from eventapp.directory.periods import expiry_horizon
from eventapp.events.models import Event, EventOrganiser, EventSeries, Session, SessionSpeaker
from eventapp.extensions import db

#: Event statuses the public may see (drafts are the organisers' own business).
PUBLIC_EVENT_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.ARCHIVED)

STATUS_FILTERS = ("active", "ended", "expiring")


@dataclass
class OrganisationNode:
    """An organisation with its units, nested as deep as the directory goes."""

    organisation: Organisation
    units: list[OrganisationNode] = field(default_factory=list)


@dataclass
class CollaborationFilter:
    """The filters of ``/collaborations/``; ``None`` means "any"."""

    party_id: int | None = None
    kind: CollaborationKind | None = None
    unit_id: int | None = None
    status: str | None = None  # one of STATUS_FILTERS


def with_collaboration_facts(stmt: Select) -> Select:
    """Eager-load what every collaboration listing shows (parties, unit and its parent, contact)."""
    return stmt.options(
        selectinload(Collaboration.parties),
        joinedload(Collaboration.responsible_unit).joinedload(Organisation.parent),
        joinedload(Collaboration.contact_person),
    )


def active_then_ended(collaborations: Iterable[Collaboration]) -> list[Collaboration]:
    """Active collaborations first, then ended ones, each by name."""
    return sorted(
        collaborations,
        key=lambda c: (c.status != CollaborationStatus.ACTIVE, c.name.casefold()),
    )


def organisation_tree() -> list[tuple[OrganisationKind, list[OrganisationNode]]]:
    """Every organisation, top-level ones grouped by kind and units nested under their parent."""
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    nodes = {o.id: OrganisationNode(o) for o in organisations}
    roots: list[OrganisationNode] = []
    for org in organisations:
        parent = nodes.get(org.parent_id) if org.parent_id is not None else None
        (parent.units if parent is not None else roots).append(nodes[org.id])
    # A parent cycle (A under B under A) is reachable from no root: show its members at the top.
    reached: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        reached.add(node.organisation.id)
        stack.extend(n for n in node.units if n.organisation.id not in reached)
    roots.extend(OrganisationNode(o) for o in organisations if o.id not in reached)
    groups: dict[OrganisationKind, list[OrganisationNode]] = {kind: [] for kind in OrganisationKind}
    for node in roots:
        groups[node.organisation.kind].append(node)
    return [(kind, members) for kind, members in groups.items() if members]


@dataclass
class OrganisationPage:
    """What ``/organisations/<slug>/`` shows."""

    organisation: Organisation
    collaborations: list[Collaboration]
    upcoming: list[tuple[Event, OrganiserRole]]
    past: list[tuple[Event, OrganiserRole]]
    people: list[Person]


def get_organisation(slug: str) -> Organisation:
    """The organisation with ``slug`` (its parent and units loaded), or 404."""
    organisation = db.session.scalars(
        select(Organisation)
        .where(Organisation.slug == slug)
        .options(joinedload(Organisation.parent), selectinload(Organisation.units))
    ).one_or_none()
    if organisation is None:
        raise NotFound(_("No such organisation."))
    return organisation


def organisation_page(slug: str, now: datetime | None = None) -> OrganisationPage:
    """The organisation, its forums and agreements, its public events and its people."""
    organisation = get_organisation(slug)
    collaborations = db.session.scalars(
        with_collaboration_facts(select(Collaboration)).where(
            or_(
                Collaboration.responsible_unit_id == organisation.id,
                Collaboration.id.in_(
                    select(collaboration_parties.c.collaboration_id).where(
                        collaboration_parties.c.organisation_id == organisation.id
                    )
                ),
            )
        )
    ).all()
    rows = db.session.execute(
        select(Event, EventOrganiser.role)
        .join(EventOrganiser, EventOrganiser.event_id == Event.id)
        .where(
            EventOrganiser.organisation_id == organisation.id,
            Event.status.in_(PUBLIC_EVENT_STATUSES),
        )
        .order_by(Event.starts_at, Event.id)
    ).all()
    now = now or utcnow()
    upcoming = [(e, r) for e, r in rows if e.ends_at >= now]
    past = [(e, r) for e, r in reversed(rows) if e.ends_at < now]
    people = db.session.scalars(
        select(Person).where(Person.affiliation_id == organisation.id).order_by(Person.name)
    ).all()
    return OrganisationPage(
        organisation, active_then_ended(collaborations), upcoming, past, list(people)
    )


@dataclass
class PersonPage:
    """What ``/people/<slug>/`` shows."""

    person: Person
    speaking: list[SessionSpeaker]
    contact_for: list[Collaboration]


def person_page(slug: str) -> PersonPage:
    """The person, their sessions at public events, and the agreements they are contact for."""
    person = db.session.scalars(
        select(Person).where(Person.slug == slug).options(joinedload(Person.affiliation))
    ).one_or_none()
    if person is None:
        raise NotFound(_("No such person."))
    speaking = db.session.scalars(
        select(SessionSpeaker)
        .join(SessionSpeaker.session)
        .join(Session.event)
        .where(SessionSpeaker.person_id == person.id, Event.status.in_(PUBLIC_EVENT_STATUSES))
        .options(contains_eager(SessionSpeaker.session).contains_eager(Session.event))
        .order_by(Session.starts_at.desc(), Session.id)
    ).all()
    contact_for = db.session.scalars(
        with_collaboration_facts(select(Collaboration)).where(
            Collaboration.contact_person_id == person.id
        )
    ).all()
    return PersonPage(person, list(speaking), active_then_ended(contact_for))


def list_collaborations(
    filters: CollaborationFilter | None = None, today: date | None = None
) -> list[Collaboration]:
    """Collaborations matching ``filters``: active first, then ended, each by name."""
    filters = filters or CollaborationFilter()
    stmt = with_collaboration_facts(select(Collaboration))
    if filters.party_id is not None:
        stmt = stmt.where(
            Collaboration.id.in_(
                select(collaboration_parties.c.collaboration_id).where(
                    collaboration_parties.c.organisation_id == filters.party_id
                )
            )
        )
    if filters.kind is not None:
        stmt = stmt.where(Collaboration.kind == filters.kind)
    if filters.unit_id is not None:
        stmt = stmt.where(Collaboration.responsible_unit_id == filters.unit_id)
    if filters.status == "active":
        stmt = stmt.where(Collaboration.status == CollaborationStatus.ACTIVE)
    elif filters.status == "ended":
        stmt = stmt.where(Collaboration.status == CollaborationStatus.ENDED)
    elif filters.status == "expiring":
        stmt = stmt.where(*expiring_clauses(today or date.today()))
    return active_then_ended(db.session.scalars(stmt).all())


def expiring_clauses(today: date) -> tuple:
    """WHERE clauses of "active and ends between today and six months from today"."""
    return (
        Collaboration.status == CollaborationStatus.ACTIVE,
        Collaboration.valid_until.is_not(None),
        Collaboration.valid_until >= today,
        Collaboration.valid_until <= expiry_horizon(today),
    )


def filter_organisations() -> tuple[list[Organisation], list[Organisation]]:
    """The organisations offered by the filters: (parties, responsible units), by name."""
    party_ids = select(collaboration_parties.c.organisation_id)
    unit_ids = select(Collaboration.responsible_unit_id).where(
        Collaboration.responsible_unit_id.is_not(None)
    )
    rows = db.session.execute(
        select(Organisation, Organisation.id.in_(party_ids), Organisation.id.in_(unit_ids))
        .where(or_(Organisation.id.in_(party_ids), Organisation.id.in_(unit_ids)))
        .order_by(Organisation.name)
    ).all()
    return [o for o, is_party, _ in rows if is_party], [o for o, _, is_unit in rows if is_unit]


@dataclass
class CollaborationPage:
    """What ``/collaborations/<slug>/`` shows."""

    collaboration: Collaboration
    series: list[EventSeries]
    events: list[Event]


def get_collaboration(slug: str) -> Collaboration:
    """The collaboration with ``slug`` and its facts, or 404."""
    collaboration = db.session.scalars(
        with_collaboration_facts(select(Collaboration)).where(Collaboration.slug == slug)
    ).one_or_none()
    if collaboration is None:
        raise NotFound(_("No such forum or agreement."))
    return collaboration


def collaboration_page(slug: str) -> CollaborationPage:
    """The collaboration, the series run under it, and its public events (with its series')."""
    collaboration = get_collaboration(slug)
    series = db.session.scalars(
        select(EventSeries)
        .where(EventSeries.collaboration_id == collaboration.id)
        .order_by(EventSeries.name)
    ).all()
    events = db.session.scalars(
        select(Event)
        .where(
            Event.status.in_(PUBLIC_EVENT_STATUSES),
            or_(
                Event.collaboration_id == collaboration.id,
                Event.series_id.in_(
                    select(EventSeries.id).where(EventSeries.collaboration_id == collaboration.id)
                ),
            ),
        )
        .order_by(Event.starts_at, Event.id)
    ).all()
    return CollaborationPage(collaboration, list(series), list(events))
