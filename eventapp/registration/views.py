"""Public registration pages: the form and the participant's own page ``/r/<secret>/``."""

from __future__ import annotations

from functools import cache

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from sqlalchemy import Select, String, bindparam, select

from eventapp.core.db import utcnow
from eventapp.core.forms import show_error
from eventapp.core.i18n import current_language
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db, limiter
from eventapp.regforms import group_services
from eventapp.regforms import services as regforms
from eventapp.regforms.forms import answer_data, answers_of, with_questions
from eventapp.registration import capacity, confirmation, holds, proof, services
from eventapp.registration.blueprint import bp
from eventapp.registration.colleague_services import Colleague, register_with_colleagues
from eventapp.registration.errors import RegistrationError
from eventapp.registration.forms import (
    MAX_COLLEAGUES,
    ActionForm,
    DetailsForm,
    EraseForm,
    RegistrationForm,
    SessionChoiceForm,
)


@cache
def _event_by_slug() -> Select:
    """``public_event``'s statement, built once (every registration GET and POST runs it)."""
    return select(Event).where(Event.slug == bindparam("slug", type_=String()))


def public_event(slug: str) -> Event:
    """A visible event by slug, or 404 (drafts are invisible)."""
    event = db.session.execute(_event_by_slug(), {"slug": slug}).scalar_one_or_none()
    if event is None or not event.is_public:
        abort(404)
    return event


def _private(page):
    """The private pages must not be cached or leak their URL through the Referer header."""
    response = make_response(page)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _render_form(
    event: Event, form: RegistrationForm, sessions, questions, status: int = 200, error=None
):
    taken = capacity.session_taken(s.id for s in sessions)
    page = render_template(
        "registration/register.html",
        event=event,
        form=form,
        sessions=sessions,
        session_taken=taken,
        questions=questions,
        groups=group_services.group_by_session(group_services.event_groups(event.id))
        if sessions
        else {},
        organisations=services.known_organisation_names(),
        closed_reason=services.registration_closed_reason(event),
        error=error,
        proof_of_work=proof.enabled(),
    )
    return page, status


# Registrations per event from one address: a script is stopped after a burst, a lecture hall
# behind one NAT address (a campus wifi: hundreds of people, one address) is not. Its people
# register at a human pace (one every few seconds at most, 300 in an hour); a script sends
# dozens a second. Counted in Redis when configured, so every worker agrees. The documented
# setting EVENTAPP_REGISTRATION_RATE_LIMIT changes it (docs/deploy.md).
REFUSED = _l(
    "Too many registrations from your network in a short time. Please wait a minute and try again."
)


PROOF_REFUSED = _l(
    "The check that a person is registering did not succeed (it may have expired). "
    "Please try again."
)


@bp.get("/register/challenge")
def proof_challenge():
    """A fresh proof-of-work challenge for the registration form's widget (never cached)."""
    if not proof.enabled():
        abort(404)
    response = jsonify(proof.new_challenge())
    response.headers["Cache-Control"] = "no-store"
    return response


def _registration_key() -> str:
    return f"register:{(request.view_args or {}).get('slug', '')}:{get_remote_address()}"


def _registration_limit() -> str:
    return current_app.config["REGISTRATION_RATE_LIMIT"]


