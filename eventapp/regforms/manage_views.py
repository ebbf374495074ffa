"""The organiser's pages that shape the registration form: questions and session groups."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.core.errors import DomainError
from eventapp.core.forms import ConfirmForm, show_error, translation_data, translation_values
from eventapp.core.translation import other_language
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.regforms import group_services, services
from eventapp.regforms.blueprint import bp
from eventapp.regforms.forms import QuestionForm, SessionGroupForm
from eventapp.regforms.labels import KIND_LABELS
from eventapp.regforms.models import Question, SessionGroup
from eventapp.registration.labels import CATEGORY_LABELS
from eventapp.registration.services import selectable_sessions

BASE = "/manage/events/<slug>/form"


def _overview(event: Event):
    return redirect(url_for("regforms.manage_form", slug=event.slug), code=303)


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _remove(event: Event, label: str, action: str, remove, row, done: str):
    """Remove ``row`` through ``remove`` after the button's CSRF check, recorded; commits."""
    _confirmed()
    audit.record(event, current_user, action, target=label)
    remove(row)
    db.session.commit()
    flash(done, "success")
    return _overview(event)


@bp.get(BASE)
@login_required
def manage_form(slug: str):
    """The event's own questions and its session groups."""
    event = get_managed_event(current_user, slug)
    groups = group_services.event_groups(event.id)
    sessions = {s.id: s for s in selectable_sessions(event)}
    return render_template(
        "regforms/manage_form.html",
        event=event,
        questions=services.event_questions(event.id),
        groups=groups,
        sessions=sessions,
        kind_labels=KIND_LABELS,
        category_labels=CATEGORY_LABELS,
        button_form=ConfirmForm(),
    )


def _question_form(question: Question | None) -> QuestionForm:
    if request.method == "POST" or question is None:
        return QuestionForm()
    other = other_language(question.original_language)
    return QuestionForm(
        data={
            "label": question.label,
            "help_text": question.help_text,
            "kind": question.kind.value,
            "required": question.required,
            "categories": list(question.categories),
            "options": "\n".join(o.label for o in question.options),
            "options_translation": "\n".join(
                o.translation(other, "label") for o in question.options
            ),
            **translation_data(question, ("label", "help_text")),
        }
    )


def _save_or_show(event: Event, form, save, action: str, done: str, template: str, **context):
    """Save a valid form through ``save`` (its refusal shown on the form), record it and go
    back to the overview; else show the form again (422 after a POST)."""
    if form.validate_on_submit():
        try:
            saved = save()
        except DomainError as error:
            show_error(form, error, default="label" if "label" in form else "name")
        else:
            audit.record(event, current_user, action, target=str(saved.id))
            db.session.commit()
            flash(done, "success")
            return _overview(event)
    status = 422 if request.method == "POST" else 200
    return render_template(template, event=event, form=form, **context), status


def _edit_question(event: Event, question: Question | None):
    form = _question_form(question)
    language = question.original_language if question else event.language or "en"

    def save() -> Question:
        data = services.QuestionData(
            kind=form.kind.data,
            label=form.label.data,
            help_text=form.help_text.data or "",
            required=bool(form.required.data),
            categories=list(form.categories.data or []),
            options=form.option_lines(),
            translations={
                other_language(language): translation_values(form, ("label", "help_text"))
            },
        )
        return services.save_question(event, data, question)

    return _save_or_show(
        event,
        form,
        save,
        "question.save",
        _("The question is saved."),
        "regforms/manage_question.html",
        question=question,
    )


@bp.route(BASE + "/questions/new", methods=["GET", "POST"])
@login_required
def manage_new_question(slug: str):
    """Add a question to the registration form."""
    return _edit_question(get_managed_event(current_user, slug), None)


@bp.route(BASE + "/questions/<int:question_id>", methods=["GET", "POST"])
@login_required
def manage_question(slug: str, question_id: int):
    """Change a question."""
    event = get_managed_event(current_user, slug)
    return _edit_question(event, services.question_of(event, question_id))


@bp.post(BASE + "/questions/<int:question_id>/delete")
@login_required
def manage_delete_question(slug: str, question_id: int):
    """Remove a question and the answers given to it."""
    event = get_managed_event(current_user, slug)
    question = services.question_of(event, question_id)
    done = _("The question is removed.")
    return _remove(
        event, question.label, "question.delete", services.delete_question, question, done
    )


@bp.post(BASE + "/questions/<int:question_id>/move")
@login_required
def manage_move_question(slug: str, question_id: int):
    """Move a question up or down the form."""
    event = get_managed_event(current_user, slug)
    question = services.question_of(event, question_id)
    _confirmed()
    services.move_question(event, question, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    return _overview(event)


def _group_form(event: Event, group: SessionGroup | None, sessions) -> SessionGroupForm:
    if request.method == "POST" or group is None:
        return SessionGroupForm(sessions=sessions)
    data = {
        "name": group.name,
        "max_choices": group.max_choices,
        "sessions": [m.session_id for m in group.members],
        **translation_data(group, ("name",)),
    }
    return SessionGroupForm(sessions=sessions, data=data)


def _edit_group(event: Event, group: SessionGroup | None):
    sessions = selectable_sessions(event)
    form = _group_form(event, group, sessions)
    language = group.original_language if group else event.language or "en"

    def save() -> SessionGroup:
        data = group_services.GroupData(
            name=form.name.data,
            max_choices=form.max_choices.data,
            session_ids=list(form.sessions.data or []),
            translations={other_language(language): translation_values(form, ("name",))},
        )
        return group_services.save_group(event, data, group)

    return _save_or_show(
        event,
        form,
        save,
        "session_group.save",
        _("The session group is saved."),
        "regforms/manage_group.html",
        group=group,
        sessions=sessions,
    )


@bp.route(BASE + "/groups/new", methods=["GET", "POST"])
@login_required
def manage_new_group(slug: str):
    """Make a group of sessions of which only some may be chosen."""
    return _edit_group(get_managed_event(current_user, slug), None)


@bp.route(BASE + "/groups/<int:group_id>", methods=["GET", "POST"])
@login_required
def manage_group(slug: str, group_id: int):
    """Change a session group."""
    event = get_managed_event(current_user, slug)
    return _edit_group(event, group_services.group_of(event, group_id))


@bp.post(BASE + "/groups/<int:group_id>/delete")
@login_required
def manage_delete_group(slug: str, group_id: int):
    """Remove a session group (its sessions stay)."""
    event = get_managed_event(current_user, slug)
    group = group_services.group_of(event, group_id)
    done = _("The session group is removed.")
    return _remove(
        event, group.name, "session_group.delete", group_services.delete_group, group, done
    )
