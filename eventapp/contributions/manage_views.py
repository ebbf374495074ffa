"""The organiser's pages of a call: its settings, the reviewers, the overview with scores,
assignment, decisions released in one action, and placing accepted talks in the timetable."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from eventapp.auth.rights import get_managed_event
from eventapp.contributions import (
    decision_services,
    export,
    queries,
    review_services,
    services,
)
from eventapp.contributions.blueprint import bp
from eventapp.contributions.manage_forms import (
    AssignForm,
    CallForm,
    DecisionForm,
    PlaceForm,
    ReviewerForm,
)
from eventapp.contributions.models import (
    Call,
    ContributionKind,
    Decision,
    Review,
    Reviewer,
    Submission,
)
from eventapp.contributions.sessions import becomes_session, place_contribution
from eventapp.contributions.views import csv_response, pdf_of
from eventapp.core.errors import DomainError
from eventapp.core.forms import (
    ConfirmForm,
    id_choices,
    options,
    show_error,
    to_aware,
    to_local,
    translation_data,
    translation_values,
)
from eventapp.core.params import parse_id
from eventapp.core.translation import other_language
from eventapp.directory.models import Organisation
from eventapp.events.models import Room
from eventapp.extensions import db


def _event_and_call(slug: str, required: bool = True):
    event = get_managed_event(current_user, slug)
    call = services.get_call(event)
    if call is None and required:
        abort(404)
    return event, call


def _submission(call: Call, submission_id: int) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None or submission.call_id != call.id:
        abort(404)
    return submission


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _call_form(event, call: Call | None) -> CallForm:
    if request.method == "POST" or call is None:
        return CallForm()
    other = other_language(call.original_language)
    data = {
        "opens_at": to_local(call.opens_at, event.timezone),
        "closes_at": to_local(call.closes_at, event.timezone),
        "introduction": call.introduction,
        "criteria": call.criteria,
        "blind_review": call.blind_review,
        "reviews_per_submission": call.reviews_per_submission,
        "tracks": "\n".join(t.name for t in call.tracks),
        "tracks_translation": "\n".join(t.translation(other, "name") for t in call.tracks),
        **translation_data(call, ("introduction", "criteria")),
    }
    for rule in call.kinds:
        data[rule.kind.value + "_words"] = rule.word_limit
    return CallForm(data=data)


@bp.route("/manage/events/<slug>/call", methods=["GET", "POST"])
@login_required
def manage_call(slug: str):
    """Open the event's call for contributions, or change it."""
    event, call = _event_and_call(slug, required=False)
    form = _call_form(event, call)
    if form.validate_on_submit():
        language = call.original_language if call else event.language
        data = services.CallData(
            opens_at=to_aware(form.opens_at.data, event.timezone),
            closes_at=to_aware(form.closes_at.data, event.timezone),
            word_limits=form.word_limits(),
            introduction=form.introduction.data or "",
            criteria=form.criteria.data or "",
            tracks=form.track_lines(),
            blind_review=bool(form.blind_review.data),
            reviews_per_submission=form.reviews_per_submission.data,
            translations={
                other_language(language): translation_values(form, ("introduction", "criteria"))
            },
        )
        try:
            services.save_call(current_user, event, data)
        except DomainError as error:
            show_error(form, error, default="opens_at")
        else:
            flash(_("The call is saved."), "success")
            return redirect(url_for("contributions.manage_overview", slug=slug))
    return render_template("contributions/manage_call.html", event=event, call=call, form=form)


def _arg(name: str, allowed) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


@bp.get("/manage/events/<slug>/contributions/")
@login_required
def manage_overview(slug: str):
    """Every submission with its scores (mean, spread), recommendations and missing reviews;
    sorted and filtered; the actions on all of them."""
    event, call = _event_and_call(slug)
    track_id = parse_id(request.args.get("track"))
    rows = queries.overview(
        call,
        sort=_arg("sort", queries.SORTS) or "id",
        status=request.args.get("status", "")[:32],
        kind=request.args.get("kind", "")[:32],
        track_id=track_id,
        missing_only=request.args.get("missing") == "1",
    )
    return render_template(
        "contributions/manage_overview.html",
        event=event,
        call=call,
        rows=rows,
        pending=decision_services.pending_decisions(call),
        form=ConfirmForm(),
        args=request.args,
    )


@bp.get("/manage/events/<slug>/contributions.csv")
@login_required
def manage_csv(slug: str):
    """The submissions with their reviews, as CSV."""
    event, call = _event_and_call(slug)
    return csv_response(
        export.organiser_csv(call, queries.overview(call)), f"{event.slug}-submissions.csv"
    )


