"""The material form, the organisers' and the speakers' alike."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from eventapp.core.forms import AppForm, IdSelectField, id_choices, options, web_address_field
from eventapp.events.models import Session
from eventapp.materials.models import Licence, MaterialKind, Visibility

KIND_LABELS = {
    MaterialKind.SLIDES: _l("Slides"),
    MaterialKind.POSTER: _l("Poster"),
    MaterialKind.RECORDING: _l("Recording"),
    MaterialKind.REPOSITORY: _l("Repository or data"),
    MaterialKind.OTHER: _l("Other"),
}
VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Everyone"),
    Visibility.REGISTRANTS: _l("Registered participants"),
    Visibility.ORGANISERS: _l("Organisers only"),
}
LICENCE_LABELS = {
    Licence.CC_BY: _l("CC BY 4.0 (reuse with attribution)"),
    Licence.CC_BY_SA: _l("CC BY-SA 4.0 (attribution, share alike)"),
    Licence.CC_BY_NC: _l("CC BY-NC 4.0 (attribution, not commercial)"),
    Licence.CC_BY_ND: _l("CC BY-ND 4.0 (attribution, no changes)"),
    Licence.CC0: _l("CC0 (no rights reserved)"),
    Licence.ALL_RIGHTS: _l("All rights reserved"),
}


class MaterialForm(AppForm):
    """A PDF or a link, its licence and who may see it."""

    session_id = IdSelectField(_l("Session"))
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS.items()))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    file = FileField(_l("PDF"), description=_l("Slides or a poster, as a PDF."))
    url = web_address_field(_l("Or a web address"))
    licence = SelectField(_l("Licence"), choices=options(LICENCE_LABELS.items()))
    visibility = SelectField(_l("Who may see it"), choices=options(VISIBILITY_LABELS.items()))

    def __init__(self, *args: Any, sessions: list[Session] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if sessions is None:
            del self.session_id  # the speaker's page: the link names the session
        else:
            self.session_id.choices = id_choices(sessions, lambda s: s.title)
