"""Back office of badges: printing a batch, its background job, reissuing a code."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from eventapp.auth.rights import get_managed_event
from eventapp.badges import jobs, services
from eventapp.badges.blueprint import bp
from eventapp.badges.forms import BadgeForm, ReissueCodeForm
from eventapp.badges.layouts import get_layout
from eventapp.badges.pdf import render_badges
from eventapp.badges.views import PRIVATE, pdf_response
from eventapp.core.errors import NotFound
from eventapp.core.i18n import current_language
from eventapp.events.models import Event


def _badge_form(event: Event, **kwargs) -> BadgeForm:
    """The badge form with the event's registrations to choose from (bound to a POST)."""
    return BadgeForm(registration_choices=services.badge_choices(event), **kwargs)


def _selection(form: BadgeForm) -> services.BadgeSelection:
    registration = form.registration.data
    return services.BadgeSelection(
        category=form.category.data or "",
        only_unprinted=bool(form.only_unprinted.data),
        registration_id=int(registration) if registration else None,
        sort=form.sort.data or "last_name",
    )


def _badges_page(
    event: Event, form: BadgeForm, status: int = 200, reissue: ReissueCodeForm | None = None
):
    reissue = reissue or ReissueCodeForm(registration_choices=services.badge_choices(event))
    return (
        render_template(
            "badges/badges.html",
            event=event,
            form=form,
            reissue_form=reissue,
            counts=services.badge_counts(event),
            sync_limit=current_app.config.get("BADGES_SYNC_LIMIT", 200),
        ),
        status,
    )


@bp.get("/manage/events/<slug>/badges")
@login_required
def badges_page(slug: str):
    """The badge printing form."""
    event = get_managed_event(current_user, slug)
    return _badges_page(event, _badge_form(event))


@bp.get("/manage/events/<slug>/badges.pdf")
@login_required
def badges_pdf(slug: str):
    """Badges chosen by query parameters, as a PDF (a preview: nothing is marked printed)."""
    event = get_managed_event(current_user, slug)
    query = MultiDict({"layout": "a6x4", "sort": "last_name", **request.args.to_dict()})
    form = _badge_form(event, formdata=query, meta={"csrf": False})
    if not form.validate():
        return _badges_page(event, form, 400)
    layout = get_layout(form.layout.data or "a6x4")
    registrations = services.select_badge_registrations(event, _selection(form))
    pdf = render_badges(
        event,
        registrations,
        layout,
        base_url=current_app.config["BASE_URL"],
        labels=services.category_labels(),
        locale=current_language(),
    )
    return pdf_response(pdf, f"badges-{event.slug}-{layout.key}.pdf")


@bp.post("/manage/events/<slug>/badges.pdf")
@login_required
def print_badges(slug: str):
    """Print the chosen badges: the PDF at once, or a progress page for a large batch."""
    event = get_managed_event(current_user, slug)
    form = _badge_form(event)
    if not form.validate_on_submit():
        return _badges_page(event, form, 400)
    layout = get_layout(form.layout.data)
    registrations = services.select_badge_registrations(event, _selection(form))
    if not registrations:
        flash(_("No badges match this choice."), "warning")
        return _badges_page(event, form)
    if len(registrations) > current_app.config.get("BADGES_SYNC_LIMIT", 200):
        job = jobs.start_badge_job(
            event,
            current_user.id,
            [r.id for r in registrations],
            layout.key,
            mark=bool(form.mark_printed.data),
            labels=services.category_labels(),
            locale=current_language(),
        )
        return redirect(url_for("badges.badge_job", slug=event.slug, token=job.token), 303)
    pdf = render_badges(
        event,
        registrations,
        layout,
        base_url=current_app.config["BASE_URL"],
        labels=services.category_labels(),
        locale=current_language(),
    )
    if form.mark_printed.data:
        services.mark_printed(event.id, [r.id for r in registrations])
    return pdf_response(pdf, f"badges-{event.slug}-{layout.key}.pdf", download=True)


def _managed_job(slug: str, token: str) -> tuple[Event, jobs.BadgeJob]:
    event = get_managed_event(current_user, slug)
    job = jobs.read_job(token)
    if job is None or job.event_id != event.id:
        raise NotFound(_("No such badge batch (it may have expired)."))
    return event, job


@bp.get("/manage/events/<slug>/badges/jobs/<token>")
@login_required
def badge_job(slug: str, token: str):
    """Progress of a large badge PDF (polled by static/js/badges.js; refreshes without JS)."""
    event, job = _managed_job(slug, token)
    return render_template("badges/job.html", event=event, job=job)


@bp.get("/manage/events/<slug>/badges/jobs/<token>.json")
@login_required
def badge_job_status(slug: str, token: str):
    """Progress of a large badge PDF as JSON."""
    event, job = _managed_job(slug, token)
    download = url_for("badges.badge_job_pdf", slug=event.slug, token=job.token)
    return {
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "error": job.error or None,
        "download_url": download if job.status == "done" else None,
    }


@bp.get("/manage/events/<slug>/badges/jobs/<token>.pdf")
@login_required
def badge_job_pdf(slug: str, token: str):
    """The finished PDF of a large badge batch."""
    event, job = _managed_job(slug, token)
    path = jobs.job_pdf(job)
    if job.status != "done" or not path.exists():
        raise NotFound(_("This badge batch is not ready."))
    response = send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"badges-{event.slug}-{job.layout}.pdf",
        max_age=0,
    )
    response.headers.update(PRIVATE)
    return response


@bp.post("/manage/events/<slug>/badges/reissue")
@login_required
def reissue_code(slug: str):
    """Give one registration a new check-in code; its old badge stops scanning."""
    event = get_managed_event(current_user, slug)
    form = ReissueCodeForm(registration_choices=services.badge_choices(event))
    if not form.validate_on_submit():
        return _badges_page(event, _badge_form(event, formdata=None), 400, reissue=form)
    registration = services.reissue_checkin_code(event, int(form.registration.data), current_user)
    flash(
        _("%(name)s has a new badge code. Print the new badge.", name=registration.name), "success"
    )
    return redirect(url_for("badges.badges_page", slug=event.slug), 303)
