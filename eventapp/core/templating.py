"""Template filters and globals available on every page."""

from __future__ import annotations

import json
from typing import Any

from flask.blueprints import BlueprintSetupState
from markupsafe import Markup

from eventapp.core import timefmt, types
from eventapp.core.blueprint import bp
from eventapp.core.i18n import current_language, url_in_language
from eventapp.core.translation import lang_attr, marked, translated
from eventapp.core.urls import absolute_url, external_url
from eventapp.core.weblinks import map_url, web_link

bp.add_app_template_filter(web_link, "web_link")
bp.add_app_template_global(map_url, "map_url")
bp.add_app_template_filter(timefmt.local_time, "local_time")
bp.add_app_template_filter(timefmt.local_date, "local_date")
bp.add_app_template_filter(timefmt.local_datetime, "local_datetime")
bp.add_app_template_filter(timefmt.local_weekday_date, "weekday_date")
bp.add_app_template_global(timefmt.date_range, "date_range")
bp.add_app_template_global(timefmt.time_range, "time_range")
bp.add_app_template_global(timefmt.when, "when")
bp.add_app_template_global(timefmt.zone_abbreviation, "zone_abbreviation")
bp.add_app_template_global(url_in_language, "url_in_language")
bp.add_app_template_global(current_language, "current_language")

#: The domain's enums (and the statuses that hold a place), for templates to test
#: ``event.status == EventStatus.CANCELLED`` rather than compare strings.
TEMPLATE_CONSTANTS: dict[str, object] = {
    enum.__name__: enum
    for enum in (
        types.EventStatus,
        types.SessionStatus,
        types.SpeakerRole,
        types.RegistrationStatus,
        types.ChoiceStatus,
        types.PostStatus,
        types.CollaborationStatus,
    )
} | {"ACTIVE_REGISTRATION_STATUSES": types.ACTIVE_REGISTRATION_STATUSES}


@bp.record_once
def add_template_constants(state: BlueprintSetupState) -> None:
    state.app.jinja_env.globals.update(TEMPLATE_CONSTANTS)


@bp.app_template_filter("json_ld")
def json_ld(data: dict[str, Any]) -> Markup:
    """Serialise structured data for a ``<script type="application/ld+json">`` block safely."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a text must not end the block.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


bp.add_app_template_global(translated, "t")
bp.add_app_template_filter(marked, "marked")
bp.add_app_template_filter(lang_attr, "lang_attr")
bp.add_app_template_global(absolute_url, "absolute_url")
bp.add_app_template_global(external_url, "external_url")
