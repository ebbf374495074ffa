"""The API's objects built from the models: only public fields, every link absolute.

Which fields leave the database is decided here, field by field (never a model's ``__dict__``):
e-mail addresses, registrations, drafts and back-office settings have no way out.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import current_app, g, url_for

from eventapp.api import schemas as s
from eventapp.blog import queries as blog_queries
from eventapp.blog.models import BlogPost
from eventapp.calendar.links import webcal_url
from eventapp.core.timefmt import to_zone
from eventapp.core.translation import Translatable, other_language
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventSeries, Session


def absolute(endpoint: str, **values: object) -> str:
    """The absolute URL of ``endpoint`` on the configured public host."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


#: Stands for the slug in a URL built once per request and endpoint (see ``slug_url``).
SLOT = "\x1f"
QUOTED_SLOT = quote(SLOT)
#: What a path segment carries unquoted (Werkzeug's converters quote the rest).
SEGMENT_SAFE = "!$&'()*+,/:;=@"
PLAIN = re.compile(r"[A-Za-z0-9_.~-]+")


def slug_url(endpoint: str, slug: str) -> str:
    """``absolute(endpoint, slug=slug)``, without building the URL again for every object: a
    page of 200 sessions names about 1,200 URLs, and ``url_for`` was a quarter of its cost.
    The slug is quoted as Werkzeug's converters quote a path segment."""
    templates: dict[str, str] = g.setdefault("api_url_templates", {})
    template = templates.get(endpoint)
    if template is None:
        template = templates[endpoint] = absolute(endpoint, slug=SLOT)
    plain = PLAIN.fullmatch(slug) is not None  # most slugs: nothing to quote
    return template.replace(QUOTED_SLOT, slug if plain else quote(slug, safe=SEGMENT_SAFE))


def asked_language() -> str | None:
    """The language ``?lang=`` asked for (checked before the view: see ``views.api_language``);
    ``None``: the originals, with their translations beside them."""
    return g.get("api_language")


def text(obj: Translatable, field: str) -> str:
    """``field`` of ``obj`` in the language asked, or the original."""
    lang = asked_language()
    return obj.text(field, lang) if lang is not None else getattr(obj, field) or ""


def texts(obj: Translatable, *fields: str) -> dict[str, object]:
    """``fields`` of ``obj`` and what ``s.Texts`` says of them: without ``?lang``, the originals
    and their translations; with it, that language's texts and which fields fell back."""
    lang = asked_language()
    original = obj.original_language or "en"
    if lang is None:
        other = other_language(original)
        given = {f: obj.translation(other, f) for f in fields}
        return {
            **{f: getattr(obj, f) or "" for f in fields},
            "language": original,
            "translations": {other: {f: t for f, t in given.items() if t}}
            if any(given.values())
            else {},
            "fallbacks": [],
        }
    chosen = {f: obj.text(f, lang) for f in fields}
    return {
        **{f: str(t) for f, t in chosen.items()},
        "language": original,
        "translations": {},
        "fallbacks": [f for f, t in chosen.items() if t.fallback],
    }


def feeds(endpoint: str, slug: str) -> s.Feeds:
    https = slug_url(endpoint, slug)
    return s.Feeds(https=https, webcal=webcal_url(https))


def organisation_ref(organisation: Organisation) -> s.OrganisationRef:
    return s.OrganisationRef(
        slug=organisation.slug,
        name=organisation.name,
        short_name=organisation.short_name,
        url=slug_url("api.organisation", organisation.slug),
    )


def person_ref(person: Person) -> s.PersonRef:
    return s.PersonRef(
        slug=person.slug,
        name=person.name,
        title=person.title,
        affiliation=person.affiliation_name,
        url=slug_url("api.person", person.slug),
    )


def series_ref(series: EventSeries) -> s.SeriesRef:
    return s.SeriesRef(
        slug=series.slug, name=text(series, "name"), url=slug_url("api.one_series", series.slug)
    )


def event_ref(event: Event) -> s.EventRef:
    return s.EventRef(
        slug=event.slug, title=text(event, "title"), url=slug_url("api.event", event.slug)
    )


def series(series: EventSeries) -> s.Series:
    return s.Series(
        slug=series.slug,
        **texts(series, "name", "description"),
        cadence=series.cadence_text,
        cadence_rrule=series.cadence_rrule or None,
        organisations=[organisation_ref(o) for o in series.organisations],
        url=slug_url("api.one_series", series.slug),
        page_url=slug_url("events.series", series.slug),
        calendar=feeds("calendar.series_feed", series.slug),
        events=absolute("api.events", series=series.slug),
    )