def _registration_cost() -> int:
    """One per person the form registers: ten colleagues on one form count as eleven (one for
    the "one more colleague" button, which registers nobody)."""
    if "add_colleague" in request.form:
        return 1
    emails = [
        v for k, v in request.form.items() if k.startswith("colleagues-") and k.endswith("-email")
    ]
    return 1 + min(sum(1 for v in emails if v.strip()), MAX_COLLEAGUES)


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@limiter.limit(
    _registration_limit,
    key_func=_registration_key,
    methods=["POST"],
    error_message=REFUSED,
    cost=_registration_cost,
)
def register(slug: str):
    """Show the registration form (GET) or register (POST)."""
    event = public_event(slug)
    sessions = services.selectable_sessions(event)
    questions = regforms.event_questions(event.id)
    # Without questions the form's own class: a class made per request costs WTForms the
    # sorting of its fields again at every instantiation.
    form_class = with_questions(RegistrationForm, questions, "category") if questions else None
    form = (form_class or RegistrationForm)(event=event, sessions=sessions)
    if request.method == "GET":
        return _render_form(event, form, sessions, questions)
    if "add_colleague" in request.form:  # one more row (no JavaScript needed), nothing stored
        if len(form.colleagues) < MAX_COLLEAGUES:
            form.colleagues.append_entry()
        return _render_form(event, form, sessions, questions)
    if not form.validate_on_submit():
        return _render_form(event, form, sessions, questions, status=422)
    proven = proof.check(request.form.get("altcha"))
    if proven == proof.Proof.REFUSED:
        return _render_form(event, form, sessions, questions, status=422, error=PROOF_REFUSED)
    data = services.RegistrationData(
        name=form.name.data,
        email=form.email.data,
        affiliation=form.affiliation.data or "",
        category=form.category.data,
        session_ids=list(form.sessions.data or []) if "sessions" in form else [],
        dietary_needs=(form.dietary_needs.data or "") if "dietary_needs" in form else "",
        accessibility_needs=(form.accessibility_needs.data or "")
        if "accessibility_needs" in form
        else "",
        language=current_language(),
        consent=bool(form.consent.data),
        confirm_email=proven == proof.Proof.MISSING,
        answers=answers_of(form, questions),
    )
    colleagues = [
        Colleague(row.name.data, row.email.data, row.affiliation.data or "")
        for row in form.colleague_rows()
    ]
    try:
        outcome, others = register_with_colleagues(event, data, colleagues, questions)
    except RegistrationError as error:
        if error.field:
            show_error(form, error)
            return _render_form(event, form, sessions, questions, status=error.status_code)
        return _render_form(
            event, form, sessions, questions, status=error.status_code, error=error.message
        )
    _flash_colleagues(others)
    if not outcome.created:
        return render_template("registration/check_inbox.html", event=event)
    if outcome.status == RegistrationStatus.UNCONFIRMED:
        # The private link goes to the mailbox only: whoever cannot read it cannot confirm.
        return render_template("registration/held.html", event=event, held=outcome.registration)
    return redirect(url_for("registration.participant_page", secret=outcome.secret), code=303)


def _flash_colleagues(others) -> None:
    """Say who else the form registered, and who not and why."""
    done = [o.colleague.name for o in others if o.outcome is not None]
    if done:
        flash(
            _(
                "Also registered: %(names)s. Each gets their own e-mail with their link.",
                names=", ".join(done),
            ),
            "success",
        )
    for other in others:
        if other.outcome is None:
            flash(
                _(
                    "Not registered: %(names)s (%(reason)s).",
                    names=other.colleague.name,
                    reason=other.reason,
                ),
                "error",
            )


@bp.get("/r/<secret>/")
def participant_page(secret: str):
    """The participant's own page: status, position, sessions, answers, calendar, cancel, erase."""
    return _participant_page(services.get_by_secret(secret))


def _participant_page(registration, details_form=None, status: int = 200):
    event = registration.event
    sessions = services.selectable_sessions(event)
    form = SessionChoiceForm(
        sessions=sessions, data={"sessions": [c.session_id for c in registration.choices]}
    )
    choices = sorted(registration.choices, key=lambda c: (c.session.starts_at, c.session_id))
    questions = regforms.asked(regforms.event_questions(event.id), registration.category.value)
    page = render_template(
        "registration/participant.html",
        registration=registration,
        event=event,
        position=capacity.waitlist_position(registration),
        choices=choices,
        choice_positions={c.session_id: capacity.session_waitlist_position(c) for c in choices},
        sessions=sessions,
        form=form,
        can_change=services.registration_closed_reason(event) is None
        and registration.status in ACTIVE_REGISTRATION_STATUSES,
        lapsed=holds.is_lapsed_hold(registration),
        confirm_form=ActionForm(),
        questions=questions,
        rule_groups=group_services.event_groups(event.id) if sessions else [],
        can_change_details=registration.status in ACTIVE_REGISTRATION_STATUSES
        and utcnow() < event.ends_at,
        answers={a.question_id: a for a in registration.answers},
        details_form=details_form or _details_form(registration, questions),
        answer_text=regforms.answer_text,
        details_open=details_form is not None,
    )
    return _private((page, status))


