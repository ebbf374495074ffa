"""The timetable editor: add, edit, move, cancel and delete sessions."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.core.types import SessionStatus
from eventapp.extensions import db
from eventapp.manage import bp, timetable
from eventapp.manage.fields import to_aware, to_local
from eventapp.manage.forms import ActionForm
from eventapp.manage.forms_timetable import MoveForm, SessionForm, session_form_data


def _conflict_on_form(form, conflict: timetable.TimetableConflict) -> None:
    """Show each clash on the field it concerns."""
    db.session.rollback()
    for name, messages in conflict.problems.items():
        field = getattr(form, name, None) or form.starts_at
        field.errors = [*field.errors, *messages]


@bp.get("/manage/events/<slug>/timetable")
@login_required
def timetable_page(slug: str):
    """The event's sessions by day, with the buttons to change them."""
    event = get_managed_event(current_user, slug)
    sessions = timetable.timetable(current_user, event)
    return render_template("manage/timetable.html", event=event, sessions=sessions)


@bp.route("/manage/events/<slug>/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(slug: str):
    """Add a session."""
    event = get_managed_event(current_user, slug)
    local_start = to_local(event.starts_at, event.timezone)
    form = SessionForm(data={"starts_at": local_start}, event=event)
    if form.validate_on_submit():
        try:
            session = timetable.add_session(current_user, event, form.to_data())
        except timetable.TimetableConflict as conflict:
            _conflict_on_form(form, conflict)
        else:
            flash(_("“%(title)s” is added.", title=session.title), "success")
            return redirect(url_for("manage.timetable_page", slug=slug))
    return render_template("manage/session_form.html", event=event, form=form, session=None)


@bp.route("/manage/events/<slug>/sessions/<int:session_id>", methods=["GET", "POST"])
@login_required
def edit_session(slug: str, session_id: int):
    """Edit a session and its speakers."""
    event = get_managed_event(current_user, slug)
    session = timetable.get_session(current_user, event, session_id)
    form = SessionForm(data=session_form_data(session, event.timezone), event=event)
    if form.validate_on_submit():
        try:
            timetable.update_session(current_user, event, session, form.to_data())
        except timetable.TimetableConflict as conflict:
            _conflict_on_form(form, conflict)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.timetable_page", slug=slug))
    return render_template("manage/session_form.html", event=event, form=form, session=session)


@bp.route("/manage/events/<slug>/sessions/<int:session_id>/move", methods=["GET", "POST"])
@login_required
def move_session(slug: str, session_id: int):
    """Move a session to another time or room, keeping its length."""
    event = get_managed_event(current_user, slug)
    session = timetable.get_session(current_user, event, session_id)
    form = MoveForm(
        data={
            "starts_at": to_local(session.starts_at, event.timezone),
            "room_id": session.room_id or 0,
        },
        event=event,
    )
    if form.validate_on_submit():
        try:
            timetable.move_session(
                current_user,
                event,
                session,
                to_aware(form.starts_at.data, event.timezone),
                form.room_id.data or None,
            )
        except timetable.TimetableConflict as conflict:
            db.session.rollback()
            for name, messages in conflict.problems.items():
                field = form.room_id if name == "room_id" else form.starts_at
                field.errors = [*field.errors, *messages]
        else:
            flash(_("Moved."), "success")
            return redirect(url_for("manage.timetable_page", slug=slug))
    return render_template("manage/move_session.html", event=event, form=form, session=session)


def _set_status(slug: str, session_id: int, status: SessionStatus, done: str):
    event = get_managed_event(current_user, slug)
    session = timetable.get_session(current_user, event, session_id)
    if ActionForm().validate_on_submit():
        try:
            timetable.set_session_status(current_user, event, session, status)
        except timetable.TimetableConflict as conflict:
            db.session.rollback()
            flash(conflict.message, "error")
        else:
            flash(done, "success")
    return redirect(url_for("manage.timetable_page", slug=slug))


@bp.post("/manage/events/<slug>/sessions/<int:session_id>/cancel")
@login_required
def cancel_session(slug: str, session_id: int):
    """Cancel a session (it stays in the timetable, marked cancelled)."""
    return _set_status(slug, session_id, SessionStatus.CANCELLED, _("The session is cancelled."))


@bp.post("/manage/events/<slug>/sessions/<int:session_id>/reinstate")
@login_required
def reinstate_session(slug: str, session_id: int):
    """Put a cancelled session back on the programme."""
    return _set_status(slug, session_id, SessionStatus.SCHEDULED, _("The session is back."))


@bp.post("/manage/events/<slug>/sessions/<int:session_id>/delete")
@login_required
def delete_session(slug: str, session_id: int):
    """Delete a session for good."""
    event = get_managed_event(current_user, slug)
    session = timetable.get_session(current_user, event, session_id)
    if ActionForm().validate_on_submit():
        timetable.delete_session(current_user, event, session)
        flash(_("The session is deleted."), "success")
    return redirect(url_for("manage.timetable_page", slug=slug))
