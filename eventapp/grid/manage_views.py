"""The organiser's grid: the timetable page, and the moves, drops and undo its script posts
(plain form posts, CSRF-protected; JSON answers for the script, redirects for a browser)."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.core.error_pages import wants_json
from eventapp.core.errors import DomainError
from eventapp.core.forms import ConfirmForm, id_or_none, to_aware
from eventapp.events import timetable_services as timetable
from eventapp.events.models import Event, Session
from eventapp.grid import services
from eventapp.grid.blueprint import bp
from eventapp.grid.forms import GridMoveForm, GridPlaceForm, PublicGridForm
from eventapp.grid.services import LastChange

#: The organiser's last grid change, in their own signed session cookie (not in process memory:
#: every worker reads the same cookie).
UNDO_KEY = "grid_undo"


def _last_change(event: Event) -> LastChange | None:
    change = LastChange.from_dict(session.get(UNDO_KEY))
    return change if change is not None and change.event_id == event.id else None


def timetable_context(event: Event) -> dict:
    """What the timetable page and its refreshed body show."""
    return {
        "event": event,
        "grid": services.event_grid(current_user, event),
        "pending": services.unscheduled(event),
        "placed_minutes": services.PLACED_MINUTES,
        "can_undo": _last_change(event) is not None,
        "public_form": PublicGridForm(data={"shown": event.public_grid}),
    }


def render_timetable(event: Event):
    """The organiser's timetable: the grid, its side list, and the list it falls back to."""
    return render_template("grid/timetable.html", **timetable_context(event))


def _answer(event: Event, message: str, status: int = 200, focus: int | None = None):
    """The script gets the message and the page's new body; a browser the page again."""
    if wants_json():
        body = render_template("grid/_body.html", **timetable_context(event))
        return {"ok": status < 400, "message": message, "html": body, "focus": focus}, status
    flash(message, "success" if status < 400 else "error")
    return redirect(url_for("manage.timetable_page", slug=event.slug))


def _refused(event: Event, form) -> tuple:
    errors = [m for field_errors in form.errors.values() for m in field_errors]
    messages = [str(m) for m in errors if not isinstance(m, dict)]
    return _answer(event, " ".join(messages) or _("The form expired. Please try again."), 422)


def _change(event: Event, form, run: Callable[[], tuple[Session, LastChange, str]]):
    """A drop: the form checked, ``run`` changes the timetable (or raises the clash), the
    change kept for an undo, the answer focused on the session."""
    if not form.validate_on_submit():
        return _refused(event, form)
    try:
        block, change, message = run()
    except DomainError as error:
        return _answer(event, error.message, error.status_code)
    session[UNDO_KEY] = change.as_dict()
    return _answer(event, message, focus=block.id)


@bp.post("/manage/events/<slug>/grid/move")
@login_required
def move(slug: str):
    """Move or resize a session dropped in the grid, with the session form's clash checks."""
    event = get_managed_event(current_user, slug)
    form = GridMoveForm(event=event)

    def run() -> tuple[Session, LastChange, str]:
        block = timetable.get_session(current_user, event, form.session_id.data)
        change = services.move_block(
            current_user,
            event,
            block,
            starts_at=to_aware(form.starts_at.data, event.timezone),
            ends_at=to_aware(form.ends_at.data, event.timezone),
            room_id=id_or_none(form.room_id.data),
        )
        return block, change, _("“%(title)s” is moved.", title=block.title)

    return _change(event, form, run)


@bp.post("/manage/events/<slug>/grid/place")
@login_required
def place(slug: str):
    """Place an accepted contribution dropped from the side list."""
    event = get_managed_event(current_user, slug)
    form = GridPlaceForm(event=event)

    def run() -> tuple[Session, LastChange, str]:
        submission = services.get_unscheduled(event, form.submission_id.data)
        block, change = services.place_block(
            current_user,
            event,
            submission,
            starts_at=to_aware(form.starts_at.data, event.timezone),
            room_id=id_or_none(form.room_id.data),
        )
        return block, change, _("“%(title)s” is in the timetable.", title=block.title)

    return _change(event, form, run)


@bp.post("/manage/events/<slug>/grid/undo")
@login_required
def undo(slug: str):
    """Undo the last move or drop made in this event's grid."""
    event = get_managed_event(current_user, slug)
    if not ConfirmForm().validate_on_submit():
        return _answer(event, _("The form expired. Please try again."), 422)
    try:
        block = services.undo(current_user, event, _last_change(event))
    except DomainError as error:
        return _answer(event, error.message, error.status_code)
    session.pop(UNDO_KEY, None)
    if block is None:
        return _answer(event, _("The contribution is back on the list to place."))
    return _answer(event, _("“%(title)s” is back.", title=block.title), focus=block.id)


@bp.post("/manage/events/<slug>/grid/public")
@login_required
def public(slug: str):
    """Show the read-only grid on the public event page, or stop."""
    event = get_managed_event(current_user, slug)
    form = PublicGridForm()
    if not form.validate_on_submit():
        return _answer(event, _("The form expired. Please try again."), 422)
    services.set_public_grid(current_user, event, form.shown.data)
    if form.shown.data:
        return _answer(event, _("The public event page shows the grid (with several rooms)."))
    return _answer(event, _("The public event page shows the list only."))
