"""The public event page: facts, organisers, timetable, cancellations, structured data, 404s."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventapp.core.types import EventStatus, OrganiserRole, SessionKind, SessionStatus, SpeakerRole
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_series,
    make_session,
    make_user,
    make_venue,
    stockholm,
)
from tests.conftest import login
from tests.events.conftest import json_ld_of, make_full_event, parse_page


def test_event_page_shows_facts_organisers_and_contact(client, db):
    event = make_full_event(summary="Half a day on ATMP.", description="We meet **in person**.")
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert f'<h1 id="event-title">{event.title}' in html
    assert "Half a day on ATMP." in html
    assert "<strong>in person</strong>" in html
    assert "Campus Flemingsberg" in html and "Alfred Nobels allé 8, Huddinge" in html
    assert "Aula, Room 2" in html
    host, partner = (link.organisation for link in event.organisers)
    assert f'<a href="/organisations/{host.slug}/">Karolinska Institutet (KI)</a>' in html
    assert f'<a href="/organisations/{partner.slug}/">CCRM Nordic</a>' in html
    assert "(Host)" in html and "(Partner)" in html
    assert f'<a href="/people/{event.contact_person.slug}/">Dr Speaker 0</a>' in html


def test_co_organiser_role_is_named(client, db):
    ki = make_organisation("Karolinska Institutet", slug="ki")
    event = make_event(organisers=[ki], role=OrganiserRole.CO_ORGANISER)
    db.session.commit()
    assert "(Co-organiser)" in client.get(f"/events/{event.slug}/").text


def test_timetable_rows_show_time_room_kind_track_and_speakers_with_affiliations(client, db):
    venue = make_venue(rooms=("Aula Medica",))
    event = make_event(starts_at=stockholm(2026, 6, 10, 9, 0), venue=venue)
    org = make_organisation("Södertörn University")
    moderator = make_person("Malin Lindberg", title="Prof.", affiliation=org)
    make_session(
        event,
        "Collaboration across sectors",
        starts_at=stockholm(2026, 6, 10, 10, 15),
        minutes=45,
        kind=SessionKind.PANEL,
        room=venue.rooms[0],
        track="Main track",
        speakers=[moderator],
        speaker_role=SpeakerRole.MODERATOR,
        abstract="Four organisations on one stage.",
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "10:15</time>–<time" in html and ">11:00</time>" in html
    assert "Room: Aula Medica" in html
    assert '<p class="session-kind">Panel · <span class="session-track">Main track</span>' in html
    assert f'<a href="/people/{moderator.slug}/">Prof. Malin Lindberg</a>' in html
    assert "(Moderator)" in html
    assert '<span class="affiliation">Södertörn University</span>' in html
    assert "Four organisations on one stage." in html


def test_timetable_is_grouped_by_local_day(client, db):
    event = make_event(
        starts_at=stockholm(2025, 1, 22, 9, 0), ends_at=stockholm(2025, 1, 23, 16, 0)
    )
    make_session(event, "Day two opening", starts_at=stockholm(2025, 1, 23, 9, 0))
    make_session(event, "Day one opening", starts_at=stockholm(2025, 1, 22, 9, 0))
    # 23:30 local on the first day is already the 23rd in UTC's terms? No: 22:30 UTC, still 22nd.
    make_session(event, "Late mingle", starts_at=stockholm(2025, 1, 22, 23, 30), minutes=20)
    db.session.commit()
    page = parse_page(client.get(f"/events/{event.slug}/").text)
    days = [text for level, text in page.headings if level == 3]
    assert days == ["Wednesday, January 22, 2025 (CET)", "Thursday, January 23, 2025 (CET)"]
    titles = [text for level, text in page.headings if level == 4]
    assert titles == ["Day one opening", "Late mingle", "Day two opening"]


def test_multi_day_event_shows_a_date_range(client, db):
    event = make_event(
        starts_at=stockholm(2025, 1, 22, 9, 0), ends_at=stockholm(2025, 1, 23, 16, 0)
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "Jan 22\u2009–\u200923, 2025" in html  # Babel's interval format for English
    assert "Starts 09:00 on January 22, 2025, ends 16:00 on January 23, 2025" in " ".join(
        html.split()
    )


# Flask-Babel keeps the locale on ``g``, which the test's app context shares between requests:
# a test asks for one language only.
def test_multi_day_range_in_swedish(client, db):
    event = make_event(
        starts_at=stockholm(2025, 1, 22, 9, 0), ends_at=stockholm(2025, 1, 23, 16, 0)
    )
    db.session.commit()
    sv = client.get(f"/events/{event.slug}/?lang=sv").text
    assert '<html lang="sv">' in sv
    assert "22–23 jan. 2025" in sv
    assert "22 januari 2025" in sv and "23 januari 2025" in sv


def test_single_day_event_shows_weekday_date_and_time_range(client, db):
    event = make_event(
        starts_at=stockholm(2025, 1, 22, 9, 0), ends_at=stockholm(2025, 1, 22, 13, 0)
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "Wednesday, January 22, 2025" in html
    assert "09:00–13:00" in html


def test_cancelled_session_is_struck_through_and_labelled(client, db):
    event = make_event()
    make_session(event, "Poster walk", status=SessionStatus.CANCELLED)
    make_session(event, "Keynote lecture")
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    at = html.index("<s>Poster walk</s>")
    row = html[html.rindex("<li", 0, at) : html.index("</li>", at)]
    assert row.startswith('<li class="is-cancelled" id="session-')
    assert "<s>Poster walk</s>" in row
    assert '<span class="badge badge-cancelled">Cancelled</span>' in row
    assert "<s>Keynote lecture</s>" not in html


def test_cancelled_event_is_clearly_marked(client, db):
    event = make_event(
        status=EventStatus.CANCELLED, cancellation_note="The venue is closed for repairs."
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "This event is cancelled." in html
    assert "The venue is closed for repairs." in html
    assert f"<s>{event.title}</s>" in html
    assert json_ld_of(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_draft_event_is_404_for_the_public(client, db):
    event = make_event(status=EventStatus.DRAFT)
    db.session.commit()
    response = client.get(f"/events/{event.slug}/")
    assert response.status_code == 404
    assert event.title not in response.text
    assert "There is no public event at this address." in response.text


def test_organisers_preview_a_draft_public_page_and_nobody_else_does(client, db):
    """The draft's public page was a 404 for its organisers too: they could not check it."""
    ki, kth = make_organisation("Karolinska Institutet"), make_organisation("KTH")
    event = make_event("Campus Data Days 2027", status=EventStatus.DRAFT, organisers=[ki])
    make_session(event, "Opening keynote")
    organiser, stranger = make_user(organisations=[ki]), make_user(organisations=[kth])
    db.session.commit()
    preview = f"/manage/events/{event.slug}/preview"
    assert client.get(preview).status_code == 302  # to the login
    login(client, stranger)
    assert client.get(preview).status_code == 403
    login(client, organiser)
    manage_page = client.get(f"/manage/events/{event.slug}/").text
    assert f'href="{preview}"' in manage_page
    response = client.get(preview)
    assert response.status_code == 200
    assert "Campus Data Days 2027" in response.text and "Opening keynote" in response.text
    assert "This draft is seen only by its organisers" in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert client.get(f"/events/{event.slug}/").status_code == 404  # still not public


