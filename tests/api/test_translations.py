"""The API gives an object's texts in both languages, or in the one ``?lang=`` asks for."""

from __future__ import annotations

from tests.api.test_api import get


def _translate(campus, db):
    symposium, keynote, asa = campus["symposium"], campus["keynote"], campus["asa"]
    symposium.summary = "Two days on making cell therapies."  # no Swedish version
    symposium.set_translations("sv", {"title": "Symposium om cellterapi"})
    keynote.set_translations("sv", {"title": "Inledande föredrag"})
    asa.set_translations("sv", {"bio": "Biografi."})
    campus["venue"].rooms[0].set_translations("sv", {"name": "Aulan"})
    db.session.commit()


def test_without_lang_the_originals_carry_their_translations(client, campus, db):
    _translate(campus, db)
    event = get(client, "/events/cell-therapy").json
    assert (event["title"], event["language"]) == ("Cell therapy symposium", "en")
    assert event["translations"] == {"sv": {"title": "Symposium om cellterapi"}}
    assert event["fallbacks"] == []
    sessions = {s["title"]: s for s in get(client, "/events/cell-therapy/sessions").json["items"]}
    assert sessions["Opening keynote"]["translations"] == {"sv": {"title": "Inledande föredrag"}}
    assert sessions["Coffee"]["translations"] == {}
    assert sessions["Opening keynote"]["room"]["name"] == "Aula"
    assert get(client, "/people/asa-oberg").json["translations"] == {"sv": {"bio": "Biografi."}}


def test_lang_chooses_one_language_and_names_the_fields_that_fell_back(client, campus, db):
    _translate(campus, db)
    event = get(client, "/events/cell-therapy?lang=sv").json
    assert event["title"] == "Symposium om cellterapi"
    assert event["language"] == "en" and event["translations"] == {}
    assert event["fallbacks"] == ["summary"]  # in English: no Swedish one; no description at all
    assert event["summary"] == "Two days on making cell therapies."
    items = get(client, "/events/cell-therapy/sessions?lang=sv").json["items"]
    keynote = next(s for s in items if s["id"] == campus["keynote"].id)
    assert keynote["title"] == "Inledande föredrag" and keynote["room"]["name"] == "Aulan"
    assert keynote["event"]["title"] == "Symposium om cellterapi"  # the reference too
    panel = next(s for s in items if s["id"] == campus["panel"].id)
    assert (panel["title"], panel["fallbacks"]) == ("Panel on manufacturing", ["title"])
    # Asking for the original's own language changes nothing and falls back nowhere.
    english = get(client, "/events/cell-therapy?lang=en").json
    assert (english["title"], english["fallbacks"]) == ("Cell therapy symposium", [])


def test_each_language_has_its_own_bytes_and_etag(client, campus, db):
    _translate(campus, db)
    swedish = get(client, "/events/cell-therapy?lang=sv")
    english = get(client, "/events/cell-therapy?lang=en")
    assert swedish.headers["ETag"] != english.headers["ETag"]
    again = get(client, "/events/cell-therapy?lang=sv")
    assert again.get_data() == swedish.get_data()
    cached = client.get(
        "/api/v1/events/cell-therapy?lang=sv", headers={"If-None-Match": swedish.headers["ETag"]}
    )
    assert cached.status_code == 304


def test_an_unknown_lang_is_a_400_even_for_an_empty_list(client, campus):
    for path in ("/events?lang=de", "/people?lang=", "/events?series=none&lang=xx"):
        answer = get(client, path, status=400).json
        assert answer == {"error": "lang must be one of en, sv.", "status": 400}