def event(event: Event, taken: int) -> s.Event:
    zone = event.timezone
    venue = event.venue
    left = max(event.capacity - taken, 0) if event.capacity is not None else None
    return s.Event(
        slug=event.slug,
        **texts(event, "title", "summary", "description"),
        status=event.status,  # type: ignore[arg-type]  (drafts never reach here)
        timezone=zone,
        starts_at=to_zone(event.starts_at, zone),
        ends_at=to_zone(event.ends_at, zone),
        venue=None
        if venue is None
        else s.Venue(
            name=text(venue, "name"),
            address=venue.address,
            campus=venue.campus,
            city=venue.city,
            latitude=venue.latitude,
            longitude=venue.longitude,
            website=venue.website,
        ),
        series=series_ref(event.series) if event.series is not None else None,
        organisers=[
            s.Organiser(organisation=organisation_ref(o.organisation), role=o.role)
            for o in event.organisers
        ],
        contact=person_ref(event.contact_person) if event.contact_person is not None else None,
        website=event.website,
        registration=s.Registration(
            enabled=event.registration_enabled,
            opens_at=_zoned(event.registration_opens_at, zone),
            closes_at=_zoned(event.registration_closes_at, zone),
            capacity=event.capacity,
            places_left=left,
            waitlist=event.waitlist_enabled,
            form_url=slug_url("registration.register", event.slug),
        ),
        cancellation_note=event.cancellation_note,
        url=slug_url("api.event", event.slug),
        page_url=slug_url("events.event", event.slug),
        calendar=feeds("calendar.event_feed", event.slug),
        sessions=slug_url("api.sessions", event.slug),
        schedule_xml=slug_url("api.schedule_xml_export", event.slug),
        schedule_json=slug_url("api.schedule_json_export", event.slug),
    )


def _zoned(value, zone: str):
    return to_zone(value, zone) if value is not None else None


def session(session: Session, event: Event) -> s.Session:
    zone = event.timezone
    room = session.room
    return s.Session(
        id=session.id,
        event=event_ref(event),
        kind=session.kind,
        **texts(session, "title", "abstract"),
        starts_at=to_zone(session.starts_at, zone),
        ends_at=to_zone(session.ends_at, zone),
        timezone=zone,
        room=s.Room(name=text(room, "name"), capacity=room.capacity) if room is not None else None,
        track=session.track,
        status=session.status,
        capacity=session.capacity,
        speakers=[
            s.Speaker(person=person_ref(sp.person), role=sp.role, position=sp.position)
            for sp in session.speakers
        ],
        page_url=slug_url("events.event", event.slug) + f"#session-{session.id}",
        calendar=slug_url("calendar.event_feed", event.slug) + f"?session={session.id}",
    )


def person(person: Person) -> s.Person:
    return s.Person(
        slug=person.slug,
        name=person.name,
        title=person.title,
        affiliation=person.affiliation_name,
        organisation=organisation_ref(person.affiliation) if person.affiliation else None,
        **texts(person, "role_text", "bio"),
        url=slug_url("api.person", person.slug),
        page_url=slug_url("directory.person", person.slug),
        calendar=feeds("calendar.person_feed", person.slug),
    )


def organisation(organisation: Organisation) -> s.Organisation:
    parent = organisation.parent
    return s.Organisation(
        slug=organisation.slug,
        name=organisation.name,
        short_name=organisation.short_name,
        kind=organisation.kind,
        website=organisation.website,
        **texts(organisation, "description"),
        parent=organisation_ref(parent) if parent is not None else None,
        url=slug_url("api.organisation", organisation.slug),
        page_url=slug_url("directory.organisation", organisation.slug),
        calendar=feeds("calendar.organisation_feed", organisation.slug),
        events=absolute("api.events", organisation=organisation.slug),
    )


def post(post: BlogPost) -> s.BlogPost:
    counterpart = post.counterpart
    shown = counterpart is not None and blog_queries.is_public(counterpart)
    event = post.event
    assert post.publish_at is not None  # public posts have one
    return s.BlogPost(
        slug=post.slug,
        title=post.title,
        lead=post.lead,
        body=post.body_md,
        language=post.language,
        author=person_ref(post.author) if post.author is not None else None,
        author_line=post.author_line,
        event=event_ref(event) if event is not None and event.is_public else None,
        published_at=post.publish_at,
        translation=slug_url("api.post", counterpart.slug) if shown and counterpart else None,
        url=slug_url("api.post", post.slug),
        page_url=slug_url("blog.post", post.slug),
    )
