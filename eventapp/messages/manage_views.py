"""The organiser's page for writing to registrants: compose, preview, test, send; the history
of messages with their counts; the event's reminders and what they sent."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from eventapp.auth.rights import get_managed_event
from eventapp.core.forms import show_error
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.messages import services
from eventapp.messages.blueprint import bp
from eventapp.messages.forms import PLACEHOLDER_HINT, MessageForm, ReminderForm
from eventapp.registration.models import Registration
from eventapp.reminders.services import reminder_logs, set_reminders

BASE = "/manage/events/<slug>/messages"
PREVIEW_CHOICES = 500  # registrants offered in "Preview as" (the first recipient otherwise)


def _page_url(event: Event) -> str:
    return url_for("messages.compose", slug=event.slug)


def _message_form(event: Event) -> MessageForm:
    sessions = db.session.execute(
        select(Session).where(Session.event_id == event.id).order_by(Session.starts_at, Session.id)
    ).scalars()
    registrations = db.session.execute(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.anonymised_at.is_(None))
        .order_by(Registration.name, Registration.id)
        .limit(PREVIEW_CHOICES)
    ).scalars()
    return MessageForm(sessions=list(sessions), registrations=list(registrations))


def _render(event: Event, form: MessageForm, status: int = 200, preview=None):
    reminder_form = ReminderForm(obj=event)
    return render_template(
        "messages/compose.html",
        event=event,
        form=form,
        reminder_form=reminder_form,
        preview=preview,
        placeholders=PLACEHOLDER_HINT,
        history=services.message_history(event),
        reminders=reminder_logs(event),
    ), status


def _preview_registration(event: Event, form: MessageForm) -> Registration | None:
    """The registrant chosen in "Preview as" (of this event only), else the first recipient."""
    if form.preview_as.data:
        chosen = db.session.get(Registration, form.preview_as.data)
        if chosen is not None and chosen.event_id == event.id:
            return chosen
    recipients = services.audience_of(event, form.audience())
    return recipients[0] if recipients else None


@bp.route(BASE, methods=["GET", "POST"])
@login_required
def compose(slug: str):
    """Write to chosen registrants: preview as one of them, send a test to oneself, send."""
    event = get_managed_event(current_user, slug)
    form = _message_form(event)
    if request.method == "GET" or not form.validate_on_submit():
        return _render(event, form, 200 if request.method == "GET" else 422)
    versions = services.versions_from(form.versions_input())
    try:
        services.check_versions(versions)
        if form.send.data:
            message = services.send_message(event, current_user, versions, form.audience())
            audit.record(event, current_user, "message.sent", target=str(message.id))
            db.session.commit()
            count = message.recipients
            flash(ngettext("%(num)d message queued.", "%(num)d messages queued.", count), "success")
            return redirect(_page_url(event), code=303)
        registration = _preview_registration(event, form)
        if registration is None:
            raise services.MessageError(_("Nobody matches the chosen recipients."))
        if form.test.data:
            services.send_test(event, current_user, versions, registration)
            db.session.commit()
            flash(_("A test was queued to %(email)s.", email=current_user.email), "success")
            return redirect(_page_url(event), code=303)
        language, content = services.render_for(versions, registration)
    except services.MessageError as error:
        db.session.rollback()
        show_error(form, error, default="body_en")
        return _render(event, form, error.status_code)
    preview = {"registration": registration, "language": language, "content": content}
    return _render(event, form, 200, preview)


@bp.post(BASE + "/reminders")
@login_required
def reminders(slug: str):
    """Switch the event's automatic reminders on or off."""
    event = get_managed_event(current_user, slug)
    form = ReminderForm()
    if not form.validate_on_submit():
        return _render(event, _message_form(event), 422)
    set_reminders(event, two_days=form.remind_two_days.data, morning=form.remind_morning.data)
    audit.record(event, current_user, "event.reminders", target=event.title)
    db.session.commit()
    flash(_("Reminders saved."), "success")
    return redirect(_page_url(event), code=303)
