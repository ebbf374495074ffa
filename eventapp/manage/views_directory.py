"""Back-office pages of the directory: organisations, people, venues and rooms, series."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.rights import can_manage_organisation, require_series_manager
from eventapp.core.uploads import UploadError, save_image
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import EventSeries, Room, Venue
from eventapp.extensions import db
from eventapp.manage import bp, directory
from eventapp.manage.forms_directory import (
    OrganisationForm,
    PersonForm,
    RoomForm,
    SeriesForm,
    VenueForm,
)


def _refused(form, error: directory.DirectoryError) -> None:
    db.session.rollback()
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


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


def _get(model, ident: int):
    return db.session.get(model, ident) or abort(404)


@bp.get("/manage/organisations/")
@login_required
def organisations():
    """Every organisation; the user's own may be edited."""
    rows = directory.list_all(Organisation, Organisation.name)
    return render_template("manage/organisations.html", organisations=rows)


@bp.route("/manage/organisations/new", methods=["GET", "POST"], defaults={"ident": None})
@bp.route("/manage/organisations/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_organisation(ident: int | None):
    """Create (site administrators) or edit (own organisations) an organisation."""
    organisation = _get(Organisation, ident) if ident else None
    if organisation is not None and not can_manage_organisation(current_user, organisation.id):
        abort(403)
    if organisation is None and not current_user.is_site_admin:
        abort(403)
    form = OrganisationForm(obj=organisation, organisation_id=ident)
    return _edit_with_image(
        form, organisation, directory.save_organisation, ("logo", "logos", "logo_path"),
        _("New organisation"), "manage.organisations",
    )  # fmt: skip


def _edit_with_image(form, obj, save, image: tuple[str, str, str], new_title, back: str):
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
            except directory.DirectoryError as error:
                _refused(form, error)
            else:
                flash(_("Saved."), "success")
                return redirect(url_for(back))
    return render_template(
        "manage/directory_form.html",
        form=form,
        title=obj.name if obj else new_title,
        upload=True,
        image=getattr(obj, column) if obj else None,
    )


@bp.get("/manage/people/")
@login_required
def people():
    """The shared list of speakers, moderators and contact persons."""
    return render_template("manage/people.html", people=directory.list_all(Person, Person.name))


@bp.route("/manage/people/new", methods=["GET", "POST"], defaults={"ident": None})
@bp.route("/manage/people/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_person(ident: int | None):
    """Create or edit a person, with a checked photo upload."""
    person = _get(Person, ident) if ident else None
    form = PersonForm(obj=person)
    return _edit_with_image(
        form, person, directory.save_person, ("photo", "people", "photo_path"),
        _("New person"), "manage.people",
    )  # fmt: skip


@bp.get("/manage/venues/")
@login_required
def venues():
    """Every venue with its rooms."""
    return render_template("manage/venues.html", venues=directory.list_all(Venue, Venue.name))


@bp.route("/manage/venues/new", methods=["GET", "POST"], defaults={"ident": None})
@bp.route("/manage/venues/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_venue(ident: int | None):
    """Create or edit a venue; its rooms are listed below."""
    venue = directory.venue_with_rooms(ident) if ident else None
    if ident and venue is None:
        abort(404)
    form = VenueForm(obj=venue)
    if form.validate_on_submit():
        try:
            venue = directory.save_venue(current_user, venue, form.values())
        except directory.DirectoryError as error:
            _refused(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.edit_venue", ident=venue.id))
    room_form = RoomForm(prefix="room") if venue else None
    return render_template("manage/venue.html", form=form, venue=venue, room_form=room_form)


@bp.post("/manage/venues/<int:ident>/rooms")
@login_required
def add_room(ident: int):
    """Add a room to a venue."""
    venue = directory.venue_with_rooms(ident) or abort(404)
    room_form = RoomForm(prefix="room")
    if room_form.validate_on_submit():
        try:
            directory.save_room(
                current_user, venue, None, room_form.name.data, room_form.capacity.data
            )
        except directory.DirectoryError as error:
            _refused(room_form, error)
        else:
            flash(_("The room is added."), "success")
            return redirect(url_for("manage.edit_venue", ident=ident))
    return render_template(
        "manage/venue.html", form=VenueForm(obj=venue), venue=venue, room_form=room_form
    )


@bp.route("/manage/rooms/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_room(ident: int):
    """Rename a room or change its capacity."""
    room = _get(Room, ident)
    form = RoomForm(obj=room)
    if form.validate_on_submit():
        try:
            directory.save_room(current_user, room.venue, room, form.name.data, form.capacity.data)
        except directory.DirectoryError as error:
            _refused(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.edit_venue", ident=room.venue_id))
    return render_template(
        "manage/directory_form.html", form=form, title=room.name, upload=False, image=None
    )


@bp.get("/manage/series/")
@login_required
def series_list():
    """The series the user's organisations run."""
    return render_template(
        "manage/series_list.html", series=directory.manageable_series(current_user)
    )


@bp.route("/manage/series/new", methods=["GET", "POST"], defaults={"ident": None})
@bp.route("/manage/series/<int:ident>", methods=["GET", "POST"])
@login_required
def edit_series(ident: int | None):
    """Create or edit a series (name, cadence, organisations)."""
    series = _get(EventSeries, ident) if ident else None
    if series is not None:
        require_series_manager(current_user, series)
    initial = {
        "organisations": [
            o.id for o in (series.organisations if series else current_user.organisations)
        ]
    }
    if series is not None:
        for name in ("name", "slug", "description", "cadence_rrule", "cadence_text"):
            initial[name] = getattr(series, name)
    form = SeriesForm(data=initial)
    if form.validate_on_submit():
        try:
            series = directory.save_series(
                current_user, series, form.values(), form.organisations.data
            )
        except directory.DirectoryError as error:
            _refused(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("manage.series_list"))
    return render_template(
        "manage/directory_form.html",
        form=form,
        title=series.name if series else _("New series"),
        upload=False,
        image=None,
    )
