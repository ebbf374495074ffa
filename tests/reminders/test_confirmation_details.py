"""The confirmation says when (day and hours, with the zone), the street address and a map
link, in both parts, and comes from the organisers with replies to the contact person."""

from __future__ import annotations

from eventapp.core.timefmt import zone_abbreviation
from eventapp.extensions import db
from eventapp.mail.sender import send_due
from eventapp.registration import services
from eventapp.registration.services import RegistrationData


def test_the_confirmation_has_hours_address_and_map_link(app, event, smtp_server):
    smtp_server.configure(app)
    services.register_participant(event, RegistrationData("Carin Dahlberg", "carin@example.org"))
    db.session.commit()
    assert send_due() == (1, 0, 0)
    [message] = smtp_server.messages
    assert message["Reply-To"] == "eva.lind@ki.example.org"
    assert message["From"] == "Karolinska Institutet <events@eventapp.test>"
    for part in (message.get_body(("plain",)), message.get_body(("html",))):
        content = part.get_content().replace("&amp;", "&")
        assert f"09:00–17:00 {zone_abbreviation(event.starts_at, event.timezone)}" in content
        assert "Nobels väg 6, Solna" in content
        assert "https://www.openstreetmap.org/?mlat=59.348000&mlon=18.026700" in content
