"""Session groups: sessions of which a participant may choose at most some (parallel
workshops). The organiser's functions, and the check every choice of sessions passes
(``registration.services`` at registration and on every change)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.core.errors import NotFound
from eventapp.core.translation import assign_texts
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.regforms.models import SessionGroup, SessionGroupMember
from eventapp.regforms.services import InvalidFormRule


@dataclass
class GroupData:
    """What the organiser gives for a session group."""

    name: str
    max_choices: int
    session_ids: list[int]
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def event_groups(event_id: int) -> list[SessionGroup]:
    """The event's session groups with their sessions (2 queries)."""
    stmt = (
        select(SessionGroup)
        .where(SessionGroup.event_id == event_id)
        .options(selectinload(SessionGroup.members))
        .order_by(SessionGroup.id)
    )
    return list(db.session.execute(stmt).scalars())


def group_of(event: Event, group_id: int | None) -> SessionGroup:
    """The event's group ``group_id``; NotFound for another event's or none."""
    group = db.session.get(SessionGroup, group_id) if group_id else None
    if group is None or group.event_id != event.id:
        raise NotFound(_("No such session group."))
    return group


def save_group(event: Event, data: GroupData, group: SessionGroup | None = None) -> SessionGroup:
    """Create or change a group. A session of the event's choosable ones joins it, leaving the
    group it was in (a session is in one group at most). Flushes."""
    if data.max_choices < 1:
        raise InvalidFormRule(_("Allow at least one choice."), "max_choices")
    wanted = list(dict.fromkeys(data.session_ids))
    stmt = select(Session.id).where(Session.event_id == event.id, Session.id.in_(wanted))
    own = set(db.session.execute(stmt).scalars())
    if len(own) != len(wanted):
        raise InvalidFormRule(_("A chosen session is not one of this event's."), "sessions")
    if len(wanted) < 2:
        raise InvalidFormRule(_("A group needs at least two sessions."), "sessions")
    if group is None:
        group = SessionGroup(event_id=event.id, original_language=event.language or "en")
        db.session.add(group)
    assign_texts(
        group,
        {
            "name": data.name.strip(),
            "max_choices": data.max_choices,
            "translations": data.translations,
        },
    )
    db.session.flush()
    db.session.execute(
        SessionGroupMember.__table__.delete().where(
            (SessionGroupMember.session_id.in_(wanted)) | (SessionGroupMember.group_id == group.id)
        )
    )
    db.session.expire(group, ["members"])
    for session_id in wanted:
        db.session.add(SessionGroupMember(group_id=group.id, session_id=session_id))
    db.session.flush()
    return group


def delete_group(group: SessionGroup) -> None:
    """Remove a group (its sessions stay, free to be chosen together). Flushes."""
    db.session.delete(group)
    db.session.flush()


def group_by_session(groups: Iterable[SessionGroup]) -> dict[int, SessionGroup]:
    """Session id → the group it is in."""
    return {m.session_id: g for g in groups for m in g.members}


def group_limit_exceeded(event_id: int, session_ids: Iterable[int]) -> str | None:
    """Why the chosen sessions are too many for one of the event's groups, or None (2 queries,
    none when nothing is chosen)."""
    chosen = set(session_ids)
    if not chosen:
        return None
    for group in event_groups(event_id):
        count = sum(1 for m in group.members if m.session_id in chosen)
        if count > group.max_choices:
            return ngettext(
                "Choose at most %(num)d session of “%(group)s”.",
                "Choose at most %(num)d sessions of “%(group)s”.",
                group.max_choices,
                group=group.text("name"),
            )
    return None
