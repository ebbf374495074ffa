"""The programme for conference apps: ``/events/<slug>/schedule.xml`` and ``schedule.json``."""

from __future__ import annotations

from importlib.metadata import version

from flask import current_app

from eventapp.api import queries
from eventapp.api.c3voc import schedule_json
from eventapp.api.frab import schedule_xml
from eventapp.api.http import allow_any_origin, conditional
from eventapp.api.openapi import SLUG, operation
from eventapp.api.resources import absolute
from eventapp.api.schedule import Programme, programme

GENERATOR_VERSION = version("eventapp")


def _programme(slug: str) -> Programme:
    event = queries.programme_event(slug)
    page_url = absolute("events.event", slug=event.slug)
    return programme(event, current_app.config["BASE_URL"], page_url)


@operation(
    "/events/<slug>/schedule.xml",
    "The programme as frab schedule.xml",
    None,
    (SLUG,),
    media="application/xml",
    tag="schedule",
)
def schedule_xml_export(slug: str):
    """The programme in the frab / Pentabarf XML that conference apps read."""
    body = schedule_xml(_programme(slug))
    return allow_any_origin(conditional(body, "application/xml; charset=utf-8"))


@operation(
    "/events/<slug>/schedule.json",
    "The programme as c3voc schedule.json",
    None,
    (SLUG,),
    tag="schedule",
    external_schema={"type": "object", "description": "https://c3voc.de/schedule/schema.json"},
)
def schedule_json_export(slug: str):
    """The programme in the c3voc JSON that conference apps read."""
    body = schedule_json(_programme(slug), GENERATOR_VERSION)
    return allow_any_origin(conditional(body, "application/json"))
