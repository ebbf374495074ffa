"""Error pages in the reader's language; domain errors become 4xx with a clear message."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from eventapp.core.blueprint import bp
from eventapp.core.errors import DomainError
from eventapp.extensions import db

TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("Too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
    503: _l("Back in a minute"),
}

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have the rights to see or change this."),
    404: _l("There is nothing at this address. It may have moved or never existed."),
    405: _l("This address does not accept that kind of request."),
    409: _l("The change conflicts with the current state. Reload and try again."),
    413: _l("The upload is larger than allowed."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("An unexpected error occurred. Nothing was changed; please try again."),
    503: _l("The site cannot reach its database just now. Please try again in a minute."),
}
# How long a client is told to wait while the database is away (PostgreSQL restarts, fails
# over or is upgraded in seconds; the pool reconnects by itself once it answers).
RETRY_AFTER_SECONDS = 60


#: What machines read: their errors are JSON whatever the client accepts.
MACHINE_PATHS = ("/api/",)
MACHINE_SUFFIXES = ("/schedule.json", "/schedule.xml")


def wants_json() -> bool:
    """API clients: a JSON request, one that prefers JSON, the API and the schedule exports."""
    if request.path.startswith(MACHINE_PATHS) or request.path.endswith(MACHINE_SUFFIXES):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.is_json or best == "application/json"


def render_error(code: int, message: str | None = None):
    """The error page (or JSON for API clients) for ``code``."""
    text = message or str(MESSAGES.get(code, MESSAGES[500]))
    if wants_json():
        return {"error": text, "status": code}, code
    title = TITLES.get(code, TITLES[500])
    return render_template("core/error.html", code=code, title=title, message=text), code


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Every HTTP error gets our page in the reader's language."""
    if isinstance(error, InternalServerError):
        return server_error(error)
    code = error.code or 500
    message = None
    if isinstance(error, CSRFError):
        message = str(_l("The form expired or was sent from elsewhere. Reload it and try again."))
    limit = getattr(error, "limit", None)  # Flask-Limiter's RateLimitExceeded
    if code == 429 and limit is not None and limit.error_message:
        message = str(limit.error_message)
    if code in {301, 302, 303, 307, 308}:
        return error
    return render_error(code, message)


@bp.app_errorhandler(DomainError)
def domain_error(error: DomainError):
    db.session.rollback()
    return render_error(error.status_code, error.message)


@bp.app_errorhandler(500)
def server_error(_error: Exception):
    """Roll back whatever the failed request left in the session, then apologise."""
    db.session.rollback()
    return render_error(500)


@bp.app_errorhandler(OperationalError)
@bp.app_errorhandler(InterfaceError)
def database_unavailable(_error: Exception):
    """The database does not answer (down, restarting, unreachable): 503 with Retry-After, in
    the reader's language, instead of a bare 500. Nothing was written: the transaction failed."""
    try:
        db.session.rollback()
    except (OperationalError, InterfaceError):
        pass  # the connection is gone; the pool drops it
    body, code = render_error(503)
    return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}
