"""schedule.xml and schedule.json: valid by the c3voc project's own XSD and JSON schema
(vendored in ``c3voc/``), with GUIDs that do not move."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from eventapp.core.types import SessionStatus

HERE = Path(__file__).parent / "c3voc"


@pytest.fixture(scope="module")
def xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(HERE / "schedule.xml.xsd"))


@pytest.fixture(scope="module")
def json_schema() -> jsonschema.Draft6Validator:
    schema = json.loads((HERE / "schedule.schema.json").read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema)


def _xml(client, slug: str) -> bytes:
    response = client.get(f"/events/{slug}/schedule.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return response.data


def _json(client, slug: str) -> dict:
    response = client.get(f"/events/{slug}/schedule.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json


def test_schedule_xml_is_valid_by_the_c3voc_xsd(client, campus, xsd):
    xsd.validate(_xml(client, "cell-therapy").decode())


def test_schedule_json_is_valid_by_the_c3voc_json_schema(client, campus, json_schema):
    document = _json(client, "cell-therapy")
    errors = [f"{list(e.path)}: {e.message}" for e in json_schema.iter_errors(document)]
    assert errors == []


def test_an_event_without_sessions_is_still_a_valid_schedule(client, db, campus, xsd, json_schema):
    xsd.validate(_xml(client, "unit-day").decode())
    campus["past"].sessions.clear()
    db.session.commit()
    xsd.validate(_xml(client, "unit-day").decode())
    json_schema.validate(_json(client, "unit-day"))


def test_the_xml_holds_the_programme_by_day_and_room(client, campus):
    root = ET.fromstring(_xml(client, "cell-therapy"))
    assert root.findtext("conference/title") == "Cell therapy symposium"
    assert root.findtext("conference/acronym") == "cell_therapy"
    days = root.findall("day")
    assert [d.get("index") for d in days] == ["1", "2"]
    first = {room.get("name"): [e.findtext("title") for e in room] for room in days[0]}
    assert first == {"Aula": ["Opening keynote"], "Biomedicum": ["Coffee"]}
    keynote = days[0].find("room/event")
    assert keynote.findtext("start") == "09:00"
    assert keynote.findtext("duration") == "00:45"
    assert keynote.findtext("date").endswith("T09:00:00+01:00")
    assert keynote.findtext("type") == "keynote"
    assert keynote.findtext("track") == "Clinic"
    assert [p.text for p in keynote.find("persons")] == ["Åsa Öberg", "Bo Berg"]
    assert (
        keynote.find("links/link")
        .get("href")
        .endswith(f"/events/cell-therapy/#session-{campus['keynote'].id}")
    )


def test_guids_are_uuid5_of_the_object_and_stay_when_it_changes(client, campus, db):
    keynote = campus["keynote"]
    before = _json(client, "cell-therapy")["schedule"]["conference"]
    talk = before["days"][0]["rooms"]["Aula"][0]
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"http://eventapp.test/sessions/{keynote.id}")
    assert talk["guid"] == str(expected)
    keynote.title = "Opening keynote, renamed"
    db.session.commit()
    after = _json(client, "cell-therapy")["schedule"]["conference"]
    renamed = after["days"][0]["rooms"]["Aula"][0]
    assert renamed["title"] == "Opening keynote, renamed"
    assert renamed["guid"] == talk["guid"]
    assert [r["guid"] for r in after["rooms"]] == [r["guid"] for r in before["rooms"]]
    assert [p["guid"] for p in renamed["persons"]] == [p["guid"] for p in talk["persons"]]


def test_cancelled_sessions_and_drafts_are_left_out(client, campus, db):
    campus["panel"].status = SessionStatus.CANCELLED
    db.session.commit()
    root = ET.fromstring(_xml(client, "cell-therapy"))
    assert "Panel on manufacturing" not in [e.findtext("title") for e in root.iter("event")]
    assert client.get("/events/secret-draft/schedule.xml").status_code == 404
    assert client.get("/events/secret-draft/schedule.json").status_code == 404


def test_exports_answer_304_to_their_etag_and_any_origin(client, campus):
    for suffix in ("xml", "json"):
        first = client.get(f"/events/cell-therapy/schedule.{suffix}")
        assert first.headers["Access-Control-Allow-Origin"] == "*"
        again = client.get(
            f"/events/cell-therapy/schedule.{suffix}",
            headers={"If-None-Match": first.headers["ETag"]},
        )
        assert again.status_code == 304


def test_every_demo_event_exports_a_valid_schedule(client, runner, monkeypatch, xsd, json_schema):
    """The real programmes (breaks, panels, rooms shared by days, Swedish titles) as well."""
    monkeypatch.setenv("EVENTAPP_DEMO_PASSWORD", "demo-password-for-tests")
    assert runner.invoke(args=["demo"]).exit_code == 0
    slugs = [e["slug"] for e in client.get("/api/v1/events?per_page=200").json["items"]]
    assert len(slugs) >= 5
    for slug in slugs:
        xsd.validate(_xml(client, slug).decode())
        json_schema.validate(_json(client, slug))


def test_the_event_page_links_the_exports(client, campus):
    page = client.get("/events/cell-therapy/").get_data(as_text=True)
    assert "/events/cell-therapy/schedule.xml" in page
    assert "/events/cell-therapy/schedule.json" in page
