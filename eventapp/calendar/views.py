"""Calendar feeds (``.ics``) and the page that explains how to subscribe to them."""

from __future__ import annotations

from flask import abort, render_template, request
from sqlalchemy import select

from eventapp.calendar import feeds, links, rows  # noqa: F401  (links: template globals)
from eventapp.calendar.blueprint import bp
from eventapp.calendar.feeds import FeedScope
from eventapp.calendar.http import feed_response
from eventapp.calendar.ical import FeedInfo, Site, agenda_calendar, build_calendar
from eventapp.core.params import id_arg
from eventapp.core.types import EventStatus
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventSeries, Session
from eventapp.extensions import db


def _build(scope: FeedScope) -> bytes:
    events, sessions = feeds.load(scope)
    name, description = scope.describe()
    info = FeedInfo(name, description, scope.page_url())
    shown = events if scope.show_events else []
    return build_calendar(info, shown, sessions, Site.from_config())


def _serve(scope: FeedScope):
    return feed_response(scope, lambda: _build(scope))


def _one_or_404(stmt):
    found = db.session.scalars(stmt).first()
    if found is None:
        abort(404)
    return found


@bp.get("/calendar.ics")
def site_feed():
    """Every published event, from ``FEED_PAST_DAYS`` ago onward."""
    return _serve(feeds.site_scope())


@bp.get("/series/<slug>/calendar.ics")
def series_feed(slug: str):
    """Every edition of a series."""
    series = _one_or_404(select(EventSeries).where(EventSeries.slug == slug))
    return _serve(feeds.series_scope(series))


@bp.get("/organisations/<slug>/calendar.ics")
def organisation_feed(slug: str):
    """Events an organisation organises."""
    organisation = _one_or_404(select(Organisation).where(Organisation.slug == slug))
    return _serve(feeds.organisation_scope(organisation))


@bp.get("/people/<slug>/calendar.ics")
def person_feed(slug: str):
    """The sessions a speaker speaks in."""
    person = _one_or_404(select(Person).where(Person.slug == slug))
    return _serve(feeds.person_scope(person))


@bp.get("/events/<slug>/calendar.ics")
def event_feed(slug: str):
    """An event and each of its sessions (``?session=<id>``: that session alone)."""
    # Columns, not the Event: the scope needs these four (the feed reads the rest as columns).
    event = db.session.execute(
        select(Event.id, Event.slug, Event.title, Event.summary)
        .where(Event.slug == slug)
        .where(Event.status != EventStatus.DRAFT)
    ).first()
    if event is None:
        abort(404)
    session_id = id_arg("session")
    if "session" in request.args:
        if session_id is None:
            abort(404)
        _one_or_404(
            select(Session.id).where(Session.id == session_id).where(Session.event_id == event.id)
        )
    return _serve(feeds.event_scope(event, session_id))


@bp.get("/r/<secret>/agenda.ics")
def registration_feed(secret: str):
    """A participant's personal agenda: the event and the sessions they chose."""
    agenda = rows.agenda_by_secret(secret)
    if agenda is None:
        abort(404)
    scope = feeds.registration_scope(agenda)

    def build() -> bytes:
        event, sessions = feeds.load_agenda(agenda)
        return agenda_calendar(event, agenda.name, agenda.status, sessions, Site.from_config())

    return feed_response(scope, build)


@bp.get("/subscribe/")
def subscribe():
    """How to add a feed in Google Calendar, Outlook, Apple Calendar and Thunderbird."""
    return render_template("calendar/subscribe.html")
