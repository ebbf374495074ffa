"""Public pages: home, the event list, an event with its timetable, a series."""

from __future__ import annotations

from flask import make_response, render_template, request
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.core.i18n import current_language
from eventapp.core.params import page_arg
from eventapp.core.urls import external_url
from eventapp.events import queries as services
from eventapp.events.blueprint import bp
from eventapp.events.forms import EventFilterForm
from eventapp.events.structured import event_json_ld, local_iso, og_locale
from eventapp.events.timetable_rows import rooms_of, timetable_row_days, timetable_rows
from eventapp.registration.availability import places_left

bp.add_app_template_filter(local_iso, "local_iso")

PUBLIC_ENDPOINTS = {
    "event": "events.event",
    "series": "events.series",
}


def public_url(kind: str, slug: str) -> str:
    """Absolute URL of a public page (organisations and people live in the directory)."""
    if kind in PUBLIC_ENDPOINTS:
        return external_url(PUBLIC_ENDPOINTS[kind], slug=slug)
    if kind == "organisation":
        return external_url("directory.organisation", slug=slug)
    return external_url("directory.person", slug=slug)


@bp.get("/")
def home():
    """Upcoming events, soonest first, then the most recent past ones."""
    return render_template("events/home.html", lists=services.home_events())


@bp.get("/events/")
def event_list():
    """Public events, upcoming then past, filtered by series, organisation and session kind."""
    series, organisations = services.filter_choices()
    form = EventFilterForm(request.args, series=series, organisations=organisations)
    filters = form.filters()
    return render_template(
        "events/list.html",
        form=form,
        filters=filters,
        lists=services.list_events(filters, page_arg()),
    )


@bp.get("/events/<slug>/")
def event(slug: str):
    """One event: facts, organisers, the timetable by day, structured data for search engines."""
    return _event_page(services.get_public_event(slug, sessions=False))


@bp.get("/manage/events/<slug>/preview")
@login_required
def preview(slug: str):
    """A draft's public page as it will look, for the event's organisers only (never cached,
    never indexed)."""
    get_managed_event(current_user, slug)  # 403 for others, 404 for unknowns
    response = make_response(
        _event_page(services.get_public_event(slug, drafts=True, sessions=False), True)
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _event_page(event, preview: bool = False) -> str:
    if event.public_grid:  # the read-only grid (grid/_public.html) draws the sessions' objects
        event = services.get_public_event(event.slug, drafts=preview, sessions=True)
    rows = timetable_rows(event)
    left = places_left(event) if event.capacity is not None else None
    return render_template(
        "events/event.html",
        preview=preview,
        event=event,
        days=timetable_row_days(event, rows),
        rooms=rooms_of(rows),
        places_left=left,
        json_ld=event_json_ld(event, public_url, left, rows),
        canonical=public_url("event", event.slug),
        og_locale=og_locale(current_language()),
    )


@bp.get("/series/<slug>/")
def series(slug: str):
    """A series, its cadence and organisers, and every public edition."""
    series, editions = services.get_series(slug)
    return render_template(
        "events/series.html",
        series=series,
        lists=editions,
        canonical=public_url("series", series.slug),
    )
