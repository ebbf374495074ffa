"""The demo can be browsed: every public page of its content answers, in both languages."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.blog.models import BlogPost
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db


def _content_urls() -> list[str]:
    urls = ["/", "/events/", "/blog/", "/organisations/", "/collaborations/"]
    urls += [f"/events/{slug}/" for slug in db.session.scalars(select(Event.slug))]
    urls += [f"/series/{slug}/" for slug in db.session.scalars(select(EventSeries.slug))]
    urls += [f"/blog/{slug}/" for slug in db.session.scalars(select(BlogPost.slug))]
    return urls


def _directory_urls() -> list[str]:
    urls = [f"/people/{slug}/" for slug in db.session.scalars(select(Person.slug))]
    urls += [f"/organisations/{slug}/" for slug in db.session.scalars(select(Organisation.slug))]
    urls += [f"/collaborations/{slug}/" for slug in db.session.scalars(select(Collaboration.slug))]
    return urls


def test_every_page_of_the_demo_content_answers(demo, client):
    """Events, series and posts in both languages; every directory page in English."""
    requests = [(url, lang) for url in _content_urls() for lang in ("en", "sv")]
    requests += [(url, "en") for url in _directory_urls()]
    assert len(requests) > 100
    failing = [
        (url, lang, response.status_code)
        for url, lang in requests
        if (response := client.get(url, query_string={"lang": lang})).status_code != 200
    ]
    assert failing == []


def test_the_upcoming_edition_is_on_the_home_page_and_the_atmp_post_on_its_event(demo, client):
    upcoming = db.session.scalars(select(Event).where(Event.registration_enabled)).one()
    assert upcoming.title in client.get("/").get_data(as_text=True)
    atmp_page = client.get("/events/atmp-mini-symposium-2025/").get_data(as_text=True)
    assert "ATMP mini-symposium: sharing knowledge" in atmp_page


def test_the_innovation_days_read_in_swedish_and_in_english(demo, client):
    """The story exists in both languages (documents 000 and 001): so does the event."""
    url = "/events/innovation-and-collaboration-days-2023/"
    swedish = client.get(url, query_string={"lang": "sv"}).get_data(as_text=True)
    english = client.get(url, query_string={"lang": "en"}).get_data(as_text=True)
    assert '<h1 id="event-title">Innovations- och samverkansdagarna 2023' in swedish
    assert "Invigning av Innovation Station" in swedish and '<span lang="en">' not in swedish
    assert '<h1 id="event-title">Innovation and Collaboration Days 2023' in english
    assert "Inauguration of Innovation Station" in english


def test_collaboration_in_science_is_english_with_swedish_titles(demo, client):
    url = "/events/collaboration-in-science-2024/"
    swedish = client.get(url, query_string={"lang": "sv"}).get_data(as_text=True)
    assert "Postersession (dag 1)" in swedish and "Flemingsbergs framtid" in swedish
    # The abstracts have no Swedish version: shown in English, marked as English.
    assert '<div lang="en"><p>Posters from both basic and clinical research' in swedish


def test_the_collaboration_directory_is_swedish_with_some_english(demo, client):
    """The memo is Swedish: every entry's texts are Swedish originals, a few have English."""
    entries = db.session.scalars(select(Collaboration)).all()
    assert {c.original_language for c in entries} == {"sv"}
    english = [c for c in entries if c.translation("en", "purpose")]
    assert 0 < len(english) < len(entries)

    url = "/collaborations/hogskoleradet/"
    swedish = client.get(url, query_string={"lang": "sv"}).get_data(as_text=True)
    assert "inga beslutande funktioner" in swedish and ' lang="en">' not in swedish
    assert '<span class="contact-role">utvecklingsledare</span>' in swedish
    in_english = client.get(url, query_string={"lang": "en"}).get_data(as_text=True)
    assert "It takes no decisions" in in_english
    assert '<span class="contact-role">Development lead</span>' in in_english

    # No English version: an English reader gets the Swedish text, marked as Swedish.
    ulf = client.get("/collaborations/ulf-konstfack/", query_string={"lang": "en"})
    html = ulf.get_data(as_text=True)
    assert '<h1><span lang="sv">ULF-avtal med Konstfack</span></h1>' in html
    assert '<div class="dir-description" lang="sv"><p>Ett ULF-avtal med Konstfack' in html
    ended = client.get("/collaborations/scenkonstresidens/", query_string={"lang": "en"})
    assert '<dd class="end-note" lang="sv">Avtalet sades upp inför 2025.' in ended.get_data(
        as_text=True
    )


def test_the_upcoming_edition_shows_its_grid_by_room_and_an_accepted_talk_to_place(demo, client):
    from eventapp.auth.models import User
    from tests.conftest import login

    event = db.session.scalars(
        select(Event).where(Event.public_grid.is_(True)).order_by(Event.starts_at.desc())
    ).first()
    assert event is not None and event.title.startswith("Collaboration in Science")
    page = client.get(f"/events/{event.slug}/").get_data(as_text=True)
    assert "The programme by room" in page and "Neo – foyer" in page
    admin = db.session.scalars(select(User).where(User.is_site_admin.is_(True))).first()
    login(client, admin)
    timetable = client.get(f"/manage/events/{event.slug}/timetable").get_data(as_text=True)
    assert "To place" in timetable and "From the bench to the bedside in cell therapy" in timetable
    dashboard = client.get(f"/manage/events/{event.slug}/").get_data(as_text=True)
    assert "Registered by organisation" in dashboard and 'class="chart-stroke"' in dashboard
