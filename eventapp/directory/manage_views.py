"""Back office for forums and agreements: list, expiring soon, create, edit, end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.core.errors import Forbidden
from eventapp.directory import bp, queries, services
from eventapp.directory.forms import CollaborationForm, EndCollaborationForm
from eventapp.directory.services import InvalidCollaboration


def _show_error(form, error: InvalidCollaboration) -> None:
    """Put a service's refusal on the form field it concerns."""
    field = getattr(form, error.field, None)
    if field is None:
        field = next(iter(form))
    field.errors = [*field.errors, error.message]


@bp.get("/manage/collaborations/")
@login_required
def manage_collaborations():
    """The collaborations the user may change, with those expiring within 6 months first."""
    items = services.editable_collaborations(current_user)
    expiring, lapsed = services.needing_attention(items, date.today())
    return render_template(
        "directory/manage_collaborations.html",
        collaborations=items,
        expiring=expiring,
        lapsed=lapsed,
        can_create=services.can_create_collaboration(current_user),
    )


def _submit(form, template: str, collaboration, save: Callable[[], str]):
    """Validate ``form`` and run ``save`` (which returns the flash message); on a refusal,
    re-render with the message on its field. Nothing is stored unless everything passes."""
    if form.validate_on_submit():
        try:
            message = save()
        except InvalidCollaboration as error:
            _show_error(form, error)
        else:
            flash(message, "success")
            return redirect(url_for("directory.manage_collaborations"))
    return render_template(template, form=form, collaboration=collaboration)


@bp.route("/manage/collaborations/new", methods=["GET", "POST"])
@login_required
def manage_collaboration_new():
    """Add a forum or agreement."""
    if not services.can_create_collaboration(current_user):
        raise Forbidden(_("You may not add forums or agreements."))
    form = CollaborationForm()

    def save() -> str:
        created = services.create_collaboration(current_user, form.to_data())
        return _("Saved “%(name)s”.", name=created.name)

    return _submit(form, "directory/manage_collaboration_form.html", None, save)


@bp.route("/manage/collaborations/<slug>/edit", methods=["GET", "POST"])
@login_required
def manage_collaboration_edit(slug: str):
    """Change a forum or agreement."""
    collaboration = queries.get_collaboration(slug)
    services.require_collaboration_editor(current_user, collaboration)
    form = CollaborationForm.for_collaboration(collaboration)

    def save() -> str:
        services.update_collaboration(current_user, collaboration, form.to_data())
        return _("Saved “%(name)s”.", name=collaboration.name)

    return _submit(form, "directory/manage_collaboration_form.html", collaboration, save)


@bp.route("/manage/collaborations/<slug>/end", methods=["GET", "POST"])
@login_required
def manage_collaboration_end(slug: str):
    """End a forum or agreement with a note on why."""
    collaboration = queries.get_collaboration(slug)
    services.require_collaboration_editor(current_user, collaboration)
    form = EndCollaborationForm()

    def save() -> str:
        services.end_collaboration(
            current_user, collaboration, form.ended_on.data, form.end_note.data
        )
        return _("“%(name)s” is now listed as ended.", name=collaboration.name)

    return _submit(form, "directory/manage_collaboration_end.html", collaboration, save)
