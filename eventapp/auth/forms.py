"""Forms of the account pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from eventapp.auth.services import MIN_PASSWORD_LENGTH
from eventapp.core.forms import AppForm, SearchableCheckboxField, valid_email


class LoginForm(AppForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this device"))


def _new_password_fields():
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    repeat = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The passwords differ."))],
    )
    return new, repeat


class PasswordChangeForm(AppForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=200)]
    )
    new_password, repeat_password = _new_password_fields()


class ResetRequestForm(AppForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), valid_email(), Length(max=254)]
    )


class ResetPasswordForm(AppForm):
    new_password, repeat_password = _new_password_fields()


class AcceptInvitationForm(AppForm):
    display_name = StringField(_l("Your name"), validators=[Length(max=200)])
    new_password, repeat_password = _new_password_fields()


class InviteForm(AppForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), valid_email(), Length(max=254)]
    )
    display_name = StringField(_l("Name"), validators=[Length(max=200)])
    organisations = SearchableCheckboxField(
        _l("Organisations"), coerce=int, filter_label=_l("Find an organisation")
    )
    site_admin = BooleanField(_l("Site administrator (may do everything)"))

    def validate_organisations(self, field) -> None:
        if not field.data and not self.site_admin.data:
            raise ValidationError(_l("Choose at least one organisation."))


class UserOrganisationsForm(AppForm):
    organisations = SearchableCheckboxField(
        _l("Organisations"), coerce=int, filter_label=_l("Find an organisation")
    )
