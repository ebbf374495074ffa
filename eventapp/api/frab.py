"""schedule.xml in the frab / Pentabarf format, as the c3voc schedule XSD describes it."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from eventapp.api.schedule import Programme, Talk, hh_mm

#: The slot the programme is laid out in (apps draw their grid with it).
TIMESLOT = "00:05"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _event(parent: ET.Element, talk: Talk) -> None:
    element = ET.SubElement(parent, "event", id=str(talk.id), guid=talk.guid)
    _text(element, "date", talk.start.isoformat())
    _text(element, "start", talk.start.strftime("%H:%M"))
    _text(element, "duration", hh_mm(talk.duration))
    _text(element, "room", talk.room)
    _text(element, "slug", talk.slug)
    _text(element, "title", talk.title)
    _text(element, "subtitle", "")
    _text(element, "track", talk.track)
    _text(element, "type", talk.kind)
    _text(element, "language", talk.language)
    _text(element, "abstract", talk.abstract)
    _text(element, "description", "")
    persons = ET.SubElement(element, "persons")
    for speaker in talk.speakers:
        _text(persons, "person", speaker.name).set("id", str(speaker.id))
    links = ET.SubElement(element, "links")
    _text(links, "link", talk.title).set("href", talk.url)


def schedule_xml(programme: Programme) -> bytes:
    """The programme as frab's schedule.xml."""
    root = ET.Element("schedule")
    _text(root, "version", programme.version)
    conference = ET.SubElement(root, "conference")
    _text(conference, "acronym", programme.acronym)
    _text(conference, "title", programme.title)
    _text(conference, "start", programme.start.isoformat())
    _text(conference, "end", programme.end.isoformat())
    _text(conference, "days", str(len(programme.days)))
    _text(conference, "timeslot_duration", TIMESLOT)
    for day in programme.days:
        element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for name, talks in day.rooms.items():
            room = ET.SubElement(element, "room", name=name)
            for talk in talks:
                _event(room, talk)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
