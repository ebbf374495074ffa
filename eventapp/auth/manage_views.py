"""Account pages under /manage/: login, logout, password change and reset, invitations."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME as REMEMBER_COOKIE
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from eventapp.auth import services, session_services
from eventapp.auth.blueprint import bp
from eventapp.auth.forms import (
    AcceptInvitationForm,
    InviteForm,
    LoginForm,
    PasswordChangeForm,
    ResetPasswordForm,
    ResetRequestForm,
    UserOrganisationsForm,
)
from eventapp.auth.models import User
from eventapp.auth.rights import require_site_admin
from eventapp.core.db import transaction
from eventapp.core.forms import ConfirmForm
from eventapp.core.i18n import current_language
from eventapp.core.search import collation_key
from eventapp.directory.models import Organisation
from eventapp.extensions import db, limiter


def safe_next(target: str | None, default: str = "/manage/") -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirects)."""
    if not target:
        return default
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if any(ord(ch) < 32 for ch in target):
        return default
    return target


# Failed logins are limited three ways, so that guessing is slow and nobody can lock an owner
# out: per address (any account), per account from one address (what once was per account from
# anywhere: five wrong passwords from a stranger then shut the owner out for ten minutes), and
# per account from all addresses together (a botnet), which a device the owner logged in on
# before (a signed cookie naming the account) does not count against.
KNOWN_DEVICE_COOKIE = "eventapp_device"
KNOWN_DEVICE_DAYS = 365


def _attempted_email() -> str:
    return request.form.get("email", "").strip().lower()[:254]


def _account_key() -> str:
    return f"login-account:{_attempted_email()}:{get_remote_address()}"


def _account_total_key() -> str:
    return "login-account-total:" + _attempted_email()


def _address_limit() -> str:
    return current_app.config.get("LOGIN_RATE_LIMIT_ADDRESS", "20 per 10 minutes")


def _account_limit() -> str:
    return current_app.config.get("LOGIN_RATE_LIMIT_ACCOUNT", "5 per 10 minutes")


def _account_total_limit() -> str:
    return current_app.config.get("LOGIN_RATE_LIMIT_ACCOUNT_TOTAL", "30 per hour")


def _failed(response) -> bool:
    """Only failed attempts count against the limits (a success redirects)."""
    return response.status_code != 302


def _device_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _known_device() -> bool:
    """True when this browser logged in to the account being tried before."""
    cookie = request.cookies.get(KNOWN_DEVICE_COOKIE, "")
    try:
        email = _device_signer().loads(cookie, max_age=KNOWN_DEVICE_DAYS * 86400)
    except BadData:
        return False
    return bool(email) and email == _attempted_email()


def _remember_device(response, user: User):
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _device_signer().dumps(user.email),
        max_age=KNOWN_DEVICE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        path="/manage/",
    )
    return response


@bp.route("/manage/login", methods=["GET", "POST"])
@limiter.limit(_address_limit, key_func=get_remote_address, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _account_total_limit,
    key_func=_account_total_key,
    methods=["POST"],
    deduct_when=_failed,
    exempt_when=_known_device,
)
def login():
    """Log an organiser in; failed attempts are limited per address, per account and address,
    and per account from everywhere (which spares the owner's known devices)."""
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            session_services.start_session(user, request.user_agent.string)
            login_user(user, remember=form.remember.data)
            return _remember_device(redirect(target), user)
        form.password.errors.append(_("Wrong e-mail address or password."))
    return render_template("auth/login.html", form=form)


