"""Submitting without an account: the form, its refusals (nothing stored), the private link,
the confirmation e-mail in the submitter's language, editing, reordering, withdrawing."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO

from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from eventapp.contributions import services
from eventapp.contributions.models import ContributionKind, Submission, SubmissionStatus
from eventapp.core.timefmt import zone
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.sender import send_due
from tests.helpers.forms import form_values, submit

SUBMIT = "/events/cis/call/submit"


def a_pdf() -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Poster")
    page.save()
    return buffer.getvalue()


def fields(**overrides) -> dict:
    values = {
        "email": "Asa@Example.org",
        "title": "NK cells against solid tumours",
        "kind": "talk",
        "abstract": "Natural killer cells recognise stressed cells.",
        "authors-0-name": "Åsa Öberg",
        "authors-0-affiliation": "Karolinska Institutet",
        "authors-0-presenting": "y",
        "authors-0-position": "1",
        "authors-1-name": "Jörg Müller",
        "authors-1-affiliation": "KTH",
        "authors-1-position": "2",
        "consent_publish": "y",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def submissions() -> int:
    return db.session.execute(select(func.count()).select_from(Submission)).scalar_one()


def outbox() -> list[OutboxMessage]:
    return list(db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def post(client, call, **overrides):
    track = str(call.tracks[0].id)
    return submit(client, SUBMIT, **fields(track_id=track, **overrides))


def test_the_call_page_shows_the_rules_and_the_deadline_with_time_left(client, call):
    page = client.get("/events/cis/call/").get_data(as_text=True)
    assert "at most 300 words" in page and "at most 200 words" in page
    assert "Cell therapy" in page and "days left" in page
    assert "/events/cis/call/submit" in page


def test_a_submission_is_stored_with_its_authors_and_leads_to_its_private_page(
    client, call, ki_org, kth_org
):
    response = post(client, call)
    assert response.status_code == 303
    secret = response.headers["Location"].split("/c/")[1].strip("/")
    assert len(secret) >= 43  # 32 bytes from `secrets`: 256 bits
    submission = db.session.execute(select(Submission)).scalar_one()
    assert submission.email == "asa@example.org"
    assert [(a.name, a.organisation_id, a.presenting) for a in submission.authors] == [
        ("Åsa Öberg", ki_org.id, True),
        ("Jörg Müller", kth_org.id, False),  # the short name finds the directory's entry
    ]
    page = client.get(f"/c/{secret}/")
    assert page.status_code == 200 and "Jörg Müller" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"


def test_the_confirmation_goes_through_the_outbox_in_the_submitters_language(
    app, client, call, smtp_server
):
    smtp_server.configure(app)
    response = submit(client, SUBMIT + "?lang=sv", **fields(track_id=str(call.tracks[0].id)))
    assert response.status_code == 303
    [message] = outbox()
    assert message.language == "sv" and message.recipient == "asa@example.org"
    assert send_due() == (1, 0, 0)
    [mail] = smtp_server.messages
    assert "mottaget" in mail["Subject"]
    assert "/c/" in mail.get_body(("plain",)).get_content()


def test_an_abstract_over_the_word_limit_says_by_how_much_and_stores_nothing(client, call):
    response = post(client, call, kind="poster", abstract="word " * 212)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "212 words: 12 over the limit of 200 for a poster" in page
    assert submissions() == 0 and outbox() == []


def test_a_missing_presenting_author_is_refused(client, call):
    response = post(client, call, **{"authors-0-presenting": None})
    assert response.status_code == 422
    assert "Mark one author as the one who presents." in response.get_data(as_text=True)
    assert submissions() == 0


def test_a_file_that_is_not_a_pdf_is_refused_and_a_real_pdf_is_kept(client, call):
    track = str(call.tracks[0].id)
    data = form_values(client.get(SUBMIT).get_data(as_text=True), "title")
    data.update({k: [v] for k, v in fields(track_id=track).items()})
    data["file"] = (BytesIO(b"%PDF-1.4 this is not really a PDF"), "poster.pdf")
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a PDF we can read" in response.get_data(as_text=True)
    data["file"] = (BytesIO(b"GIF89a..."), "poster.pdf")
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    assert "The file is not a PDF." in response.get_data(as_text=True)
    assert submissions() == 0
    data["file"] = (BytesIO(a_pdf()), "Åsa Öberg poster.pdf")
    assert client.post(SUBMIT, data=data, content_type="multipart/form-data").status_code == 303
    submission = db.session.execute(select(Submission)).scalar_one()
    assert submission.file_path.startswith("contributions/") and "Öberg" not in submission.file_path


def _data(call, **kw) -> services.SubmissionData:
    values = dict(
        title="T",
        abstract="A short abstract.",
        kind=ContributionKind.TALK,
        authors=[services.AuthorData("Åsa Öberg", presenting=True)],
        email="a@example.org",
        track_id=call.tracks[0].id,
    )
    values.update(kw)
    return services.SubmissionData(**values)


def test_the_deadline_is_the_minute_in_the_events_zone(app, call):
    # 23:59 Stockholm on a winter day is 22:59 UTC.
    call.closes_at = datetime(2027, 1, 15, 23, 59, tzinfo=zone("Europe/Stockholm"))
    call.opens_at = call.closes_at - timedelta(days=30)
    db.session.commit()
    just_before = datetime(2027, 1, 15, 22, 58, 59, tzinfo=zone("UTC"))
    services.submit(call, _data(call), now=just_before)
    at_the_deadline = datetime(2027, 1, 15, 22, 59, tzinfo=zone("UTC"))
    try:
        services.submit(call, _data(call), now=at_the_deadline)
    except services.DomainError as error:
        assert "deadline has passed" in error.message
    else:
        raise AssertionError("a submission at the deadline was taken")
    assert submissions() == 1


def test_after_the_deadline_the_form_is_closed_and_a_post_stores_nothing(client, call):
    page = client.get(SUBMIT).get_data(as_text=True)
    call.closes_at = call.opens_at + timedelta(hours=1)
    db.session.commit()
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    data = {**fields(track_id=str(call.tracks[0].id)), "csrf_token": token}
    response = client.post(SUBMIT, data=data)
    assert response.status_code == 422
    assert "The deadline has passed" in response.get_data(as_text=True)
    assert submissions() == 0


def test_the_submitter_reorders_authors_adds_one_and_withdraws(client, call):
    response = post(client, call)
    link = response.headers["Location"]
    edit = link + "edit"
    response = submit(
        client,
        edit,
        **{
            "authors-0-position": "2",
            "authors-1-position": "1",
            "authors-2-name": "Li Wei",
            "authors-2-affiliation": "Uppsala",
            "authors-2-position": "3",
        },
    )
    assert response.status_code == 303
    submission = db.session.execute(select(Submission)).scalar_one()
    db.session.refresh(submission)
    assert [a.name for a in submission.authors] == ["Jörg Müller", "Åsa Öberg", "Li Wei"]
    assert submission.authors[1].presenting
    assert submit(client, link, **{}).status_code in (302, 303)  # the withdraw button
    db.session.refresh(submission)
    assert submission.status == SubmissionStatus.WITHDRAWN
    assert client.get(edit).status_code == 200
    assert "can no longer be changed" in client.get(edit).get_data(as_text=True)


def test_an_unknown_private_link_is_404(client, call):
    assert client.get("/c/" + "x" * 43 + "/").status_code == 404
