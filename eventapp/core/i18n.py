"""Language choice: ``?lang=``, then the ``lang`` cookie, then Accept-Language."""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, request
from flask.globals import _cv_app
from flask.wrappers import Response
from flask_babel import Babel, Domain, get_domain, get_locale
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
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


def request_locale() -> Locale | None:
    """Flask-Babel's ``get_locale()``, read straight from its per-request state once chosen.

    ``get_locale()`` walks ``g``'s proxy three times a call, and pages ask for the locale and
    their translations dozens of times; ``force_locale`` (e-mails in the reader's language)
    changes the same state, so this follows it too (``tests/test_i18n.py``)."""
    ctx = _cv_app.get(None)
    if ctx is not None:
        locale = getattr(ctx.g.__dict__.get("_flask_babel"), "babel_locale", None)
        if locale is not None:
            return locale
    return get_locale()


def current_language() -> str:
    """The language of the current request ("en" or "sv")."""
    locale = request_locale()
    return locale.language if locale is not None else current_app.config["DEFAULT_LOCALE"]


def request_translations(domain: Domain | None = None) -> NullTranslations:
    """Flask-Babel's ``get_translations()`` for the current locale, held per app, domain and
    locale: Flask-Babel walks ``g``'s proxy six times to find the same catalogue."""
    ctx = _cv_app.get(None)
    locale = request_locale()
    if ctx is None or locale is None:
        return Domain.get_translations(domain or get_domain())
    held: dict[tuple[Any, str], NullTranslations] = ctx.app.extensions.setdefault(
        "eventapp.translations", {}
    )
    key = (tuple(domain.domain) if domain is not None else None, str(locale))
    translations = held.get(key)
    if translations is None:
        translations = held[key] = Domain.get_translations(domain or get_domain())
    return translations


class HeldDomain(Domain):
    """Flask-Babel's message domain reading the held catalogue (``request_translations``):
    every ``gettext``, ``lazy_gettext`` (form labels, enum labels) and ``ngettext`` of the app
    goes through here."""

    def get_translations(self) -> NullTranslations:
        return request_translations(self)


class AppBabel(Babel):
    """Flask-Babel with ``HeldDomain`` as its default domain."""

    @cached_property
    def domain_instance(self) -> Domain:
        return HeldDomain(domain=self.domain)


#: A template's ``_("…")`` without variables, per catalogue, text and escaping: the same
#: constant every time (Jinja's newstyle gettext formats even those with ``%``).
_CONSTANT_TEXTS: dict[tuple[Any, str, bool], str] = {}
MAX_CONSTANT_TEXTS = 20_000


@pass_eval_context
def template_gettext(eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
    """Jinja's newstyle ``gettext`` (escaped in HTML templates, always ``%``-formatted) over
    ``request_translations``: pages call it dozens of times."""
    translations = request_translations()
    if not variables:
        key = (translations, string, eval_ctx.autoescape)
        text = _CONSTANT_TEXTS.get(key)
        if text is None:
            text = _format(translations.ugettext(string), eval_ctx, {})
            if len(_CONSTANT_TEXTS) < MAX_CONSTANT_TEXTS:  # the templates' texts, not data's
                _CONSTANT_TEXTS[key] = text
        return text
    return _format(translations.ugettext(string), eval_ctx, variables)


@pass_eval_context
def template_ngettext(
    eval_ctx: EvalContext, singular: str, plural: str, num: int, /, **variables: Any
) -> str:
    """Jinja's newstyle ``ngettext`` over ``request_translations`` (``num`` is a variable)."""
    variables.setdefault("num", num)
    text = request_translations().ungettext(singular, plural, num)
    return _format(text, eval_ctx, variables)


def _format(text: str, eval_ctx: EvalContext, variables: dict[str, Any]) -> str:
    return (Markup(text) if eval_ctx.autoescape else text) % variables


def install_template_gettext(app: Flask) -> None:
    """Give ``app``'s templates ``_``, ``gettext`` and ``ngettext`` over ``request_translations``
    (after Flask-Babel's own, which they replace; ``pgettext`` stays Flask-Babel's)."""
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext
    )


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
