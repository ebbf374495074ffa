"""Routes of the door: the check-in page, its JSON API for scanner apps, and ``/c/<code>``.

``POST /manage/events/<slug>/checkin`` answers JSON ``{"code": "…"}`` (the scanned URL or the
bare code) or ``{"registration_id": n}``. It accepts the organiser's session with an
``X-CSRFToken`` header, or ``Authorization: Bearer <token>``. Every answer is HTTP 200 with
``result`` / ``colour`` / ``reason``; 400 means no code was sent, 401 no valid login or token,
403 an event the user may not manage.

``/c/<code>`` (what a phone's camera opens from a badge): for an organiser of the event, a page
with the person and a "Check in" button (POST: no state change over GET); for anyone else, only
the event's name.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import validate_csrf
from sqlalchemy import Connection, select
from wtforms.validators import ValidationError

from eventapp.auth.rights import can_manage_event, get_managed_event
from eventapp.badges import checkin_services as checkin
from eventapp.badges import tokens
from eventapp.badges.blueprint import bp
from eventapp.badges.forms import (
    ApiTokenForm,
    CheckinByIdForm,
    CheckinForm,
    ConfirmForm,
    SearchForm,
)
from eventapp.badges.qr import extract_code
from eventapp.badges.services import category_labels
from eventapp.core.db import autocommit
from eventapp.core.errors import Forbidden, NotFound
from eventapp.core.params import parse_id
from eventapp.events.models import Event
from eventapp.extensions import csrf, db, login_manager
from eventapp.registration.labels import STATUS_LABELS
from eventapp.registration.models import Registration


class ApiAuthError(Exception):
    """A scanner request without a usable login or token."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@bp.errorhandler(ApiAuthError)
def api_auth_error(error: ApiAuthError):
    """401/400 as JSON for scanner apps."""
    db.session.rollback()
    return jsonify(error=error.message, status=error.status), error.status


def _api_user(slug: str) -> Any:
    """The user of a JSON request at the event ``slug``: a bearer token for that event, or the
    session with its CSRF header."""
    if request.headers.get("Authorization"):
        user = tokens.user_for_bearer(request.headers["Authorization"], slug)
        if user is None:
            raise ApiAuthError(401, _("The API token is not valid."))
        return user
    if not current_user.is_authenticated:
        raise ApiAuthError(401, _("Log in or send an API token."))
    if request.method == "POST":
        try:
            validate_csrf(request.headers.get("X-CSRFToken", ""))
        except ValidationError as exc:
            raise ApiAuthError(400, _("The CSRF token is missing or expired.")) from exc
    return current_user


def _token_door(connection: Connection, slug: str) -> checkin.Door:
    """A scanner app's door: its token, user, event and rights in one statement."""
    door = checkin.door_for_token(connection, request.headers["Authorization"], slug)
    if door is None:
        raise ApiAuthError(401, _("The API token is not valid."))
    return door


def _session_door(slug: str) -> checkin.Door:
    """The signed-in organiser's door (the page's script sends its CSRF header)."""
    user = _api_user(slug)
    return checkin.Door.of(get_managed_event(user, slug), user)


def _is_api_request() -> bool:
    return request.is_json or "Authorization" in request.headers


def _payload() -> dict[str, Any]:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else request.form.to_dict()


def checkin_page(event: Event, answer: checkin.CheckinAnswer | None = None, **extra: Any):
    """The door page, with the last answer and the search results when there are any."""
    search = SearchForm(formdata=request.args)
    query = (search.q.data or "").strip() if search.validate() else ""
    results = checkin.search_registrations(event, query) if query else []
    context = {
        "event": event,
        "answer": answer,
        "form": CheckinForm(formdata=None),
        "search": search,
        "query": query,
        "results": results,
        "person_form": CheckinByIdForm(formdata=None),
        "token_form": extra.pop("token_form", None) or ApiTokenForm(formdata=None, event=event),
        "revoke_form": ConfirmForm(formdata=None),
        "api_tokens": tokens.list_api_tokens(current_user, event),
        "counts": checkin.checkin_counts(event),
        "labels": category_labels(),
        # Door mode: the page alone, the answer high on a phone (``?door=1`` kept by its forms).
        "door": request.args.get("door") == "1",
        **extra,
    }
    return render_template("badges/checkin.html", **context)


@bp.get("/manage/events/<slug>/checkin")
@login_required
def checkin_screen(slug: str):
    """The door page: scanner input, camera, search by name, live counts."""
    return checkin_page(get_managed_event(current_user, slug))


