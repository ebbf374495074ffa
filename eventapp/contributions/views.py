"""Public pages: the call, submitting, the submitter's private page ``/c/<secret>/``, the
accepted contributions and the book of abstracts."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address

from eventapp.contributions import book, files, queries, services
from eventapp.contributions.blueprint import bp
from eventapp.contributions.forms import EditSubmissionForm, SubmissionForm
from eventapp.contributions.models import Call, ContributionKind, Submission
from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError
from eventapp.core.forms import ConfirmForm, show_error
from eventapp.core.i18n import current_language
from eventapp.extensions import limiter
from eventapp.registration.services import known_organisation_names
from eventapp.registration.views import public_event

REFUSED = _l("Too many submissions from your network in a short time. Please wait and try again.")


def _call_of(slug: str):
    event = public_event(slug)
    call = services.get_call(event)
    if call is None:
        abort(404)
    return event, call


def _private(page, status: int = 200):
    response = make_response(page, status)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def csv_response(text: str, filename: str):
    """A CSV download that no shared cache keeps."""
    response = make_response(text)
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def pdf_of(submission: Submission):
    """A submission's PDF under a name that names nobody (404 when it has none)."""
    if not submission.file_path or not files.pdf_path(submission.file_path).is_file():
        abort(404)
    return send_file(
        files.pdf_path(submission.file_path),
        mimetype="application/pdf",
        download_name=f"submission-{submission.id}.pdf",
    )


def _data(form: SubmissionForm, email: str = "") -> services.SubmissionData:
    upload = form.file.data
    pdf = None
    if upload is not None and getattr(upload, "filename", ""):
        pdf = upload.stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    return services.SubmissionData(
        title=form.title.data or "",
        abstract=form.abstract.data or "",
        kind=ContributionKind(form.kind.data),
        authors=[
            services.AuthorData(
                name=entry.form.name.data or "",
                email=entry.form.email.data or "",
                affiliation=entry.form.affiliation.data or "",
                presenting=bool(entry.form.presenting.data),
                position=entry.form.position.data
                if entry.form.position.data is not None
                else index,
            )
            for index, entry in enumerate(form.authors)
        ],
        email=email,
        language=current_language(),
        markdown=bool(form.markdown.data),
        keywords=form.keywords.data or "",
        track_id=form.track_id.data or None,
        consent_publish=bool(form.consent_publish.data),
        pdf=pdf,
    )


@bp.get("/events/<slug>/call/")
def call_page(slug: str):
    """The call: its rules per kind, the tracks, the deadline with the time left."""
    event, call = _call_of(slug)
    return render_template(
        "contributions/call.html",
        event=event,
        call=call,
        closed_reason=services.closed_reason(call),
        left=call.closes_at - utcnow(),
    )


def _submit_key() -> str:
    return f"submit:{(request.view_args or {}).get('slug', '')}:{get_remote_address()}"


@bp.route("/events/<slug>/call/submit", methods=["GET", "POST"])
@limiter.limit("30 per hour", key_func=_submit_key, methods=["POST"], error_message=REFUSED)
def submit(slug: str):
    """The submission form (GET) or a new submission (POST): then its private page."""
    event, call = _call_of(slug)
    form = SubmissionForm(call=call)
    if request.method == "POST" and form.validate_on_submit():
        try:
            submission = services.submit(call, _data(form, form.email.data))
        except DomainError as error:
            show_error(form, error, default="title")
        else:
            flash(
                _(
                    "Thank you: your submission is received. Keep this page's address: it is your private link (we e-mailed it too)."  # noqa: E501
                ),
                "success",
            )
            return redirect(
                url_for("contributions.submission_page", secret=submission.secret), code=303
            )
    status = 422 if request.method == "POST" else 200
    return _submission_form(event, call, form, status)


def _submission_form(event, call: Call, form, status: int, submission: Submission | None = None):
    return _private(
        render_template(
            "contributions/submit.html",
            event=event,
            call=call,
            form=form,
            submission=submission,
            organisations=known_organisation_names(),
            closed_reason=services.closed_reason(call)
            if submission is None
            else services.edit_refusal(submission),
        ),
        status,
    )


@bp.get("/c/<secret>/")
def submission_page(secret: str):
    """The submitter's own page: status, the submission, edit, withdraw."""
    submission = services.get_by_secret(secret)
    call = submission.call
    return _private(
        render_template(
            "contributions/submission.html",
            submission=submission,
            call=call,
            event=call.event,
            edit_refusal=services.edit_refusal(submission),
            form=ConfirmForm(),
        )
    )


@bp.route("/c/<secret>/edit", methods=["GET", "POST"])
def edit_submission(secret: str):
    """Change the submission (and its authors and their order) through the private link."""
    submission = services.get_by_secret(secret)
    call = submission.call
    form = (
        EditSubmissionForm(call=call, data=_initial(submission))
        if request.method == "GET"
        else EditSubmissionForm(call=call)
    )
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.update_submission(submission, _data(form, submission.email))
        except DomainError as error:
            show_error(form, error, default="title")
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("contributions.submission_page", secret=secret), code=303)
    status = 422 if request.method == "POST" else 200
    return _submission_form(call.event, call, form, status, submission)


def _initial(submission: Submission) -> dict:
    authors = [
        {
            "name": a.name,
            "email": a.email,
            "affiliation": a.affiliation,
            "presenting": a.presenting,
            "position": a.position,
        }
        for a in submission.authors
    ]
    return {
        "title": submission.title,
        "abstract": submission.abstract,
        "markdown": submission.markdown,
        "keywords": submission.keywords,
        "kind": submission.kind.value,
        "track_id": submission.track_id or 0,
        "consent_publish": submission.consent_publish,
        "authors": authors,
    }


@bp.post("/c/<secret>/withdraw")
def withdraw(secret: str):
    """The submitter withdraws the submission."""
    submission = services.get_by_secret(secret)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.withdraw(submission)
    flash(_("Your submission is withdrawn."), "success")
    return redirect(url_for("contributions.submission_page", secret=secret), code=303)


@bp.get("/events/<slug>/contributions/")
def accepted_page(slug: str):
    """The accepted contributions, grouped by kind and track (posters with their boards)."""
    event, call = _call_of(slug)
    rows = queries.accepted(call)
    return render_template(
        "contributions/accepted.html",
        event=event,
        call=call,
        groups=queries.grouped(rows),
        gatherings=queries.gatherings(event),
    )


@bp.get("/events/<slug>/contributions/abstracts.pdf")
def abstracts_pdf(slug: str):
    """The book of abstracts: a table of contents, then each accepted abstract."""
    event, call = _call_of(slug)
    pdf = book.book_of_abstracts(event, call, queries.accepted(call), lang=current_language())
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{event.slug}-abstracts.pdf"'
    return response
