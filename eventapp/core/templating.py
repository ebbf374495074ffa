"""Template filters and globals available on every page."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app
from markupsafe import Markup

from eventapp.core import timefmt
from eventapp.core.blueprint import bp
from eventapp.core.i18n import current_language, url_in_language
from eventapp.core.weblinks import web_link

bp.add_app_template_filter(web_link, "web_link")
bp.add_app_template_filter(timefmt.local_time, "local_time")
bp.add_app_template_filter(timefmt.local_date, "local_date")
bp.add_app_template_filter(timefmt.local_datetime, "local_datetime")
bp.add_app_template_filter(timefmt.local_weekday_date, "weekday_date")
bp.add_app_template_global(timefmt.date_range, "date_range")
bp.add_app_template_global(timefmt.time_range, "time_range")
bp.add_app_template_global(timefmt.zone_abbreviation, "zone_abbreviation")
bp.add_app_template_global(url_in_language, "url_in_language")
bp.add_app_template_global(current_language, "current_language")


@bp.app_template_filter("json_ld")
def json_ld(data: dict[str, Any]) -> Markup:
    """Serialise structured data for a ``<script type="application/ld+json">`` block safely."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" inside a text must not end the block.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@bp.app_template_global("absolute_url")
def absolute_url(path: str) -> str:
    """An absolute URL on the configured public host (for feeds, e-mails, Open Graph)."""
    return current_app.config["BASE_URL"] + path