@bp.post("/manage/logout")
@login_required
def logout():
    """End the session, on the server too: its cookies no longer open anything (POST only)."""
    session_services.end_current_session(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/manage/account", methods=["GET", "POST"])
@login_required
def account():
    """The user's own account: change the password (which ends the user's other sessions;
    this one carries on, remembered on this device if it was)."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.new_password.data)
        except services.AccountError as error:
            form.current_password.errors.append(error.message)
        else:
            cookie = current_app.config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE)
            login_user(user, remember=cookie in request.cookies)
            flash(_("Your password is changed. You are logged out everywhere else."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(form)


def _account_page(form: PasswordChangeForm):
    user = current_user._get_current_object()
    sessions = [
        (row, session_services.is_current(user, row))
        for row in session_services.active_sessions(user)
    ]
    return render_template(
        "auth/account.html", form=form, sessions=sessions, end_form=ConfirmForm()
    )


@bp.post("/manage/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """End one of the organiser's other login sessions (a lost phone, a shared computer)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session_services.end_session(current_user._get_current_object(), session_id)
    flash(_("That session is ended."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/manage/account/sessions/end-others")
@login_required
def end_other_sessions():
    """End every login session of the organiser but this browser's."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with transaction():
        session_services.end_other_sessions(current_user._get_current_object())
    flash(_("Your other sessions are ended."), "success")
    return redirect(url_for("auth.account"))


@bp.route("/manage/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def request_reset():
    """Ask for a password reset link by e-mail."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If the address belongs to an account, a link is on its way."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/manage/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password through the link from the e-mail (a link that no longer works
    says so before anyone types a password)."""
    form = ResetPasswordForm()
    try:
        services.reset_link_user(token)
        if not form.validate_on_submit():
            return render_template("auth/reset_password.html", form=form)
        services.reset_password(token, form.new_password.data)
    except services.AccountError as error:
        flash(error.message, "error")
        return redirect(url_for("auth.request_reset"))
    flash(_("Your password is set. Please log in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/manage/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """An invited organiser chooses a name and a password (a link that no longer works says so
    before anyone types a password)."""
    form = AcceptInvitationForm()
    try:
        services.invited_user(token)
        if not form.validate_on_submit():
            return render_template("auth/accept_invitation.html", form=form)
        user = services.accept_invitation(
            token, form.new_password.data, form.display_name.data or ""
        )
    except services.AccountError as error:
        flash(error.message, "error")
        return redirect(url_for("auth.login"))
    session_services.start_session(user, request.user_agent.string)
    login_user(user)
    flash(_("Welcome! Your account is ready."), "success")
    return redirect("/manage/")


def _organisation_choices() -> list[SelectChoice]:
    """Every organisation, sorted as the reader's language sorts names."""
    rows = db.session.execute(select(Organisation)).scalars()
    language = current_language()
    ordered = sorted(rows, key=lambda o: collation_key(o.display_name, language))
    return [SelectChoice(str(o.id), o.display_name) for o in ordered]


@bp.route("/manage/users/", methods=["GET", "POST"])
@login_required
def users():
    """Site administrators: every account, and a form to invite an organiser."""
    require_site_admin(current_user)
    form = InviteForm()
    form.organisations.choices = _organisation_choices()
    if form.validate_on_submit():
        user = services.invite_user(
            current_user,
            form.email.data,
            form.display_name.data or "",
            form.organisations.data or [],
            form.site_admin.data,
        )
        flash(_("An invitation was sent to %(email)s.", email=user.email), "success")
        return redirect(url_for("auth.users"))
    return render_template("auth/users.html", form=form, users=services.list_users())


@bp.route("/manage/users/<int:user_id>", methods=["GET", "POST"])
@login_required
def edit_user(user_id: int):
    """Site administrators: attach a user to organisations."""
    require_site_admin(current_user)
    user = db.session.get(User, user_id) or abort(404)
    form = UserOrganisationsForm(organisations=[o.id for o in user.organisations])
    form.organisations.choices = _organisation_choices()
    if form.validate_on_submit():
        services.set_user_organisations(current_user, user, form.organisations.data or [])
        flash(_("Saved."), "success")
        return redirect(url_for("auth.users"))
    return render_template("auth/user.html", form=form, user=user)
