"""Back-office pages of events: the list, create and edit, life cycle, next edition, the
timetable editor, and series."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event, require_series_manager
from eventapp.core.forms import show_error, to_aware, to_local, translation_data
from eventapp.core.timefmt import to_zone
from eventapp.core.types import SessionStatus
from eventapp.events import lifecycle_services as lifecycle
from eventapp.events import timetable_services as timetable
from eventapp.events.consequences import edit_consequences, fingerprint
from eventapp.events.manage_forms import (
    ActionForm,
    CancelForm,
    CloneForm,
    EventForm,
    SeriesForm,
    event_form_data,
    new_event_data,
)
from eventapp.events.models import EventSeries
from eventapp.events.queries import missing_translations
from eventapp.events.services import (
    EditConflict,
    EventEditError,
    SeriesEditError,
    create_event,
    manageable_series,
    save_series,
    update_event,
)
from eventapp.events.timetable_forms import MoveForm, SessionForm, session_form_data
from eventapp.extensions import db
from eventapp.grid.manage_views import render_timetable
from eventapp.manage import audit
from eventapp.manage.blueprint import bp
from eventapp.manage.queries import confirmed_counts, my_events


@bp.get("/manage/events/")
@login_required
def events():
    """Every event the user may manage, archived ones too."""
    events = my_events(current_user)
    return render_template("manage/events.html", events=events, counts=confirmed_counts(events))


@bp.route("/manage/events/new", methods=["GET", "POST"])
@login_required
def new_event():
    """Create a draft event."""
    form = EventForm(data=new_event_data(current_user), user=current_user)
    if form.validate_on_submit():
        try:
            event = create_event(current_user, form.to_data())
        except EventEditError as error:
            show_error(form, error)
        else:
            flash(_("The event is created as a draft."), "success")
            return redirect(url_for("manage.event", slug=event.slug))
    return render_template("manage/event_form.html", form=form, event=None)


@bp.get("/manage/events/<slug>/")
@login_required
def event(slug: str):
    """The organiser's page of one event: status, counts, actions, audit log, panels."""
    event = get_managed_event(current_user, slug)
    return render_template(
        "manage/event.html",
        event=event,
        counts=lifecycle.registration_counts(current_user, event),
        missing=missing_translations(event),
        log=audit.event_log(event),
    )


