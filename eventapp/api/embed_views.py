"""The programme other sites embed: upcoming events (all, a series', an organisation's) and one
event's programme, in an ``<iframe>``.

Only these pages may be framed, and only by ``EMBED_ANCESTORS`` ("*" by default): their policy
is ours with that one directive changed. They need no script, set no cookie (a third-party
frame; and so the page cache keeps them), and every link opens on the framing site's top
window, at our full page. The visitor's language is the snippet's ``?lang=`` or their
browser's.
"""

from __future__ import annotations

from flask import current_app, g, render_template

from eventapp.api.blueprint import bp
from eventapp.api.resources import absolute
from eventapp.core.security import framable_policy
from eventapp.directory import queries as directory_queries
from eventapp.events import queries as event_queries
from eventapp.events.queries import EventFilters
from eventapp.registration.availability import places_left

UPCOMING_SHOWN = 20


def _framable(template: str, **context):
    """Render ``template`` as a page other sites may frame."""
    body = render_template(template, **context)
    g.lang_chosen = None  # a ?lang= in the snippet chooses the page's language, sets no cookie
    response = current_app.make_response(body)
    response.headers["Content-Security-Policy"] = framable_policy(
        current_app.config["EMBED_ANCESTORS"]
    )
    return response


def _upcoming(filters: EventFilters, heading: str, page_url: str):
    lists = event_queries.list_events(filters, page=1, per_page=UPCOMING_SHOWN)
    return _framable(
        "api/embed_events.html", events=lists.upcoming, heading=heading, page_url=page_url
    )


@bp.get("/embed/events/")
def embed_events():
    """Every upcoming public event, soonest first."""
    return _upcoming(EventFilters(), "", absolute("events.event_list"))


@bp.get("/embed/series/<slug>/")
def embed_series(slug: str):
    """The upcoming editions of a series."""
    series, _editions = event_queries.get_series(slug)
    page_url = absolute("events.series", slug=series.slug)
    return _upcoming(EventFilters(series=series.slug), series.name, page_url)


@bp.get("/embed/organisations/<slug>/")
def embed_organisation(slug: str):
    """The upcoming events an organisation (or one of its units) organises."""
    organisation = directory_queries.get_organisation(slug)
    page_url = absolute("directory.organisation", slug=organisation.slug)
    return _upcoming(EventFilters(organisation=organisation.slug), organisation.name, page_url)


@bp.get("/embed/events/<slug>/")
def embed_event(slug: str):
    """One event's facts and programme by day."""
    event = event_queries.get_public_event(slug)
    return _framable(
        "api/embed_event.html",
        event=event,
        page_url=absolute("events.event", slug=event.slug),
        days=event_queries.timetable_days(event),
        places_left=places_left(event) if event.capacity is not None else None,
    )
