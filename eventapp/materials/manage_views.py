"""The organisers' materials page: every session's files and links, adding and removing them,
and each session's private link for its speakers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from eventapp.auth.rights import get_managed_event
from eventapp.core.db import transaction
from eventapp.core.errors import DomainError
from eventapp.core.forms import ConfirmForm, show_error
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.materials import services
from eventapp.materials.blueprint import bp
from eventapp.materials.forms import MaterialForm
from eventapp.materials.models import Material, MaterialLink, Visibility
from eventapp.materials.views import material_data, send_material


def _page(event: Event, form: MaterialForm, status: int = 200):
    links = {
        link.session_id: link
        for link in db.session.execute(
            select(MaterialLink)
            .join(Session)
            .where(Session.event_id == event.id, MaterialLink.revoked_at.is_(None))
        ).scalars()
    }
    page = render_template(
        "materials/manage.html",
        event=event,
        form=form,
        materials=services.materials_of(event, set(Visibility), ended_only=False),
        links=links,
        action_form=ConfirmForm(),
    )
    return page, status


def _session(event: Event, session_id: int) -> Session:
    session = db.session.get(Session, session_id)
    if session is None or session.event_id != event.id:
        abort(404)
    return session


def _material(event: Event, material_id: int) -> Material:
    material = db.session.get(Material, material_id)
    if material is None or material.session.event_id != event.id:
        abort(404)
    return material


@bp.route("/manage/events/<slug>/materials", methods=["GET", "POST"])
@login_required
def manage_materials(slug: str):
    """The event's materials by session (POST adds one)."""
    event = get_managed_event(current_user, slug)
    form = MaterialForm(sessions=list(event.sessions))
    if request.method == "GET":
        return _page(event, form)
    if not form.validate_on_submit():
        return _page(event, form, 422)
    try:
        with transaction():
            services.add_material(_session(event, form.session_id.data), material_data(form))
    except DomainError as error:
        show_error(form, error, default="file")
        return _page(event, form, 422)
    flash(_("The material is added."), "success")
    return redirect(url_for("materials.manage_materials", slug=slug), code=303)


@bp.post("/manage/events/<slug>/materials/<int:material_id>/remove")
@login_required
def manage_remove(slug: str, material_id: int):
    """Remove a material."""
    event = get_managed_event(current_user, slug)
    material = _material(event, material_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with transaction():
        services.remove_material(material)
    flash(_("The material is removed."), "success")
    return redirect(url_for("materials.manage_materials", slug=slug), code=303)


@bp.get("/manage/events/<slug>/materials/<int:material_id>.pdf")
@login_required
def manage_file(slug: str, material_id: int):
    """Any material's PDF, for the organisers."""
    event = get_managed_event(current_user, slug)
    return send_material(_material(event, material_id), set(Visibility), event.id)


@bp.post("/manage/events/<slug>/materials/sessions/<int:session_id>/link")
@login_required
def manage_speaker_link(slug: str, session_id: int):
    """Make the session's private link for its speakers (or a new one, which ends the old)."""
    event = get_managed_event(current_user, slug)
    session = _session(event, session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with transaction():
        link = services.speaker_link(session)
        if request.form.get("renew") == "1":
            services.revoke_link(link)
            services.speaker_link(session)
    flash(_("The speakers' link is ready: send it to them."), "success")
    return redirect(url_for("materials.manage_materials", slug=slug), code=303)
