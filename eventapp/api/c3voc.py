"""schedule.json in the c3voc format (the JSON form of frab's schedule, as apps read it)."""

from __future__ import annotations

import json
from typing import Any

from eventapp.api.frab import TIMESLOT
from eventapp.api.schedule import Programme, Talk, hh_mm

SCHEMA = "https://c3voc.de/schedule/schema.json"


def _event(talk: Talk) -> dict[str, Any]:
    return {
        "id": talk.id,
        "guid": talk.guid,
        "date": talk.start.isoformat(),
        "start": talk.start.strftime("%H:%M"),
        "duration": hh_mm(talk.duration),
        "room": talk.room,
        "slug": talk.slug,
        "url": talk.url,
        "title": talk.title,
        "subtitle": "",
        "track": talk.track or None,
        "type": talk.kind,
        "language": talk.language,
        "abstract": talk.abstract,
        "description": "",
        "persons": [
            # name (pretalx's form) and public_name (frab's, which older apps read)
            {"guid": s.guid, "name": s.name, "public_name": s.name, "biography": s.biography}
            for s in talk.speakers
        ],
        "links": [{"url": talk.url, "title": talk.title}],
        "attachments": [],
    }


def schedule_document(programme: Programme, generator_version: str) -> dict[str, Any]:
    """The programme as a c3voc schedule.json document."""
    return {
        "$schema": SCHEMA,
        "generator": {"name": "eventapp", "version": generator_version},
        "schedule": {
            "version": programme.version,
            "base_url": programme.base_url + "/",
            "conference": {
                "acronym": programme.acronym,
                "title": programme.title,
                "start": programme.start.isoformat(),
                "end": programme.end.isoformat(),
                "daysCount": len(programme.days),
                "timeslot_duration": TIMESLOT,
                "time_zone_name": programme.timezone,
                "url": programme.url,
                "rooms": [
                    {"name": r.name, "guid": r.guid, "capacity": r.capacity}
                    for r in programme.rooms
                ],
                "days": [
                    {
                        "index": day.index,
                        "date": day.date.isoformat(),
                        "day_start": day.start.isoformat(),
                        "day_end": day.end.isoformat(),
                        "rooms": {
                            name: [_event(t) for t in talks] for name, talks in day.rooms.items()
                        },
                    }
                    for day in programme.days
                ],
            },
        },
    }


def schedule_json(programme: Programme, generator_version: str) -> bytes:
    return json.dumps(schedule_document(programme, generator_version), ensure_ascii=False).encode()
