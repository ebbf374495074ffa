"""Language choice: ``?lang=``, then the ``lang`` cookie, then Accept-Language."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, g, request
from flask.wrappers import Response
from flask_babel import get_locale
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from eventapp.core.blueprint import bp

LANG_COOKIE = "lang"


def supported_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def choose_language(
    asked: str, cookie: str, accept_language: str, languages: tuple[str, ...], default: str
) -> str:
    """The page's language from ``?lang=``, the ``lang`` cookie and Accept-Language, in that
    order (a pure function: the page cache keys pages by it without building a request)."""
    if asked in languages:
        return asked
    if cookie in languages:
        return cookie
    if not accept_language:
        return default
    return parse_accept_header(accept_language, LanguageAccept).best_match(languages) or default


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    if not request:
        return current_app.config["DEFAULT_LOCALE"]
    languages = supported_languages()
    asked = request.args.get("lang", "")
    if asked in languages:
        g.lang_chosen = asked
    return choose_language(
        asked,
        request.cookies.get(LANG_COOKIE, ""),
        request.headers.get("Accept-Language", ""),
        languages,
        current_app.config["DEFAULT_LOCALE"],
    )


def select_timezone() -> str:
    """Times are shown in each event's zone; elsewhere in the site's default zone."""
    return current_app.config["DEFAULT_TIMEZONE"]


def current_language() -> str:
    """The language of the current request ("en" or "sv")."""
    locale = get_locale()
    return locale.language if locale is not None else current_app.config["DEFAULT_LOCALE"]


def url_in_language(lang: str) -> str:
    """The current page's URL with ``lang`` set: switching language keeps the user in place."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return f"{request.path}?{urlencode(args, doseq=True)}"


@bp.after_app_request
def remember_language(response: Response) -> Response:
    """Keep an explicit ``?lang=`` choice in a cookie for the next pages."""
    chosen = g.get("lang_chosen")
    if chosen and request.cookies.get(LANG_COOKIE) != chosen:
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    if chosen or LANG_COOKIE in request.cookies:
        response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response
