"""The organisers' certificate template form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from eventapp.core.forms import AppForm, translation_field


class TemplateForm(AppForm):
    """What the event's certificates say; the layout is one, its options a few."""

    heading = StringField(
        _l("Heading"),
        validators=[Optional(), Length(max=120)],
        description=_l("Empty: “Certificate of attendance” in the participant's language."),
    )
    heading_translation = translation_field(heading, _l("Heading in the other language"), 120)
    body = TextAreaField(
        _l("Paragraph under the facts"),
        validators=[Optional(), Length(max=600)],
        description=_l("For instance what the programme covered, or the credits it gives."),
    )
    body_translation = translation_field(body, _l("Paragraph in the other language"), 600)
    signatory_name = StringField(_l("Signed by"), validators=[Optional(), Length(max=200)])
    signatory_title = StringField(_l("Signatory's title"), validators=[Optional(), Length(max=200)])
    signatory_title_translation = translation_field(
        signatory_title, _l("Title in the other language"), 200
    )
    per_session = BooleanField(
        _l("List the sessions attended and count their hours"),
        description=_l("For training credits: the sessions each participant chose, else all."),
    )
    landscape = BooleanField(_l("Landscape page"), default=True)
    show_logos = BooleanField(_l("Show the organisers' logos"), default=True)
