"""The organiser's side: list, filter, decide, add by hand, write to all, export."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.rights import get_managed_event
from eventapp.core.errors import NotFound
from eventapp.core.params import parse_id
from eventapp.core.spreadsheets import XLSX_MIMETYPE, csv_download, download
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.regforms import services as regforms
from eventapp.registration import services
from eventapp.registration.blueprint import bp
from eventapp.registration.errors import RegistrationError
from eventapp.registration.export import registrations_csv, registrations_xlsx
from eventapp.registration.forms import ActionForm, ManualRegistrationForm
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS
from eventapp.registration.manage_rows import registration_rows, with_filters
from eventapp.registration.models import Registration, RegistrationChoice

BASE = "/manage/events/<slug>/registrations"
PAGE_SIZE = 200


def _list_url(event: Event) -> str:
    return url_for("registration.manage_list", slug=event.slug)


def filtered_registrations(event: Event, q: str, status: str, category: str):
    """The event's registrations matching a search text, a status and a category, with their
    choices and answers (the exports)."""
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id)
        .options(
            selectinload(Registration.choices).selectinload(RegistrationChoice.session),
            selectinload(Registration.answers),
        )
        .order_by(Registration.created_at, Registration.id)
    )
    return with_filters(stmt, q, status, category)


@bp.get(BASE)
@login_required
def manage_list(slug: str):
    """Registrations of an event with search and filters."""
    event = get_managed_event(current_user, slug)
    q = request.args.get("q", "").strip()
    status = request.args.get("status", "")
    category = request.args.get("category", "")
    questions = regforms.event_questions(event.id)
    rows, bursts = registration_rows(
        event,
        (q, status, category),
        limit=PAGE_SIZE,
        questions=questions,
        tick_bursts=request.args.get("burst") == "1",
    )
    return render_template(
        "registration/manage_list.html",
        event=event,
        rows=rows,
        q=q,
        status=status,
        category=category,
        statuses=STATUS_LABELS,
        categories=CATEGORY_LABELS,
        page_size=PAGE_SIZE,
        bursts=bursts,
        questions=questions,
    )


@bp.post(BASE + "/remove")
@login_required
def manage_remove(slug: str):
    """Remove the ticked registrations in one action (a burst of made-up ones), telling none."""
    event = get_managed_event(current_user, slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    ids = [i for i in (parse_id(v) for v in request.form.getlist("registration_ids")) if i]
    removed = services.remove_registrations(event, ids)
    audit.record(event, current_user, "registration.remove", target=str(removed))
    db.session.commit()
    flash(
        ngettext("%(num)d registration removed.", "%(num)d registrations removed.", removed),
        "success",
    )
    return redirect(_list_url(event), code=303)


@bp.get("/manage/events/<slug>/registrations.csv")
@login_required
def manage_csv(slug: str):
    """Every registration of the event as CSV (UTF-8 with BOM for Excel)."""
    event = get_managed_event(current_user, slug)
    body = registrations_csv(_exported(event), regforms.event_questions(event.id))
    return csv_download(body, f"{event.slug}-registrations.csv")


@bp.get("/manage/events/<slug>/registrations.xlsx")
@login_required
def manage_xlsx(slug: str):
    """Every registration of the event as an Excel workbook, in local times."""
    event = get_managed_event(current_user, slug)
    body = registrations_xlsx(event, _exported(event), regforms.event_questions(event.id))
    return download(body, f"{event.slug}-registrations.xlsx", XLSX_MIMETYPE)


def _exported(event: Event):
    stmt = filtered_registrations(
        event, "", request.args.get("status", ""), request.args.get("category", "")
    )
    return db.session.execute(stmt).scalars()


def _registration_of(event: Event, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise NotFound(_("No such registration."))
    return registration


ACTIONS = {
    "approve": (lambda r: services.decide(r, approve=True), _l("Approved.")),
    "reject": (lambda r: services.decide(r, approve=False), _l("Rejected.")),
    "promote": (services.move_from_waitlist, _l("Moved from the waiting list.")),
    "cancel": (services.cancel_registration, _l("Cancelled.")),
    "resend": (services.resend_link, _l("The link was sent again.")),
}


@bp.post(BASE + "/<int:registration_id>/<action>")
@login_required
def manage_action(slug: str, registration_id: int, action: str):
    """Approve, reject, move from the waiting list, cancel or resend the link."""
    event = get_managed_event(current_user, slug)
    if action not in ACTIONS or not ActionForm().validate_on_submit():
        raise NotFound(_("No such action."))
    registration = _registration_of(event, registration_id)
    run, done = ACTIONS[action]
    try:
        run(registration)
    except RegistrationError as error:
        flash(error.message, "error")
    else:
        audit.record(event, current_user, f"registration.{action}", target=registration.email)
        db.session.commit()
        flash(str(done), "success")
    return redirect(_list_url(event), code=303)


@bp.route(BASE + "/new", methods=["GET", "POST"])
@login_required
def manage_add(slug: str):
    """Add a participant by hand (place if free, else the waiting list)."""
    event = get_managed_event(current_user, slug)
    form = ManualRegistrationForm(event=event)
    if form.validate_on_submit():
        data = services.RegistrationData(
            name=form.name.data,
            email=form.email.data,
            affiliation=form.affiliation.data or "",
            category=form.category.data,
            language=event.language or "en",
        )
        try:
            outcome = services.register_participant(event, data, by_organiser=True)
        except RegistrationError as error:
            flash(error.message, "error")
        else:
            audit.record(event, current_user, "registration.add", target=data.email)
            db.session.commit()
            if outcome.created:
                flash(_("Added: %(status)s.", status=outcome.registration.status.value), "success")
            else:
                flash(_("This address is already registered; the link was sent again."), "info")
            return redirect(_list_url(event), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("registration/manage_add.html", event=event, form=form), status