@bp.post("/manage/events/<slug>/checkin")
@csrf.exempt  # JSON clients are checked in _api_user(), the HTML form by its own CSRF field
def checkin_scan(slug: str):
    """Check in a scanned badge: JSON for scanners and the page's script, HTML without JS."""
    if _is_api_request():
        data = _payload()
        code, registration_id = data.get("code"), parse_id(data.get("registration_id"))
        if not (isinstance(code, str) and code.strip()) and registration_id is None:
            _api_user(slug)  # who asks is told first: 401 before 400
            raise ApiAuthError(400, _('Send the scanned code as {"code": "…"}.'))
        # A signed-in organiser's door is read through the session before the scan takes its
        # own connection (on SQLite that ends the session's reading); a token's on that one.
        door = None if request.headers.get("Authorization") else _session_door(slug)
        with autocommit() as connection:
            door = door or _token_door(connection, slug)
            if isinstance(code, str) and code.strip():
                return checkin.scan(connection, door, code[:500]).as_json()
            return checkin.scan_by_id(connection, door, registration_id).as_json()
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    event = get_managed_event(current_user, slug)
    form = CheckinForm()
    if not form.validate_on_submit():
        return checkin_page(event, form=form), 400
    answer = checkin.check_in(event, form.code.data or "", current_user)
    return checkin_page(event, answer), 400 if answer.result == "empty" else 200


@bp.post("/manage/events/<slug>/checkin/person")
@login_required
def checkin_person(slug: str):
    """Check in someone found by name (without JavaScript)."""
    event = get_managed_event(current_user, slug)
    form = CheckinByIdForm()
    if not form.validate_on_submit():
        return checkin_page(event), 400
    answer = checkin.check_in_by_id(event, int(form.registration_id.data), current_user)
    return checkin_page(event, answer)


@bp.post("/manage/events/<slug>/checkin/undo")
@csrf.exempt  # as checkin_scan
def checkin_undo(slug: str):
    """Undo a check-in: JSON ``{"registration_id": n}`` or the answer's Undo button."""
    if _is_api_request():
        user = _api_user(slug)
        event = get_managed_event(user, slug)
        registration_id = parse_id(_payload().get("registration_id"))
        if registration_id is None:
            raise ApiAuthError(400, _('Send {"registration_id": n}.'))
        return checkin.undo_check_in(event, registration_id, user).as_json()
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    event = get_managed_event(current_user, slug)
    form = CheckinByIdForm()
    if not form.validate_on_submit():
        return checkin_page(event), 400
    answer = checkin.undo_check_in(event, int(form.registration_id.data), current_user)
    return checkin_page(event, answer)


@bp.get("/manage/events/<slug>/checkin/counts")
def checkin_counts(slug: str):
    """Checked in of confirmed, as JSON (polled by the door page)."""
    event = get_managed_event(_api_user(slug), slug)
    return checkin.checkin_counts(event)


@bp.get("/manage/events/<slug>/checkin/search")
def checkin_search(slug: str):
    """Registrations matching ``?q=`` as JSON, for the live search by name."""
    event = get_managed_event(_api_user(slug), slug)
    query = request.args.get("q", "")[:100]
    results = checkin.search_registrations(event, query)
    labels = category_labels()
    return {
        "results": [
            {
                "id": r.id,
                "name": r.name,
                "affiliation": r.affiliation,
                "category": r.category.value,
                "category_label": labels[r.category.value],
                "status": r.status.value,
                "status_label": str(STATUS_LABELS[r.status]),
                "checked_in": r.checked_in_at is not None,
            }
            for r in results
        ]
    }


@bp.post("/manage/events/<slug>/checkin/tokens")
@login_required
def create_token(slug: str):
    """Create an API token for a scanner app; it is shown once on the page."""
    event = get_managed_event(current_user, slug)
    form = ApiTokenForm(event=event)
    if not form.validate_on_submit():
        return checkin_page(event, token_form=form), 400
    _token, plain = tokens.create_api_token(
        current_user, form.name.data, [event], until=form.expires_at()
    )
    response = Response(checkin_page(event, new_token=plain))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/manage/events/<slug>/checkin/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(slug: str, token_id: int):
    """Revoke one of the user's API tokens."""
    event = get_managed_event(current_user, slug)
    form = ConfirmForm()
    if form.validate_on_submit():
        tokens.revoke_api_token(current_user, token_id)
    return redirect(url_for("badges.checkin_screen", slug=event.slug), 303)


def _badge_holder(code: str) -> Registration:
    found = extract_code(code)
    registration = None
    if found is not None:
        stmt = select(Registration).where(Registration.checkin_code == found)
        registration = db.session.execute(stmt).scalar_one_or_none()
    if registration is None or registration.anonymised_at is not None:
        raise NotFound(_("This badge code is not known."))
    return registration


@bp.get("/c/<code>")
def badge_code(code: str):
    """Where a badge's QR leads: the person and a check-in button for the event's organisers."""
    registration = _badge_holder(code)
    event = registration.event
    if not can_manage_event(current_user, event):
        return render_template("badges/code.html", event=event, registration=None)
    return render_template(
        "badges/code.html",
        event=event,
        registration=registration,
        form=ConfirmForm(),
        labels=category_labels(),
    )


@bp.post("/c/<code>")
@login_required
def badge_code_checkin(code: str):
    """Check in the badge's holder (organisers of the event only)."""
    registration = _badge_holder(code)
    event = registration.event
    if not can_manage_event(current_user, event):
        raise Forbidden(_("You may not manage this event."))
    form = ConfirmForm()
    answer = None
    if form.validate_on_submit():
        answer = checkin.check_in(event, registration.checkin_code, current_user)
    return render_template(
        "badges/code.html",
        event=event,
        registration=registration,
        form=form,
        answer=answer,
        labels=category_labels(),
    )
