"""Materials: added by organisers or by the speaker through their private link, shown after the
session to whom their visibility allows, PDFs checked, links and files refused when wrong."""

from __future__ import annotations

import io
from datetime import timedelta

from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.materials import services
from eventapp.materials.models import Licence, Material, MaterialKind, Visibility
from tests.builders import make_registration, make_session
from tests.helpers.forms import page_csrf_token


def a_pdf(text: str = "Slides") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _add(session, visibility=Visibility.PUBLIC, **kw):
    data = services.MaterialData(
        kind=kw.pop("kind", MaterialKind.SLIDES),
        title=kw.pop("title", "The slides"),
        licence=Licence.CC_BY,
        visibility=visibility,
        **kw,
    )
    material = services.add_material(session, data)
    db.session.commit()
    return material


def _count() -> int:
    return db.session.execute(select(func.count()).select_from(Material)).scalar_one()


def test_the_event_page_shows_public_materials_of_sessions_that_ended(client, event):
    keynote, workshop = event.sessions
    _add(keynote, title="Keynote slides", pdf=a_pdf())
    _add(keynote, title="Recording", kind=MaterialKind.RECORDING, url="https://play.ki.se/v/1")
    _add(keynote, Visibility.REGISTRANTS, title="Participants only", pdf=a_pdf())
    _add(keynote, Visibility.ORGANISERS, title="Speaker notes", url="https://example.org/n")
    later = make_session(event, "Tomorrow's talk", starts_at=utcnow() + timedelta(days=1))
    _add(later, title="Not yet", url="https://example.org/later")
    html = client.get(f"/events/{event.slug}/").get_data(as_text=True)
    assert "Keynote slides" in html and "https://play.ki.se/v/1" in html
    assert "CC BY 4.0" in html
    for hidden in ("Participants only", "Speaker notes", "Not yet"):
        assert hidden not in html
    public = db.session.execute(select(Material).filter_by(title="Keynote slides")).scalar_one()
    pdf = client.get(f"/materials/{public.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    pdf.close()
    private = db.session.execute(select(Material).filter_by(title="Participants only")).scalar_one()
    assert client.get(f"/materials/{private.id}.pdf").status_code == 404


def test_a_registrant_sees_the_registrants_materials_on_their_page(client, event, organisation):
    keynote, _workshop = event.sessions
    material = _add(keynote, Visibility.REGISTRANTS, title="Participants only", pdf=a_pdf())
    registration = make_registration(event)
    waitlisted = make_registration(event, status="waitlisted")
    db.session.commit()
    page = client.get(f"/r/{registration.secret}/").get_data(as_text=True)
    assert "Participants only" in page
    url = f"/r/{registration.secret}/materials/{material.id}.pdf"
    assert url in page
    download = client.get(url)
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    download.close()
    assert client.get(f"/r/{waitlisted.secret}/materials/{material.id}.pdf").status_code == 404
    from tests.builders import make_event

    other = make_event("Another", organisers=[organisation])
    stranger = make_registration(other)
    db.session.commit()
    assert client.get(f"/r/{stranger.secret}/materials/{material.id}.pdf").status_code == 404


def test_the_speaker_adds_and_removes_materials_through_their_link(client, organiser_client, event):
    keynote, _workshop = event.sessions
    manage = f"/manage/events/{event.slug}/materials"
    token = page_csrf_token(organiser_client, manage)
    organiser_client.post(f"{manage}/sessions/{keynote.id}/link", data={"csrf_token": token})
    link = services.speaker_link(keynote)
    assert len(link.secret) >= 43
    assert link.secret in organiser_client.get(manage).get_data(as_text=True)
    speaker = f"/m/{link.secret}/"
    token = page_csrf_token(client, speaker)
    posted = client.post(
        speaker,
        data={
            "csrf_token": token, "kind": "poster", "title": "Our poster", "licence": "CC0-1.0",
            "visibility": "public", "file": (io.BytesIO(a_pdf()), "poster.pdf"),
        },
        content_type="multipart/form-data",
    )  # fmt: skip
    assert posted.status_code == 303
    material = db.session.execute(select(Material)).scalar_one()
    assert material.link_id == link.id and material.file_path.startswith("materials/")
    assert "Our poster" in client.get(speaker).get_data(as_text=True)
    client.post(f"{speaker}{material.id}/remove", data={"csrf_token": token})
    assert _count() == 0


def test_a_speaker_link_reaches_only_its_own_session(client, event, organiser_client):
    keynote, workshop = event.sessions
    link = services.speaker_link(keynote)
    db.session.commit()
    organisers_own = _add(workshop, title="Organiser's", url="https://example.org/x")
    token = page_csrf_token(client, f"/m/{link.secret}/")
    removed = client.post(
        f"/m/{link.secret}/{organisers_own.id}/remove", data={"csrf_token": token}
    )
    assert removed.status_code == 404 and _count() == 1
    services.revoke_link(link)
    db.session.commit()
    assert client.get(f"/m/{link.secret}/").status_code == 404
    assert client.get("/m/" + "x" * 43 + "/").status_code == 404


def test_bad_materials_are_refused_with_a_message_and_nothing_is_stored(client, event):
    keynote, _workshop = event.sessions
    link = services.speaker_link(keynote)
    db.session.commit()
    speaker = f"/m/{link.secret}/"
    cases = [
        ({"file": (io.BytesIO(b"<script>alert(1)</script>"), "x.pdf")}, "The file is not a PDF."),
        ({"url": "javascript:alert(1)"}, ""),
        ({}, "Give either a PDF file or a web address."),
        ({"url": "https://example.org/a", "file": (io.BytesIO(a_pdf()), "a.pdf")}, "Give either"),
        ({"url": "https://example.org/a", "licence": "stolen"}, "Not a valid choice"),
    ]
    for extra, message in cases:
        token = page_csrf_token(client, speaker)
        data = {"csrf_token": token, "kind": "slides", "title": "Bad", "licence": "CC-BY-4.0",
                "visibility": "public", **extra}  # fmt: skip
        response = client.post(speaker, data=data, content_type="multipart/form-data")
        assert response.status_code == 422, extra
        assert message in response.get_data(as_text=True), extra
    assert _count() == 0


def test_the_event_page_makes_the_same_queries_with_one_material_or_twenty(
    client, event, count_queries
):
    keynote, workshop = event.sessions
    _add(keynote, url="https://example.org/0")
    url = f"/events/{event.slug}/"
    client.get(url)
    db.session.expire_all()
    with count_queries() as one:
        client.get(url)
    for n in range(19):
        _add(workshop if n % 2 else keynote, url=f"https://example.org/{n + 1}")
    db.session.expire_all()
    with count_queries() as twenty:
        client.get(url)
    assert twenty.count == one.count


def test_the_event_feed_attaches_public_materials_to_their_session_entries(client, event):
    from icalendar import Calendar

    keynote, workshop = event.sessions
    pdf = _add(keynote, title="Keynote slides", pdf=a_pdf())
    _add(keynote, title="Recording", kind=MaterialKind.RECORDING, url="https://play.ki.se/v/1")
    _add(workshop, Visibility.REGISTRANTS, title="Private", url="https://example.org/private")
    feed = Calendar.from_ical(client.get(f"/events/{event.slug}/calendar.ics").data)
    by_title = {str(c["SUMMARY"]): c for c in feed.walk("VEVENT")}
    attached = by_title["Keynote: CAR-NK cells"].get("ATTACH")
    assert [str(a) for a in attached] == [
        f"http://eventapp.test/materials/{pdf.id}.pdf",
        "https://play.ki.se/v/1",
    ]
    assert attached[0].params["FMTTYPE"] == "application/pdf"
    assert "ATTACH" not in by_title["Workshop: GMP production"]