@bp.route("/manage/events/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_event(slug: str):
    """Edit every field of an event."""
    event = get_managed_event(current_user, slug)
    form = EventForm(data=event_form_data(event), user=current_user, event=event)
    consequences: list[str] = []
    if form.validate_on_submit():
        data = form.to_data()
        consequences = edit_consequences(event, data.values)
        if consequences and form.consequences_seen.data != fingerprint(consequences):
            form.consequences_seen.data = fingerprint(consequences)  # saving again is deliberate
            return render_template(
                "manage/event_form.html", form=form, event=event, consequences=consequences
            )
        try:
            visible = update_event(current_user, event, data)
        except EditConflict as conflict:
            show_error(form, conflict)
            form.seen_edit.data = str(conflict.latest)  # saving again is deliberate
        except EventEditError as error:
            show_error(form, error)
        else:
            flash(
                _("Saved; calendar subscribers will see the change.") if visible else _("Saved."),
                "success",
            )
            return redirect(url_for("manage.event", slug=event.slug))
    return render_template("manage/event_form.html", form=form, event=event)


def _step(slug: str, change, done: str):
    """Run a life-cycle step from a button; a refusal comes back as a message."""
    event = get_managed_event(current_user, slug)
    if ActionForm().validate_on_submit():
        try:
            change(current_user, event)
        except lifecycle.LifecycleError as error:
            flash(error.message, "error")
        else:
            flash(done, "success")
    else:
        flash(_("The form expired. Please try again."), "error")
    return redirect(url_for("manage.event", slug=slug))


@bp.post("/manage/events/<slug>/publish")
@login_required
def publish(slug: str):
    """Publish a draft."""
    return _step(slug, lifecycle.publish, _("The event is published."))


@bp.post("/manage/events/<slug>/unpublish")
@login_required
def unpublish(slug: str):
    """Back to draft while nobody has registered."""
    return _step(slug, lifecycle.unpublish, _("The event is a draft again."))


@bp.post("/manage/events/<slug>/archive")
@login_required
def archive(slug: str):
    """Archive a past or cancelled event."""
    return _step(slug, lifecycle.archive, _("The event is archived."))


@bp.route("/manage/events/<slug>/cancel", methods=["GET", "POST"])
@login_required
def cancel(slug: str):
    """Confirm, then cancel the event and write to everyone registered."""
    event = get_managed_event(current_user, slug)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            sent = lifecycle.cancel(current_user, event, form.note.data or "")
        except lifecycle.LifecycleError as error:
            flash(error.message, "error")
        else:
            flash(_("The event is cancelled; %(n)d people are informed.", n=sent), "success")
        return redirect(url_for("manage.event", slug=slug))
    registered = lifecycle.active_registrations(event)
    return render_template("manage/cancel.html", event=event, form=form, registered=registered)


@bp.route("/manage/events/<slug>/clone", methods=["GET", "POST"])
@login_required
def clone(slug: str):
    """Create the next edition at a new start date."""
    event = get_managed_event(current_user, slug)
    form = CloneForm()
    proposed = lifecycle.next_edition_start(event)
    if request.method == "GET":
        form.starts_on.data = proposed
    form.starts_on.description = _(
        "Proposed: %(date)s, a %(weekday)s like the first day of this edition (%(this)s).",
        date=format_date(proposed, "full"),
        weekday=format_date(proposed, "EEEE"),
        this=format_date(to_zone(event.starts_at, event.timezone).date(), "long"),
    )
    if form.validate_on_submit():
        new = lifecycle.clone_event(
            current_user, event, form.starts_on.data, form.title.data or "", form.slug.data or ""
        )
        flash(_("The next edition is created as a draft."), "success")
        return redirect(url_for("manage.event", slug=new.slug))
    return render_template("manage/clone.html", event=event, form=form)


@bp.get("/manage/events/<slug>/timetable")
@login_required
def timetable_page(slug: str):
    """The event's programme as a grid (rooms by time, per day), with the list beside it."""
    return render_timetable(get_managed_event(current_user, slug))


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
            show_error(form, conflict, default="starts_at")
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
            show_error(form, conflict, default="starts_at")
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
            show_error(form, conflict, default="starts_at")
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


@bp.get("/manage/series/")
@login_required
def series_list():
    """The series the user's organisations run."""
    return render_template("manage/series_list.html", series=manageable_series(current_user))


@bp.route("/manage/series/new", methods=["GET", "POST"], defaults={"ident": None})
@bp.route("/manage/series/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_series(ident: int | None):
    """Create or edit a series (name, cadence, organisations)."""
    series = (db.session.get(EventSeries, ident) or abort(404)) if ident else None
    if series is not None:
        require_series_manager(current_user, series)
    initial = {
        "organisations": [
            o.id for o in (series.organisations if series else current_user.organisations)
        ]
    }
    if series is not None:
        for name in (
            "name", "slug", "description", "cadence_rrule", "cadence_text",
            "remind_two_days", "remind_morning",
        ):  # fmt: skip
            initial[name] = getattr(series, name)
        initial["original_language"] = series.original_language
        initial.update(translation_data(series, EventSeries.TRANSLATED))
    form = SeriesForm(data=initial)
    if form.validate_on_submit():
        try:
            series = save_series(current_user, series, form.values(), form.organisations.data)
        except SeriesEditError as error:
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.series_list"))
    return render_template(
        "manage/directory_form.html",
        form=form,
        title=series.name if series else _("New series"),
        upload=False,
        image=None,
    )
