"""/people/<slug>/: who someone is, where they speak, which agreements they are contact for."""

from __future__ import annotations

from eventapp.core.types import EventStatus, SessionKind, SessionStatus, SpeakerRole
from tests.builders import make_event, make_person, make_session


def test_person_page_shows_name_title_role_affiliation_and_bio(client, memo, db):
    make_person(
        "Carin Dahlberg",
        slug="carin-dahlberg",
        title="Dr",
        role_text="Scientific coordinator NextGenNK",
        affiliation=memo.ki,
        bio="Coordinates the NextGenNK centre.",
        photo_path="people/carin.jpg",
    )
    db.session.commit()
    html = client.get("/people/carin-dahlberg/").get_data(as_text=True)
    assert "<h1>Dr Carin Dahlberg</h1>" in html
    assert "Scientific coordinator NextGenNK" in html
    assert 'href="/organisations/ki/"' in html
    assert "Coordinates the NextGenNK centre." in html
    assert 'src="/media/people/carin.jpg"' in html


def test_person_page_uses_free_text_affiliation_when_no_organisation(client, db):
    make_person("Guest", slug="guest", affiliation_text="Luleå University of Technology")
    db.session.commit()
    assert "Luleå University of Technology" in client.get("/people/guest/").get_data(as_text=True)


def test_person_page_lists_sessions_at_public_events_with_links(client, db):
    malin = make_person("Malin Lindberg", slug="malin", title="Prof.")
    days = make_event("Innovation and Collaboration Days", slug="icd-2025")
    make_session(days, "Keynote on innovation", kind=SessionKind.KEYNOTE, speakers=[malin])
    panel = make_session(
        days, "Panel on collaboration", speakers=[malin], speaker_role=SpeakerRole.MODERATOR
    )
    panel.status = SessionStatus.CANCELLED
    draft = make_event("Draft day", status=EventStatus.DRAFT)
    make_session(draft, "Hidden talk", speakers=[malin])
    db.session.commit()
    html = client.get("/people/malin/").get_data(as_text=True)
    assert "Keynote on innovation" in html and 'href="/events/icd-2025/"' in html
    assert "Moderator ·" in html and "session-cancelled" in html
    assert "Hidden talk" not in html and "Draft day" not in html


def test_person_page_lists_agreements_they_are_contact_for(client, memo):
    html = client.get("/people/pia-hasselrot/").get_data(as_text=True)
    assert "Contact person for" in html
    assert "Högskolerådet" in html and "ULF agreement with Södertörns högskola" in html
    assert "Konstfack" not in html


def test_unknown_person_is_404(client, memo):
    assert client.get("/people/nobody/").status_code == 404
