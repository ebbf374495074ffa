"""One event, one URL, two languages: the reader's language, or the original, marked."""

from __future__ import annotations

import icalendar

from tests.builders import make_event, make_session, make_venue
from tests.events.conftest import blank_hooks

EN_TITLE, SV_TITLE = "Innovation and Collaboration Days", "Innovations- och samverkansdagar"


def _bilingual_event(db):
    venue = make_venue("Campus Flemingsberg")
    event = make_event(EN_TITLE, language="en", summary="Two days of meetings.", venue=venue)
    event.set_translations("sv", {"title": SV_TITLE, "summary": "Två dagar av möten."})
    translated = make_session(event, "Opening", translations={"sv": {"title": "Invigning"}})
    make_session(event, "Poster session")  # no Swedish title: shown in English, marked
    db.session.commit()
    return event, translated


def test_the_event_page_reads_in_each_language(client, db):
    event, _session = _bilingual_event(db)
    swedish = client.get(f"/events/{event.slug}/?lang=sv").get_data(as_text=True)
    english = client.get(f"/events/{event.slug}/?lang=en").get_data(as_text=True)
    assert f'<h1 id="event-title">{SV_TITLE}' in swedish
    assert "Två dagar av möten." in swedish and "Invigning" in swedish
    assert EN_TITLE not in swedish.split("<body", 1)[1].split("</h1>")[0]
    assert f'<h1 id="event-title">{EN_TITLE}' in english
    assert "Opening" in english and "Invigning" not in english


def test_a_missing_translation_shows_the_original_marked_with_its_language(client, db):
    event, _session = _bilingual_event(db)
    swedish = client.get(f"/events/{event.slug}/?lang=sv").get_data(as_text=True)
    assert '<span lang="en">Poster session</span>' in swedish
    assert '<span lang="en">Invigning</span>' not in swedish
    english = client.get(f"/events/{event.slug}/?lang=en").get_data(as_text=True)
    assert 'lang="en">Poster session' not in english  # the page's own language: not marked


def test_each_language_has_its_own_feed_bytes_and_etag(client, db):
    event, _session = _bilingual_event(db)
    sv = client.get(f"/events/{event.slug}/calendar.ics?lang=sv")
    en = client.get(f"/events/{event.slug}/calendar.ics?lang=en")
    assert sv.headers["ETag"] != en.headers["ETag"]
    summaries = {
        lang: {str(c["SUMMARY"]) for c in icalendar.Calendar.from_ical(r.data).walk("VEVENT")}
        for lang, r in (("sv", sv), ("en", en))
    }
    assert {SV_TITLE, "Invigning", "Poster session"} <= summaries["sv"]
    assert {EN_TITLE, "Opening", "Poster session"} <= summaries["en"]
    again = client.get(f"/events/{event.slug}/calendar.ics?lang=sv")
    assert again.data == sv.data and again.headers["ETag"] == sv.headers["ETag"]


def test_translations_add_no_query_to_the_event_page(app, client, db, count_queries):
    plain = make_event("Plain")
    for n in range(5):
        make_session(plain, f"Talk {n}")
    event, _session = _bilingual_event(db)
    db.session.commit()
    blank_hooks(app)
    counts = []
    for slug in (plain.slug, event.slug, plain.slug, event.slug):
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get(f"/events/{slug}/?lang=sv").status_code == 200
        counts.append(queries.count)
    assert counts[2] == counts[3]
