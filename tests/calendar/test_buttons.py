"""Add-to-calendar buttons and the subscribe page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from flask import render_template_string

from eventapp.calendar.links import event_calendar_links
from eventapp.events.timetable_rows import timetable_row_days, timetable_rows
from tests.builders import make_organisation, make_registration, make_series


def _render(app, template: str, **context) -> str:
    with app.test_request_context("/"):
        return render_template_string(template, **context)


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_event_buttons_offer_ics_google_outlook_and_subscription(app, symposium):
    event, *_ = symposium
    html = _render(app, '{% include "calendar/_event_buttons.html" %}', event=event)
    slug = event.slug
    assert f'href="/events/{slug}/calendar.ics?download=1"' in html
    assert f'href="webcal://eventapp.test/events/{slug}/calendar.ics"' in html
    assert f'value="http://eventapp.test/events/{slug}/calendar.ics"' in html
    with app.test_request_context("/"):
        cal = event_calendar_links(event)
    google = _query(cal.google)
    assert cal.google.startswith("https://calendar.google.com/calendar/render?")
    assert google["action"] == "TEMPLATE"
    assert google["text"] == "ATMP mini-symposium"
    assert google["dates"] == "20270122T110000Z/20270122T160000Z"  # 12:00–17:00 CET in UTC
    assert "Alfred Nobels allé 8" in google["location"]
    outlook = _query(cal.outlook)
    assert cal.outlook.startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert (outlook["startdt"], outlook["enddt"]) == (
        "2027-01-22T11:00:00Z",
        "2027-01-22T16:00:00Z",
    )
    assert _query(cal.office365)["subject"] == "ATMP mini-symposium"
    assert cal.google.replace("&", "&amp;") in html


def test_a_rows_calendar_is_one_link_and_sends_no_query(app, db, symposium, count_queries):
    event, keynote, _panel = symposium
    with app.test_request_context(f"/events/{event.slug}/"):
        rows = timetable_rows(event)
        days = timetable_row_days(event, rows)
        with count_queries() as queries:
            html = render_template_string(
                '{% from "events/_timetable.html" import timetable_day %}'
                "{% for day in days %}{{ timetable_day(day, tz) }}{% endfor %}",
                days=days,
                tz=event.timezone,
            )
    assert queries.count == 0
    row = re.search(rf'<li id="session-{keynote.id}">.*?\n</li>', html, re.S).group(0)
    # The .ics works without JavaScript (relative to the event page it sits on);
    # static/js/calendar.js makes it the menu with the web calendars' links, built from the
    # row's <time datetime>s, its room and the event's data-session-* attributes.
    link = re.search(r'<a class="session-ics"[^>]*>([^<]*)</a>', row)
    assert link.group(1) == "Add to your calendar"
    assert f'href="calendar.ics?session={keynote.id}&amp;download=1"' in link.group(0)
    assert urljoin(f"/events/{event.slug}/", f"calendar.ics?session={keynote.id}") == (
        f"/events/{event.slug}/calendar.ics?session={keynote.id}"
    )
    assert f'aria-describedby="session-{keynote.id}-title"' in link.group(0)
    assert f'data-room="{keynote.room.name}"' in link.group(0)
    assert "data-start" not in row and "data-end" not in row


def test_event_buttons_give_the_rows_what_their_web_links_need(app, symposium):
    event, *_ = symposium
    html = _render(app, '{% include "calendar/_event_buttons.html" %}', event=event)
    assert f'data-session-event="{event.title}"' in html
    assert f'data-session-page="http://eventapp.test/events/{event.slug}/"' in html
    location = "Karolinska Institutet, Campus Flemingsberg, Alfred Nobels allé 8, Huddinge"
    assert f'data-session-location="{location}"' in html
    assert 'data-session-google="Google Calendar"' in html
    assert 'data-session-office365="Outlook (Microsoft 365)"' in html


def test_series_organisation_and_registration_buttons_point_at_their_feeds(app, db, symposium):
    event, *_ = symposium
    series = make_series("Collaboration in Science")
    organisation = make_organisation("Karolinska Universitetssjukhuset")
    registration = make_registration(event)
    db.session.commit()
    html = _render(app, '{% include "calendar/_series_buttons.html" %}', series=series)
    assert f'href="webcal://eventapp.test/series/{series.slug}/calendar.ics"' in html
    html = _render(app, '{% include "calendar/_organisation_buttons.html" %}', o=organisation)
    assert f'href="webcal://eventapp.test/organisations/{organisation.slug}/calendar.ics"' in html
    html = _render(
        app, '{% include "calendar/_registration_buttons.html" %}', registration=registration
    )
    assert f'href="webcal://eventapp.test/r/{registration.secret}/agenda.ics"' in html
    assert "personal" in html


def test_subscribe_page_explains_each_client_and_lists_the_site_feed(client):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for client_name in ("Google Calendar", "Outlook", "Apple Calendar", "Thunderbird"):
        assert client_name in html
    assert 'href="webcal://eventapp.test/calendar.ics"' in html
    assert 'value="http://eventapp.test/calendar.ics"' in html
    assert "<script>" not in html and "style=" not in html and " onclick" not in html


def test_public_pages_show_the_calendar_buttons(client, db, symposium):
    event, keynote, panel = symposium
    registration = make_registration(event)
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").get_data(as_text=True)
    assert f'href="webcal://eventapp.test/events/{event.slug}/calendar.ics"' in html
    for session in (keynote, panel):
        assert f"calendar.ics?session={session.id}&amp;download=1" in html
    series_page = client.get(f"/series/{event.series.slug}/").get_data(as_text=True)
    assert f"webcal://eventapp.test/series/{event.series.slug}/calendar.ics" in series_page
    organisation = event.organisers[0].organisation
    org_page = client.get(f"/organisations/{organisation.slug}/").get_data(as_text=True)
    assert f"webcal://eventapp.test/organisations/{organisation.slug}/calendar.ics" in org_page
    own_page = client.get(f"/r/{registration.secret}/").get_data(as_text=True)
    assert f"webcal://eventapp.test/r/{registration.secret}/agenda.ics" in own_page
