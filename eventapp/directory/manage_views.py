"""Back office of the directory: organisations, people, venues and their rooms; forums and
agreements. The first keep their endpoint names under ``manage.`` (``manage.organisations``), the
collaborations theirs under ``services.``: templates and bookmarks name them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import can_manage_organisation
from eventapp.core.errors import Forbidden
from eventapp.core.forms import show_error, translation_data
from eventapp.core.uploads import UploadError, save_image
from eventapp.core.urls import external_url
from eventapp.directory import collaboration_services, queries, services
from eventapp.directory.blueprint import bp
from eventapp.directory.forms import CollaborationForm, EndCollaborationForm
from eventapp.directory.manage_forms import OrganisationForm, PersonForm, RoomForm, VenueForm
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Room, Venue
from eventapp.extensions import db
from eventapp.manage.blueprint import bp as manage_bp


def _image(form, field_name: str, folder: str) -> tuple[bool, str | None]:
    """Store an uploaded image: (ok, path); a bad file puts the message on the field."""
    upload = getattr(form, field_name).data
    if not upload or not getattr(upload, "filename", ""):
        return True, None
    try:
        return True, save_image(upload, folder)
    except UploadError as error:
        field = getattr(form, field_name)
        field.errors = [*field.errors, str(error)]
        return False, None


def _translations(obj) -> dict[str, str]:
    """The form's initial translations of ``obj`` (none for a new row)."""
    return translation_data(obj, type(obj).TRANSLATED) if obj is not None else {}


def _get(model, ident: int):
    return db.session.get(model, ident) or abort(404)


@manage_bp.get("/manage/organisations/")
@login_required
def organisations():
    """Every organisation; the user's own may be edited."""
    rows = services.list_all(Organisation, Organisation.name)
    return render_template("manage/organisations.html", organisations=rows)


