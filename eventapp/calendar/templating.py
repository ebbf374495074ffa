"""Template globals and filters of calendar: the functions live beside their subject."""

from __future__ import annotations

from eventapp.calendar.blueprint import bp
from eventapp.calendar.links import (
    event_calendar_links,
    event_venue_text,
    feed_links,
)

bp.add_app_template_global(event_calendar_links)
bp.add_app_template_global(event_venue_text)
bp.add_app_template_global(feed_links)
