"""``/api/v1/``: read-only JSON of public data, its OpenAPI description and a page about it."""

from __future__ import annotations

import json

from flask import current_app, g, render_template, request, url_for
from pydantic import BaseModel

from eventapp.api import queries, resources
from eventapp.api import schemas as s
from eventapp.api.blueprint import bp
from eventapp.api.http import (
    JSON,
    allow_any_origin,
    conditional,
    date_arg,
    json_response,
    kind_arg,
    lang_arg,
    paging,
    text_arg,
)
from eventapp.api.openapi import (
    KIND,
    LANG,
    LIST,
    OPERATIONS,
    PAGE,
    SLUG,
    TEXT,
    Param,
    document,
    operation,
    per_page,
)
from eventapp.api.queries import Slice
from eventapp.core.errors import BadRequest

PREFIX = "/api/v1"


@bp.after_app_request
def api_cors(response):
    """Every answer under ``/api/`` (errors included) may be read from any origin."""
    if request.path.startswith(PREFIX + "/"):
        allow_any_origin(response)
    return response


@bp.before_request
def api_language():
    """``?lang=`` of an operation that takes it: checked before the view (a wrong one is a 400,
    even for an empty list), kept for ``resources`` to choose texts by."""
    takes = {op.endpoint for op in OPERATIONS if LANG in op.params}
    if request.endpoint in takes:
        g.api_language = lang_arg()


def _links(result: Slice) -> s.Links:
    """Links to this list's pages, with the request's own filters."""
    args = {**request.args.to_dict(), **(request.view_args or {})}

    def at(page: int) -> str:
        return resources.absolute(request.endpoint or "", **{**args, "page": page})

    return s.Links(
        self=at(result.page),
        first=at(1),
        last=at(result.pages),
        next=at(result.page + 1) if result.page < result.pages else None,
        prev=at(min(result.page - 1, result.pages)) if result.page > 1 else None,
    )


def _page(kind: type[s.Page], result: Slice, items: list[BaseModel]) -> s.Page:
    return kind(
        items=items,
        page=result.page,
        per_page=result.per_page,
        total=result.total,
        pages=result.pages,
        links=_links(result),
    )


@operation("/api/v1/", "Where everything is", s.Index)
def index():
    """Links to every list and to the description."""
    link = resources.absolute
    return json_response(
        s.Index(
            openapi=link("api.openapi"),
            docs=link("api.docs"),
            series=link("api.series_list"),
            events=link("api.events"),
            people=link("api.people"),
            organisations=link("api.organisations"),
            posts=link("api.posts"),
        )
    )


@bp.get("/api/v1/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    body = json.dumps(document(current_app.config["BASE_URL"]), sort_keys=True)
    return conditional(body.encode("utf-8"), JSON)


@bp.get("/api/v1/docs")
def docs():
    """The description for people: every operation, its parameters and its objects."""
    spec = document(current_app.config["BASE_URL"])
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=OPERATIONS,
        openapi_url=url_for("api.openapi"),
    )


@operation("/api/v1/series", "Series, by name", s.SeriesPage, (*LIST, LANG))
def series_list():
    """Every series."""
    result = queries.list_series(*paging(queries.PER_PAGE, queries.MAX_PER_PAGE))
    return json_response(_page(s.SeriesPage, result, [resources.series(x) for x in result.items]))


@operation("/api/v1/series/<slug>", "One series", s.Series, (SLUG, LANG))
def one_series(slug: str):
    """One series."""
    return json_response(resources.series(queries.get_series(slug)))


DAY = {"type": "string", "format": "date"}
EVENT_FILTERS = (
    Param("series", TEXT, "editions of the series with this slug"),
    Param("organisation", TEXT, "organised by it (or one of its units)"),
    KIND,
    Param("from", DAY, "ending on or after this day (UTC)"),
    Param("to", DAY, "starting on or before this day (UTC)"),
)


@operation(
    "/api/v1/events", "Public events, soonest first", s.EventPage, (*EVENT_FILTERS, *LIST, LANG)
)
def events():
    """Public events, filtered the ways ``/events/`` filters them, and by dates."""
    query = queries.EventQuery(
        series=text_arg("series"),
        organisation=text_arg("organisation"),
        kind=kind_arg(),
        starts_from=date_arg("from"),
        until=date_arg("to"),
    )
    found = queries.list_events(query, *paging(queries.PER_PAGE, queries.MAX_PER_PAGE))
    items = [resources.event(e, found.taken.get(e.id, 0)) for e in found.events.items]
    return json_response(_page(s.EventPage, found.events, items))


@operation("/api/v1/events/<slug>", "One public event", s.Event, (SLUG, LANG))
def event(slug: str):
    """One public event with its organisers, venue and registration."""
    found = queries.get_event(slug)
    event = found.events.items[0]
    return json_response(resources.event(event, found.taken.get(event.id, 0)))


@operation(
    "/api/v1/events/<slug>/sessions",
    "An event's timetable, in time order",
    s.SessionPage,
    (SLUG, KIND, PAGE, per_page(default=queries.MAX_PER_PAGE), LANG),
)
def sessions(slug: str):
    """The sessions of a public event, with their speakers."""
    event = queries.get_event_alone(slug)
    kind = kind_arg()
    result = queries.list_sessions(event, kind, *paging(queries.MAX_PER_PAGE, queries.MAX_PER_PAGE))
    items = [resources.session(x, event) for x in result.items]
    return json_response(_page(s.SessionPage, result, items))


@operation("/api/v1/people", "People, by name", s.PersonPage, (*LIST, LANG))
def people():
    """Speakers, moderators, authors and contact persons: public fields only."""
    result = queries.list_people(*paging(queries.PER_PAGE, queries.MAX_PER_PAGE))
    return json_response(_page(s.PersonPage, result, [resources.person(x) for x in result.items]))


@operation("/api/v1/people/<slug>", "One person", s.Person, (SLUG, LANG))
def person(slug: str):
    """One person: public fields only."""
    return json_response(resources.person(queries.get_person(slug)))


@operation("/api/v1/organisations", "Organisations, by name", s.OrganisationPage, (*LIST, LANG))
def organisations():
    """Universities, hospitals, municipalities and their units, foundations, companies."""
    result = queries.list_organisations(*paging(queries.PER_PAGE, queries.MAX_PER_PAGE))
    items = [resources.organisation(x) for x in result.items]
    return json_response(_page(s.OrganisationPage, result, items))


@operation("/api/v1/organisations/<slug>", "One organisation", s.Organisation, (SLUG, LANG))
def organisation(slug: str):
    """One organisation."""
    return json_response(resources.organisation(queries.get_organisation(slug)))


LANGUAGE = Param("language", {"type": "string", "enum": ["en", "sv"]}, "written in this language")


@operation("/api/v1/posts", "Published blog posts, newest first", s.BlogPostPage, (LANGUAGE, *LIST))
def posts():
    """Published blog posts (scheduled ones once their time has come)."""
    language = request.args.get("language")
    if language is not None and language not in current_app.config["LANGUAGES"]:
        from_list = ", ".join(current_app.config["LANGUAGES"])
        raise BadRequest(f"language must be one of {from_list}.")
    result = queries.list_posts(language, *paging(queries.PER_PAGE, queries.MAX_PER_PAGE))
    return json_response(_page(s.BlogPostPage, result, [resources.post(x) for x in result.items]))


@operation("/api/v1/posts/<slug>", "One published blog post", s.BlogPost, (SLUG,))
def post(slug: str):
    """One published blog post."""
    return json_response(resources.post(queries.get_post(slug)))
