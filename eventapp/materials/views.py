"""Materials as visitors reach them: the public files, a registrant's through their private
page, and the speaker's upload page behind their private link ``/m/<secret>/``."""

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

from eventapp.contributions.files import pdf_path
from eventapp.core.db import transaction
from eventapp.core.errors import DomainError
from eventapp.core.forms import ConfirmForm, show_error
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.materials import services
from eventapp.materials.blueprint import bp
from eventapp.materials.forms import MaterialForm
from eventapp.materials.models import Licence, Material, MaterialKind, Visibility
from eventapp.registration.services import get_by_secret


def material_data(form: MaterialForm) -> services.MaterialData:
    """What the form gives the service (the PDF read up to one byte past the limit)."""
    upload = form.file.data
    pdf = None
    if upload is not None and getattr(upload, "filename", ""):
        pdf = upload.stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    return services.MaterialData(
        kind=MaterialKind(form.kind.data),
        title=form.title.data,
        licence=Licence(form.licence.data),
        visibility=Visibility(form.visibility.data),
        url=form.url.data or "",
        pdf=pdf,
    )


def send_material(material: Material | None, allowed: set[Visibility], event_id: int | None = None):
    """A material's PDF, when ``allowed`` may see it (404 otherwise, as if it did not exist)."""
    if (
        material is None
        or material.file_path is None
        or material.visibility not in allowed
        or (event_id is not None and material.session.event_id != event_id)
        or not pdf_path(material.file_path).is_file()
    ):
        abort(404)
    response = send_file(
        pdf_path(material.file_path),
        mimetype="application/pdf",
        download_name=f"{material.kind.value}-{material.id}.pdf",
    )
    if material.visibility != Visibility.PUBLIC:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/materials/<int:material_id>.pdf")
def public_file(material_id: int):
    """A public material's PDF."""
    material = db.session.get(Material, material_id)
    if material is not None and not material.session.event.is_public:
        abort(404)
    return send_material(material, {Visibility.PUBLIC})


@bp.get("/r/<secret>/materials/<int:material_id>.pdf")
def participant_file(secret: str, material_id: int):
    """A material of the participant's event that registrants may see."""
    registration = get_by_secret(secret)
    allowed = {Visibility.PUBLIC}
    if registration.status == RegistrationStatus.CONFIRMED:
        allowed.add(Visibility.REGISTRANTS)
    response = send_material(db.session.get(Material, material_id), allowed, registration.event_id)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _speaker_page(link, form, status=200):
    session = link.session
    mine = [
        m
        for m in services.materials_of(session.event, set(Visibility), ended_only=False).get(
            session.id, []
        )
        if m.link_id == link.id
    ]
    page = render_template(
        "materials/speaker.html",
        link=link,
        session=session,
        event=session.event,
        form=form,
        materials=mine,
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/m/<secret>/", methods=["GET", "POST"])
def speaker_page(secret: str):
    """The speaker adds the session's slides, poster or links (POST), and sees what they added."""
    link = services.by_secret(secret)
    form = MaterialForm()
    if request.method == "GET":
        return _speaker_page(link, form)
    if not form.validate_on_submit():
        return _speaker_page(link, form, 422)
    try:
        with transaction():
            services.add_material(link.session, material_data(form), link=link)
    except DomainError as error:
        show_error(form, error, default="file")
        return _speaker_page(link, form, 422)
    flash(_("Thank you: the material is added."), "success")
    return redirect(url_for("materials.speaker_page", secret=secret), code=303)


@bp.post("/m/<secret>/<int:material_id>/remove")
def speaker_remove(secret: str, material_id: int):
    """The speaker removes a material they added through this link."""
    link = services.by_secret(secret)
    material = db.session.get(Material, material_id)
    if material is None or material.link_id != link.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with transaction():
        services.remove_material(material)
    flash(_("The material is removed."), "success")
    return redirect(url_for("materials.speaker_page", secret=secret), code=303)
