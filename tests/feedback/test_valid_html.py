"""The after-event pages are valid HTML (the Nu HTML checker), their SVG charts included."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import pytest

from eventapp.certificates.services import certificate_of, issue_certificates
from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.feedback import services
from eventapp.feedback.services import AnswerValue
from eventapp.materials import services as materials
from eventapp.materials.models import Licence, MaterialKind, Visibility
from tests.builders import make_registration
from tests.feedback.conftest import make_survey
from tests.helpers.tools import VNU_JAR


@pytest.mark.needs("java", "vnu-jar")
def test_the_after_event_pages_pass_the_nu_html_checker(organiser_client, event, tmp_path):
    survey = make_survey(event)
    registration = make_registration(
        event, "Åsa Öberg", checked_in_at=utcnow() - timedelta(hours=30)
    )
    rating, text = survey.questions[0], survey.questions[3]
    services.submit_answers(
        registration, survey, {rating.id: AnswerValue(rating=4), text.id: AnswerValue(text="Ok")}
    )
    keynote, _workshop = event.sessions
    materials.add_material(keynote, materials.MaterialData(
        kind=MaterialKind.RECORDING, title="Recording", licence=Licence.CC_BY,
        visibility=Visibility.PUBLIC, url="https://play.ki.se/v/1"))  # fmt: skip
    link = materials.speaker_link(keynote)
    issue_certificates(event)
    db.session.commit()
    code = certificate_of(registration).code
    manage = f"/manage/events/{event.slug}"
    pages = [
        f"{manage}/feedback", f"{manage}/feedback/results", f"{manage}/certificates",
        f"{manage}/report", f"{manage}/materials",
        f"/r/{registration.secret}/", f"/r/{registration.secret}/feedback",
        f"/certificates/{code}", f"/m/{link.secret}/", f"/events/{event.slug}/",
    ]  # fmt: skip
    for n, path in enumerate(pages):
        response = organiser_client.get(path)
        assert response.status_code == 200, path
        (tmp_path / f"page{n}.html").write_bytes(response.data)
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
         *sorted(str(p) for p in tmp_path.glob("*.html"))],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    errors = [
        f"{pages[int(m['url'].rsplit('page', 1)[1].split('.')[0])]}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(run.stdout)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