@manage_bp.route("/manage/organisations/new", methods=["GET", "POST"], defaults={"ident": None})
@manage_bp.route("/manage/organisations/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_organisation(ident: int | None):
    """Create (site administrators) or edit (own organisations) an organisation."""
    organisation = _get(Organisation, ident) if ident else None
    if organisation is not None and not can_manage_organisation(current_user, organisation.id):
        abort(403)
    if organisation is None and not current_user.is_site_admin:
        abort(403)
    form = OrganisationForm(obj=organisation, organisation_id=ident, **_translations(organisation))
    embed = None
    if organisation is not None:  # its upcoming events, for other sites to show
        embed = external_url("api.embed_organisation", slug=organisation.slug)
    return _edit_with_image(
        form, organisation, services.save_organisation, ("logo", "logos", "logo_path"),
        _("New organisation"), "manage.organisations", embed,
    )  # fmt: skip


def _edit_with_image(
    form, obj, save, image: tuple[str, str, str], new_title, back: str, embed_url: str | None = None
):
    """The shared flow of a directory form with an image: validate, store, save, or re-render."""
    field_name, folder, column = image
    if form.validate_on_submit():
        ok, path = _image(form, field_name, folder)
        if ok:
            values = form.values()
            if path:
                values[column] = path
            try:
                save(current_user, obj, values)
            except services.DirectoryError as error:
                show_error(form, error)
            else:
                flash(_("Saved."), "success")
                return redirect(url_for(back))
    return render_template(
        "manage/directory_form.html",
        form=form,
        title=obj.name if obj else new_title,
        upload=True,
        image=getattr(obj, column) if obj else None,
        embed_url=embed_url,
    )


@manage_bp.get("/manage/people/")
@login_required
def people():
    """The shared list of speakers, moderators and contact persons."""
    return render_template("manage/people.html", people=services.list_all(Person, Person.name))


@manage_bp.route("/manage/people/new", methods=["GET", "POST"], defaults={"ident": None})
@manage_bp.route("/manage/people/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_person(ident: int | None):
    """Create or edit a person, with a checked photo upload."""
    person = _get(Person, ident) if ident else None
    form = PersonForm(obj=person, **_translations(person))
    return _edit_with_image(
        form, person, services.save_person, ("photo", "people", "photo_path"),
        _("New person"), "manage.people",
    )  # fmt: skip


@manage_bp.get("/manage/venues/")
@login_required
def venues():
    """Every venue with its rooms."""
    return render_template("manage/venues.html", venues=services.list_all(Venue, Venue.name))


@manage_bp.route("/manage/venues/new", methods=["GET", "POST"], defaults={"ident": None})
@manage_bp.route("/manage/venues/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_venue(ident: int | None):
    """Create or edit a venue; its rooms are listed below."""
    venue = services.venue_with_rooms(ident) if ident else None
    if ident and venue is None:
        abort(404)
    form = VenueForm(obj=venue, **_translations(venue))
    if form.validate_on_submit():
        try:
            venue = services.save_venue(current_user, venue, form.values())
        except services.DirectoryError as error:
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.edit_venue", ident=venue.id))
    room_form = RoomForm(prefix="room") if venue else None
    return render_template("manage/venue.html", form=form, venue=venue, room_form=room_form)


@manage_bp.post("/manage/venues/<int:ident>/rooms")
@login_required
def add_room(ident: int):
    """Add a room to a venue."""
    venue = services.venue_with_rooms(ident) or abort(404)
    room_form = RoomForm(prefix="room")
    if room_form.validate_on_submit():
        try:
            services.save_room(
                current_user, venue, None, room_form.name.data, room_form.capacity.data
            )
        except services.DirectoryError as error:
            show_error(room_form, error)
        else:
            flash(_("The room is added."), "success")
            return redirect(url_for("manage.edit_venue", ident=ident))
    return render_template(
        "manage/venue.html", form=VenueForm(obj=venue), venue=venue, room_form=room_form
    )


@manage_bp.route("/manage/rooms/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_room(ident: int):
    """Rename a room or change its capacity."""
    room = _get(Room, ident)
    form = RoomForm(obj=room)
    if form.validate_on_submit():
        try:
            services.save_room(current_user, room.venue, room, form.name.data, form.capacity.data)
        except services.DirectoryError as error:
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.edit_venue", ident=room.venue_id))
    return render_template(
        "manage/directory_form.html", form=form, title=room.name, upload=False, image=None
    )


@bp.get("/manage/collaborations/")
@login_required
def manage_collaborations():
    """The collaborations the user may change, with those expiring within 6 months first."""
    items = collaboration_services.editable_collaborations(current_user)
    expiring, lapsed = collaboration_services.needing_attention(items, date.today())
    return render_template(
        "directory/manage_collaborations.html",
        collaborations=items,
        expiring=expiring,
        lapsed=lapsed,
        can_create=collaboration_services.can_create_collaboration(current_user),
    )


def _submit(form, template: str, collaboration, save: Callable[[], str]):
    """Validate ``form`` and run ``save`` (which returns the flash message); on a refusal,
    re-render with the message on its field. Nothing is stored unless everything passes."""
    if form.validate_on_submit():
        try:
            message = save()
        except collaboration_services.InvalidCollaboration as error:
            show_error(form, error)
        else:
            flash(message, "success")
            return redirect(url_for("directory.manage_collaborations"))
    return render_template(template, form=form, collaboration=collaboration)


@bp.route("/manage/collaborations/new", methods=["GET", "POST"])
@login_required
def manage_collaboration_new():
    """Add a forum or agreement."""
    if not collaboration_services.can_create_collaboration(current_user):
        raise Forbidden(_("You may not add forums or agreements."))
    form = CollaborationForm()

    def save() -> str:
        created = collaboration_services.create_collaboration(current_user, form.to_data())
        return _("Saved “%(name)s”.", name=created.name)

    return _submit(form, "directory/manage_collaboration_form.html", None, save)


@bp.route("/manage/collaborations/<slug>/edit", methods=["GET", "POST"])
@login_required
def manage_collaboration_edit(slug: str):
    """Change a forum or agreement."""
    collaboration = queries.get_collaboration(slug)
    collaboration_services.require_collaboration_editor(current_user, collaboration)
    form = CollaborationForm.for_collaboration(collaboration)

    def save() -> str:
        collaboration_services.update_collaboration(current_user, collaboration, form.to_data())
        return _("Saved “%(name)s”.", name=collaboration.name)

    return _submit(form, "directory/manage_collaboration_form.html", collaboration, save)


@bp.route("/manage/collaborations/<slug>/end", methods=["GET", "POST"])
@login_required
def manage_collaboration_end(slug: str):
    """End a forum or agreement with a note on why."""
    collaboration = queries.get_collaboration(slug)
    collaboration_services.require_collaboration_editor(current_user, collaboration)
    form = EndCollaborationForm()

    def save() -> str:
        collaboration_services.end_collaboration(
            current_user, collaboration, form.ended_on.data, form.end_note.data
        )
        return _("“%(name)s” is now listed as ended.", name=collaboration.name)

    return _submit(form, "directory/manage_collaboration_end.html", collaboration, save)
