"""Organisers write an event's texts in both languages, side by side, and see what is missing."""

from __future__ import annotations

from eventapp.events.queries import missing_translations
from tests.builders import make_event, make_session
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