def _on_every_submission(slug: str, action, message) -> object:
    """Run ``action(user, event, call)`` on the whole call (a confirmed button), say how many
    it concerned with ``message(n)``, and go back to the overview."""
    event, call = _event_and_call(slug)
    _confirmed()
    flash(message(action(current_user, event, call)), "success")
    return redirect(url_for("contributions.manage_overview", slug=slug))


@bp.post("/manage/events/<slug>/contributions/assign")
@login_required
def manage_auto_assign(slug: str):
    """Assign reviewers to every submission short of them, balanced, conflicts left out."""
    return _on_every_submission(
        slug,
        review_services.auto_assign,
        lambda n: ngettext("%(num)d assignment made.", "%(num)d assignments made.", n),
    )


@bp.post("/manage/events/<slug>/contributions/remind")
@login_required
def manage_remind(slug: str):
    """Remind every reviewer with missing reviews, once each."""
    return _on_every_submission(
        slug,
        review_services.remind_reviewers,
        lambda n: ngettext("%(num)d reviewer reminded.", "%(num)d reviewers reminded.", n),
    )


@bp.post("/manage/events/<slug>/contributions/release")
@login_required
def manage_release(slug: str):
    """Release every decision taken, and send their e-mails, in one action."""
    return _on_every_submission(
        slug,
        decision_services.release_decisions,
        lambda n: ngettext("%(num)d decision released.", "%(num)d decisions released.", n),
    )


def _detail(event, call: Call, submission: Submission, status: int = 200, **forms):
    reviewers = review_services.event_reviewers(event)
    assign = forms.get("assign") or AssignForm()
    assign.reviewer_id.choices = id_choices(
        [r for r in reviewers if not review_services.conflicted(r, submission)],
        lambda r: r.user.display_name or r.user.email,
        _("Choose…"),
    )
    decision = forms.get("decision") or DecisionForm(
        call=call,
        data={
            "decision": submission.decision.value if submission.decision else "accept",
            "kind": submission.decision_kind.value if submission.decision_kind else "",
            "note": submission.decision_note,
        },  # fmt: skip
    )
    place = forms.get("place") or PlaceForm()
    rooms = (
        db.session.execute(select(Room).where(Room.venue_id == event.venue_id).order_by(Room.name))
        .scalars()
        .all()
        if event.venue_id
        else []
    )
    place.room_id.choices = id_choices(rooms, lambda r: r.text("name"), _("No room"))
    row = queries._row(submission)
    return render_template(
        "contributions/manage_submission.html",
        event=event,
        call=call,
        submission=submission,
        row=row,
        older=[r for r in submission.reviews if r.round != submission.round],
        assign_form=assign,
        decision_form=decision,
        place_form=place,
        form=ConfirmForm(),
        placeable=becomes_session(submission) and submission.session_id is None,
    ), status


@bp.get("/manage/events/<slug>/contributions/<int:submission_id>")
@login_required
def manage_submission(slug: str, submission_id: int):
    """One submission: its text and authors, reviews, assignment, decision, placing."""
    event, call = _event_and_call(slug)
    return _detail(event, call, _submission(call, submission_id))


@bp.get("/manage/events/<slug>/contributions/<int:submission_id>/file.pdf")
@login_required
def manage_file(slug: str, submission_id: int):
    """The submission's PDF."""
    event, call = _event_and_call(slug)
    return pdf_of(_submission(call, submission_id))


@bp.post("/manage/events/<slug>/contributions/<int:submission_id>/assign")
@login_required
def manage_assign(slug: str, submission_id: int):
    """Assign one more reviewer by hand."""
    event, call = _event_and_call(slug)
    submission = _submission(call, submission_id)
    form = AssignForm()
    ident = parse_id(form.reviewer_id.data)
    reviewer = db.session.get(Reviewer, ident) if ident is not None else None
    form.reviewer_id.choices = options([(form.reviewer_id.data, "")])
    if not form.validate_on_submit() or reviewer is None or reviewer.event_id != event.id:
        flash(_("Choose a reviewer of this event."), "error")
        return redirect(
            url_for("contributions.manage_submission", slug=slug, submission_id=submission_id)
        )
    try:
        review_services.assign(current_user, event, submission, reviewer)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Assigned."), "success")
    return redirect(
        url_for("contributions.manage_submission", slug=slug, submission_id=submission_id)
    )


