"""Back-office pages of events: overview, create and edit, life cycle, next edition."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.extensions import db
from eventapp.manage import audit, bp, lifecycle, overview
from eventapp.manage.events import EditConflict, EventEditError, create_event, update_event
from eventapp.manage.forms import (
    ActionForm,
    CancelForm,
    CloneForm,
    EventForm,
    event_form_data,
    new_event_data,
)


def _field_error(form, error) -> None:
    """Put a service's refusal on the form field it names (or on the form)."""
    db.session.rollback()
    target = getattr(form, getattr(error, "field", None) or "", None)
    if target is not None:
        target.errors = [*target.errors, error.message]
    else:
        flash(error.message, "error")


@bp.get("/manage/")
@login_required
def overview_page():
    """The user's current events at a glance."""
    events = overview.my_events(current_user, include_archived=False)
    return render_template(
        "manage/overview.html", events=events, counts=overview.confirmed_counts(events)
    )


@bp.get("/manage/events/")
@login_required
def events():
    """Every event the user may manage, archived ones too."""
    events = overview.my_events(current_user)
    return render_template(
        "manage/events.html", events=events, counts=overview.confirmed_counts(events)
    )


@bp.route("/manage/events/new", methods=["GET", "POST"])
@login_required
def new_event():
    """Create a draft event."""
    form = EventForm(data=new_event_data(current_user), user=current_user)
    if form.validate_on_submit():
        try:
            event = create_event(current_user, form.to_data())
        except EventEditError as error:
            _field_error(form, error)
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
        log=audit.event_log(event),
    )


@bp.route("/manage/events/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_event(slug: str):
    """Edit every field of an event."""
    event = get_managed_event(current_user, slug)
    form = EventForm(data=event_form_data(event), user=current_user, event=event)
    if form.validate_on_submit():
        try:
            visible = update_event(current_user, event, form.to_data())
        except EditConflict as conflict:
            _field_error(form, conflict)
            form.seen_edit.data = str(conflict.latest)  # saving again is deliberate
        except EventEditError as error:
            _field_error(form, error)
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
            db.session.rollback()
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
            db.session.rollback()
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
    if request.method == "GET" and event.starts_at:
        from datetime import timedelta

        from eventapp.core.timefmt import to_zone

        start = to_zone(event.starts_at, event.timezone).date()
        try:
            form.starts_on.data = start.replace(year=start.year + 1)
        except ValueError:
            form.starts_on.data = start + timedelta(days=365)
    if form.validate_on_submit():
        new = lifecycle.clone_event(
            current_user, event, form.starts_on.data, form.title.data or "", form.slug.data or ""
        )
        flash(_("The next edition is created as a draft."), "success")
        return redirect(url_for("manage.event", slug=new.slug))
    return render_template("manage/clone.html", event=event, form=form)