def _details_form(registration, questions, formdata=None):
    """The participant's details form: name, affiliation and the answers they may change."""
    form_class = with_questions(DetailsForm, questions, None)
    if formdata is not None:
        return form_class(formdata=formdata)
    data = {"name": registration.name, "affiliation": registration.affiliation}
    data.update(answer_data(questions, regforms.given_answers(registration)))
    return form_class(data=data, formdata=None)


@bp.post("/r/<secret>/details")
def change_details(secret: str):
    """Change one's name, affiliation and answers; the form comes back with its errors."""
    registration = services.get_by_secret(secret)
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        flash(_("This registration is no longer active."), "error")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    questions = regforms.asked(
        regforms.event_questions(registration.event_id), registration.category.value
    )
    form = _details_form(registration, questions, formdata=request.form)
    if form.validate_on_submit():
        try:
            services.change_details(
                registration,
                name=form.name.data,
                affiliation=form.affiliation.data or "",
                answers=answers_of(form, questions),
            )
        except RegistrationError as error:
            show_error(form, error, default="name")
        else:
            flash(_("Your details have been updated."), "success")
            return redirect(url_for("registration.participant_page", secret=secret), code=303)
    return _participant_page(registration, details_form=form, status=422)


@bp.post("/r/<secret>/confirm")
def confirm_address(secret: str):
    """Confirm the e-mail address: the held place (or turn on the waiting list) becomes yours."""
    registration = services.get_by_secret(secret)
    if not ActionForm().validate_on_submit():
        flash(_("The form had expired. Please press the button again."), "error")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    try:
        confirmation.confirm_address(registration)
    except RegistrationError as error:
        flash(error.message, "error")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    flash(_("Thank you: your e-mail address is confirmed."), "success")
    return redirect(url_for("registration.participant_page", secret=secret), code=303)


@bp.post("/r/<secret>/sessions")
def change_sessions(secret: str):
    """Change the chosen sessions."""
    registration = services.get_by_secret(secret)
    sessions = services.selectable_sessions(registration.event)
    form = SessionChoiceForm(sessions=sessions)
    if not form.validate_on_submit():
        flash(_("Please choose among the sessions offered."), "error")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    try:
        services.change_sessions(registration, list(form.sessions.data or []))
    except RegistrationError as error:
        flash(error.message, "error")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    flash(_("Your sessions have been updated."), "success")
    return redirect(url_for("registration.participant_page", secret=secret), code=303)


@bp.route("/r/<secret>/cancel", methods=["GET", "POST"])
def cancel(secret: str):
    """Ask once (GET: what cancelling does, and one button), then cancel (POST)."""
    registration = services.get_by_secret(secret)
    form = ActionForm()
    if form.validate_on_submit():
        services.cancel_registration(registration)
        flash(_("Your registration has been cancelled."), "success")
        return redirect(url_for("registration.participant_page", secret=secret), code=303)
    status = 422 if request.method == "POST" else 200
    page = render_template(
        "registration/confirm.html", registration=registration, form=form, action="cancel"
    )
    return _private((page, status))


@bp.route("/r/<secret>/erase", methods=["GET", "POST"])
def erase(secret: str):
    """Ask for confirmation (GET), then erase the participant's personal data (POST)."""
    registration = services.get_by_secret(secret)
    form = EraseForm()
    if form.validate_on_submit():
        event = registration.event
        services.erase_my_data(registration)
        return _private(render_template("registration/erased.html", event=event))
    status = 422 if request.method == "POST" else 200
    page = render_template(
        "registration/confirm.html", registration=registration, form=form, action="erase"
    )
    return _private((page, status))