@bp.post("/manage/events/<slug>/contributions/<int:submission_id>/unassign/<int:review_id>")
@login_required
def manage_unassign(slug: str, submission_id: int, review_id: int):
    """Take the submission from a reviewer who has not reviewed it yet."""
    event, call = _event_and_call(slug)
    submission = _submission(call, submission_id)
    review = db.session.get(Review, review_id)
    if review is None or review.submission_id != submission.id:
        abort(404)
    _confirmed()
    try:
        review_services.unassign(current_user, event, review)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(
        url_for("contributions.manage_submission", slug=slug, submission_id=submission_id)
    )


@bp.post("/manage/events/<slug>/contributions/<int:submission_id>/decide")
@login_required
def manage_decide(slug: str, submission_id: int):
    """Record the committee's decision (released later, with all the others)."""
    event, call = _event_and_call(slug)
    submission = _submission(call, submission_id)
    form = DecisionForm(call=call)
    if not form.validate_on_submit():
        return _detail(event, call, submission, 422, decision=form)
    kind = ContributionKind(form.kind.data) if form.kind.data else None
    try:
        decision_services.set_decision(
            current_user,
            event,
            submission,
            Decision(form.decision.data),
            kind,
            form.note.data or "",
        )
    except DomainError as error:
        show_error(form, error, default="decision")
        return _detail(event, call, submission, error.status_code, decision=form)
    flash(
        _("The decision is noted; it reaches the submitter when you release the decisions."),
        "success",
    )
    return redirect(
        url_for("contributions.manage_submission", slug=slug, submission_id=submission_id)
    )


@bp.post("/manage/events/<slug>/contributions/<int:submission_id>/place")
@login_required
def manage_place(slug: str, submission_id: int):
    """Put an accepted talk in the timetable (with the timetable's clash checks)."""
    event, call = _event_and_call(slug)
    submission = _submission(call, submission_id)
    form = PlaceForm()
    form.room_id.choices = id_choices(
        db.session.execute(select(Room).where(Room.venue_id == event.venue_id)).scalars().all()
        if event.venue_id else [],
        lambda r: r.name,
        "",
    )  # fmt: skip
    if not form.validate_on_submit():
        return _detail(event, call, submission, 422, place=form)
    try:
        place_contribution(
            current_user,
            event,
            submission,
            to_aware(form.starts_at.data, event.timezone),
            form.minutes.data,
            form.room_id.data or None,
        )
    except DomainError as error:
        show_error(form, error, default="starts_at")
        return _detail(event, call, submission, error.status_code, place=form)
    flash(_("The contribution is in the timetable."), "success")
    return redirect(
        url_for("contributions.manage_submission", slug=slug, submission_id=submission_id)
    )


@bp.route("/manage/events/<slug>/reviewers", methods=["GET", "POST"])
@login_required
def manage_reviewers(slug: str):
    """The event's reviewers by pool, and a form to invite one."""
    event, call = _event_and_call(slug)
    form = ReviewerForm()
    organisations = (
        db.session.execute(select(Organisation).order_by(Organisation.name)).scalars().all()
    )
    form.organisation_id.choices = id_choices(organisations, lambda o: o.name, _("None"))
    form.track_id.choices = id_choices(call.tracks, lambda t: t.text("name"), _("All tracks"))
    if form.validate_on_submit():
        reviewer = review_services.invite_reviewer(
            current_user,
            event,
            email=form.email.data,
            name=form.name.data or "",
            organisation_id=form.organisation_id.data or None,
            track_id=form.track_id.data or None,
            chair=bool(form.chair.data),
        )
        flash(_("An invitation was sent to %(email)s.", email=reviewer.user.email), "success")
        return redirect(url_for("contributions.manage_reviewers", slug=slug))
    return render_template(
        "contributions/manage_reviewers.html",
        event=event,
        call=call,
        form=form,
        reviewers=review_services.event_reviewers(event),
        confirm=ConfirmForm(),
    )


@bp.post("/manage/events/<slug>/reviewers/<int:reviewer_id>/remove")
@login_required
def manage_remove_reviewer(slug: str, reviewer_id: int):
    """End a reviewer's role for this event."""
    event, _call = _event_and_call(slug)
    reviewer = db.session.get(Reviewer, reviewer_id)
    if reviewer is None or reviewer.event_id != event.id:
        abort(404)
    _confirmed()
    review_services.remove_reviewer(current_user, event, reviewer)
    flash(_("The reviewer is removed."), "success")
    return redirect(url_for("contributions.manage_reviewers", slug=slug))
