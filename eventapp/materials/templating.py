"""Template globals of the materials: names of kinds, licences and visibilities; the materials a
page may show, and the URLs of their files."""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.materials.blueprint import bp
from eventapp.materials.forms import KIND_LABELS, LICENCE_LABELS, VISIBILITY_LABELS
from eventapp.materials.models import Material, Visibility
from eventapp.materials.services import materials_of
from eventapp.registration.models import Registration


def public_materials(event: Event) -> dict[int, list[Material]]:
    """The public materials of the event's sessions that have ended (no query before the
    event begins: the page of an upcoming event costs what it did)."""
    if event.starts_at > utcnow():
        return {}
    return materials_of(event, {Visibility.PUBLIC})


def registrant_materials(registration: Registration) -> dict[int, list[Material]]:
    """What a participant with a confirmed place sees: public and registrants' materials."""
    if (
        registration.status != RegistrationStatus.CONFIRMED
        or registration.event.starts_at > utcnow()
    ):
        return {}
    return materials_of(registration.event, {Visibility.PUBLIC, Visibility.REGISTRANTS})


def public_material_url(material: Material) -> str:
    return url_for("materials.public_file", material_id=material.id)


def registrant_material_url(registration: Registration) -> Callable[[Material], str]:
    def url(material: Material) -> str:
        return url_for(
            "materials.participant_file", secret=registration.secret, material_id=material.id
        )

    return url


bp.add_app_template_global(KIND_LABELS, "MATERIAL_KINDS")
bp.add_app_template_global(LICENCE_LABELS, "MATERIAL_LICENCES")
bp.add_app_template_global(VISIBILITY_LABELS, "MATERIAL_VISIBILITIES")
bp.add_app_template_global(public_materials, "public_materials")
bp.add_app_template_global(registrant_materials, "registrant_materials")
bp.add_app_template_global(public_material_url, "public_material_url")
bp.add_app_template_global(registrant_material_url, "registrant_material_url")