def test_unknown_slugs_give_the_404_page(client, db):
    for url in (
        "/events/no-such-event/",
        "/series/no-such-series/",
        "/events/%00%ff/",
        "/series/%00/",
        "/events/" + "x" * 500 + "/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert 'class="error-page"' in response.text


def test_archived_event_stays_visible_with_a_note(client, db):
    event = make_event(status=EventStatus.ARCHIVED)
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "kept as an archive" in html


def test_json_ld_describes_the_event(client, db):
    series = make_series("Collaboration in Science", slug="cis")
    event = make_full_event(
        sessions=2,
        starts_at=stockholm(2026, 6, 10, 9, 0),
        ends_at=stockholm(2026, 6, 10, 17, 0),
        series=series,
        capacity=10,
        summary="Keynotes </script><script>alert(1)</script> & posters",
    )
    for _ in range(3):
        make_registration(event)
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "<script>alert(1)" not in html
    data = json_ld_of(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["description"].startswith("Keynotes </script>")
    assert data["url"] == f"http://eventapp.test/events/{event.slug}/"
    assert data["startDate"] == "2026-06-10T09:00:00+02:00"
    assert data["endDate"] == "2026-06-10T17:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Campus Flemingsberg"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Alfred Nobels allé 8",
        "addressLocality": "Huddinge",
    }
    assert [o["name"] for o in data["organizer"]] == ["Karolinska Institutet", "CCRM Nordic"]
    assert data["organizer"][0]["url"].startswith("http://eventapp.test/organisations/")
    assert data["superEvent"]["url"] == "http://eventapp.test/series/cis/"
    assert data["maximumAttendeeCapacity"] == 10
    assert data["remainingAttendeeCapacity"] == 7
    assert [s["startDate"] for s in data["subEvent"]] == [
        "2026-06-10T09:00:00+02:00",
        "2026-06-10T09:02:00+02:00",
    ]
    assert data["subEvent"][0]["performer"][0]["@type"] == "Person"


def test_json_ld_leaves_out_capacity_when_there_is_none(client, db):
    event = make_event()
    db.session.commit()
    data = json_ld_of(client.get(f"/events/{event.slug}/").text)
    assert "maximumAttendeeCapacity" not in data
    assert "remainingAttendeeCapacity" not in data
    assert "location" not in data and "subEvent" not in data


def test_open_graph_and_canonical_tags_use_absolute_urls(client, db):
    event = make_event(summary="Short presentations, keynotes and posters.")
    db.session.commit()
    page = parse_page(client.get(f"/events/{event.slug}/?lang=sv").text)
    url = f"http://eventapp.test/events/{event.slug}/"
    assert page.links["canonical"] == url
    assert page.meta["og:url"] == url
    assert page.meta["og:title"] == event.title
    assert page.meta["og:description"] == "Short presentations, keynotes and posters."
    assert page.meta["og:type"] == "website"
    assert page.meta["og:locale"] == "sv_SE"


def test_headings_are_in_order_on_the_event_page(client, db):
    event = make_full_event(sessions=4, description="# Organisers' heading\n\n## Sub\n\nText")
    make_session(event, "Talk with notes", abstract="# Notes\n\nAbstract")
    db.session.commit()
    headings = parse_page(client.get(f"/events/{event.slug}/").text).headings
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert (3, "Organisers' heading") in headings and (5, "Notes") in headings


def test_event_in_another_zone_is_shown_in_its_own_zone(client, db):
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 in New York (EST)
    event = make_event(
        starts_at=start, ends_at=start + timedelta(hours=2), timezone="America/New_York"
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert "09:00–11:00" in html and "EST" in html


def test_content_in_another_language_than_the_ui_is_marked(client, db):
    event = make_event(
        "Nya röster: Flemingsberg", language="sv", summary="En pilot i tio workshoppar."
    )
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert '<h1 id="event-title" lang="sv">' in html
    assert '<p class="lead" lang="sv">En pilot i tio workshoppar.</p>' in html
    assert 'class="event-card-title" lang="sv"' in client.get("/events/").text


def test_page_names_its_language_versions(client, db):
    event = make_event()
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    url = f"http://eventapp.test/events/{event.slug}/"
    assert f'<link rel="alternate" hreflang="sv" href="{url}?lang=sv">' in html


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(slug=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_no_slug_gives_a_server_error(client, db, slug):
    for prefix in ("/events/", "/series/"):
        response = client.get(prefix + quote(slug, safe="") + "/")
        assert response.status_code < 500, (prefix, slug)
