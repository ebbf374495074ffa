"""The follow-up mail: through the outbox over real SMTP, to those who came, once each, with the
links to the survey, the materials and the certificate, in the participant's language."""

from __future__ import annotations

from datetime import timedelta

from eventapp.certificates.services import issue_certificates
from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.feedback.followup import send_followup
from eventapp.mail.sender import send_due
from eventapp.materials import services as materials
from eventapp.materials.models import Licence, MaterialKind, Visibility
from tests.builders import make_registration
from tests.feedback.conftest import make_survey
from tests.helpers.forms import page_csrf_token
from tests.mail.conftest import smtp_server  # noqa: F401  (the tests' own)


def _body(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def test_those_who_came_get_one_mail_with_survey_materials_and_certificate(
    app,
    event,
    smtp_server,  # noqa: F811
):
    smtp_server.configure(app)
    keynote, _workshop = event.sessions
    came = make_registration(event, "Åsa Öberg", email="asa@example.org",
                             checked_in_at=utcnow() - timedelta(days=1))  # fmt: skip
    make_registration(event, "Jörg Müller", email="jorg@example.org")  # did not come
    make_survey(event)
    materials.add_material(keynote, materials.MaterialData(
        kind=MaterialKind.RECORDING, title="The keynote, recorded", licence=Licence.CC_BY,
        visibility=Visibility.REGISTRANTS, url="https://play.ki.se/v/1",
    ))  # fmt: skip
    issue_certificates(event)
    db.session.commit()
    assert send_followup(event) == 1
    db.session.commit()
    assert send_followup(event) == 0  # once per person
    assert send_due() == (1, 0, 0)
    [mail] = smtp_server.messages
    assert mail["To"] == "asa@example.org"
    assert mail["Subject"] == "Thank you for coming to ATMP mini-symposium"
    body = _body(mail)
    assert f"http://eventapp.test/r/{came.secret}/feedback" in body
    assert "The keynote, recorded <https://play.ki.se/v/1>" in body
    assert f"http://eventapp.test/r/{came.secret}/certificate.pdf" in body


def test_the_mail_speaks_the_participants_language(app, event, smtp_server):  # noqa: F811
    smtp_server.configure(app)
    make_registration(event, "Åsa Öberg", language="sv", checked_in_at=utcnow())
    db.session.commit()
    send_followup(event)
    db.session.commit()
    send_due()
    [mail] = smtp_server.messages
    assert mail["Subject"].startswith("Tack för att du kom till")


def test_the_organiser_sends_it_from_the_survey_page(organiser_client, event):
    make_registration(event, checked_in_at=utcnow())
    db.session.commit()
    url = f"/manage/events/{event.slug}/feedback"
    token = page_csrf_token(organiser_client, url)
    done = organiser_client.post(
        f"{url}/followup", data={"csrf_token": token}, follow_redirects=True
    )
    assert "1 follow-up mail is on its way." in done.get_data(as_text=True)
