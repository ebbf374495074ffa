"""The reviewer's pages (``/manage/reviews/``): the events they review for, the submissions
assigned to them, the review form, their export and their messages to submitters. Nothing of
anybody else's: every page starts from the reviewer's own role for the event."""

from __future__ import annotations

import difflib

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape
from sqlalchemy import select

from eventapp.contributions import export, queries, review_services, services
from eventapp.contributions.blueprint import bp
from eventapp.contributions.forms import MessageForm, ReviewForm
from eventapp.contributions.views import csv_response, pdf_of
from eventapp.core.errors import DomainError
from eventapp.core.forms import show_error
from eventapp.events.models import Event
from eventapp.extensions import db


def _role(slug: str):
    event = db.session.execute(select(Event).where(Event.slug == slug)).scalar_one_or_none()
    if event is None:
        abort(404)
    reviewer = review_services.reviewer_for(current_user, event)
    call = services.get_call(event)
    if call is None:
        abort(404)
    return event, call, reviewer


def _private(page, status: int = 200):
    response = make_response(page, status)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/manage/reviews/")
@login_required
def reviewer_home():
    """The events the user reviews for."""
    return render_template(
        "contributions/reviewer_home.html", roles=review_services.reviewer_roles(current_user)
    )


@bp.get("/manage/reviews/<slug>/")
@login_required
def reviewer_event(slug: str):
    """The submissions assigned to the reviewer, with whether each is reviewed."""
    event, call, reviewer = _role(slug)
    return _private(
        render_template(
            "contributions/reviewer_event.html",
            event=event,
            call=call,
            reviewer=reviewer,
            rows=queries.assigned_to(reviewer),
        )
    )


@bp.get("/manage/reviews/<slug>/export.csv")
@login_required
def reviewer_csv(slug: str):
    """The reviewer's submissions with their reviews, as CSV (no authors when blind)."""
    event, call, reviewer = _role(slug)
    return csv_response(
        export.reviewer_csv(call, queries.assigned_to(reviewer)), f"{event.slug}-reviews.csv"
    )


def changes(old: str, new: str) -> Markup:
    """What a revision changed in a text, words removed and added marked."""
    out = []
    a, b = (old or "").split(), (new or "").split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(Markup("<del>%s</del>") % " ".join(a[i1:i2]))
        if op in ("insert", "replace"):
            out.append(Markup("<ins>%s</ins>") % " ".join(b[j1:j2]))
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
    return Markup(" ").join(out)


def _page(event, call, reviewer, submission, form, message_form, status: int = 200):
    own = review_services.own_review(reviewer, submission)
    previous = submission.previous or {}
    return _private(
        render_template(
            "contributions/reviewer_submission.html",
            event=event,
            call=call,
            reviewer=reviewer,
            submission=submission,
            own=own,
            form=form,
            message_form=message_form,
            criteria=call.criteria_list(),
            abstract_changes=changes(previous["abstract"], submission.abstract)
            if previous
            else None,
            title_changed=previous.get("title") not in (None, submission.title),
        ),
        status,
    )


@bp.route("/manage/reviews/<slug>/<int:submission_id>", methods=["GET", "POST"])
@login_required
def reviewer_submission(slug: str, submission_id: int):
    """A submission assigned to the reviewer, and their review of it (GET shows, POST saves)."""
    event, call, reviewer = _role(slug)
    submission = review_services.reviewable(reviewer, submission_id)
    own = review_services.own_review(reviewer, submission)
    from_row = None
    if own is not None and own.submitted_at is not None:
        from_row = {
            "scores": [own.scores.get(str(i)) for i in range(len(call.criteria_list()))],
            "recommendation": own.recommendation.value if own.recommendation else "",
            "recommended_kind": own.recommended_kind.value if own.recommended_kind else "",
            "comment_committee": own.comment_committee,
            "comment_authors": own.comment_authors,
        }
    form = ReviewForm(call=call, data=from_row) if from_row else ReviewForm(call=call)
    if form.is_submitted() and own is None:
        abort(403)
    if form.validate_on_submit():
        data = review_services.ReviewData(
            scores={str(i): int(entry.data) for i, entry in enumerate(form.scores)},
            recommendation=form.recommendation_value(),
            recommended_kind=form.kind_value(),
            comment_committee=form.comment_committee.data or "",
            comment_authors=form.comment_authors.data or "",
        )
        try:
            review_services.save_review(reviewer, submission, data)
        except DomainError as error:
            show_error(form, error, default="recommendation")
            return _page(event, call, reviewer, submission, form, MessageForm(), error.status_code)
        flash(_("Your review is saved."), "success")
        return redirect(url_for("contributions.reviewer_event", slug=slug))
    status = 422 if form.is_submitted() else 200
    return _page(event, call, reviewer, submission, form, MessageForm(), status)


@bp.get("/manage/reviews/<slug>/<int:submission_id>/file.pdf")
@login_required
def reviewer_file(slug: str, submission_id: int):
    """The submission's PDF under a name that names nobody."""
    _event, _call, reviewer = _role(slug)
    return pdf_of(review_services.reviewable(reviewer, submission_id))


@bp.post("/manage/reviews/<slug>/<int:submission_id>/message")
@login_required
def reviewer_message(slug: str, submission_id: int):
    """Write to the submitter through the outbox (the reply goes to the event's contact)."""
    event, call, reviewer = _role(slug)
    submission = review_services.reviewable(reviewer, submission_id)
    message_form = MessageForm()
    if message_form.validate_on_submit():
        try:
            review_services.message_submitter(
                reviewer, submission, message_form.subject.data, message_form.body.data
            )
        except DomainError as error:
            show_error(message_form, error, default="body")
        else:
            flash(_("Your message is on its way."), "success")
            return redirect(
                url_for("contributions.reviewer_submission", slug=slug, submission_id=submission_id)
            )
    return _page(event, call, reviewer, submission, ReviewForm(call=call), message_form, 422)
