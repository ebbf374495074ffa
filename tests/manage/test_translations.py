"""Organisers write an event's texts in both languages, side by side, and see what is missing."""

from __future__ import annotations

from eventapp.events.queries import missing_translations
from tests.builders import make_event, make_person, make_series, make_session
from tests.helpers.forms import submit


def test_the_organiser_writes_both_languages_side_by_side(ki_client, ki, db):
    event = make_event("Workshop day", language="en", organisers=[ki.organisation])
    db.session.commit()
    url = f"/manage/events/{event.slug}/edit"
    response = submit(
        ki_client, url, title_translation="Workshopdag", summary_translation="Praktiska övningar."
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.title == "Workshop day"
    assert event.translations == {"sv": {"title": "Workshopdag", "summary": "Praktiska övningar."}}
    page = ki_client.get(url).get_data(as_text=True)
    assert 'value="Workshopdag"' in page
    # Emptying a translation removes it: Swedish readers see the original again.
    submit(ki_client, url, title_translation="", summary_translation="")
    db.session.refresh(event)
    assert event.translations == {}


def test_the_event_page_of_the_back_office_lists_what_lacks_a_translation(ki_client, ki, db):
    event = make_event("Symposium", language="en", organisers=[ki.organisation])
    for n in range(3):
        make_session(event, f"Talk {n}", abstract="About it.")
    make_session(event, "Lunch", translations={"sv": {"title": "Lunch"}})
    db.session.commit()
    missing = missing_translations(event)
    assert (missing.language, missing.session_titles, missing.session_abstracts) == ("sv", 3, 3)
    assert missing.event_fields == ["title"]
    page = ki_client.get(f"/manage/events/{event.slug}/?lang=en").get_data(as_text=True)
    assert "3 sessions have no title in Swedish" in page
    swedish = ki_client.get(f"/manage/events/{event.slug}/?lang=sv").get_data(as_text=True)
    assert "3 pass saknar titel på svenska" in swedish


def test_a_person_is_written_in_swedish_with_an_english_role(ki_client, db):
    person = make_person("Carin Dahlberg", role_text="Vetenskaplig koordinator")
    person.original_language = "sv"
    db.session.commit()
    url = f"/manage/people/{person.id}"
    response = submit(ki_client, url, role_text_translation="Scientific coordinator NextGenNK")
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(person)
    assert person.role_text == "Vetenskaplig koordinator"
    assert person.translations == {"en": {"role_text": "Scientific coordinator NextGenNK"}}
    english = ki_client.get(f"/people/{person.slug}/?lang=en").get_data(as_text=True)
    swedish = ki_client.get(f"/people/{person.slug}/?lang=sv").get_data(as_text=True)
    assert "Scientific coordinator NextGenNK" in english
    assert "Vetenskaplig koordinator" in swedish and "NextGenNK" not in swedish


def test_a_series_takes_its_language_and_its_translation(ki_client, ki, db):
    series = make_series("Collaboration in Science", organisations=[ki.organisation])
    db.session.commit()
    url = f"/manage/series/{series.id}"
    submit(ki_client, url, name_translation="Samverkan inom vetenskap")
    db.session.refresh(series)
    assert series.text("name", "sv") == "Samverkan inom vetenskap"
    assert series.text("name", "en") == "Collaboration in Science"
