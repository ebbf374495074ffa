"""The public verification page of a certificate, and the participant's own download."""

from __future__ import annotations

from flask import abort, current_app, render_template

from eventapp.certificates import services
from eventapp.certificates.blueprint import bp
from eventapp.certificates.pdf import render_certificates
from eventapp.certificates.texts import certificate_texts
from eventapp.core.spreadsheets import download
from eventapp.core.uploads import upload_root
from eventapp.registration.services import get_by_secret


@bp.get("/certificates/<code>")
def verify(code: str):
    """Whether a certificate is genuine: the event, its organisers, when it was issued; nothing
    about the person it was issued to."""
    certificate = services.by_code(code)
    if certificate is None:
        page = render_template("certificates/verify.html", certificate=None, code=code[:64])
        return page, 404
    return render_template(
        "certificates/verify.html", certificate=certificate, event=certificate.event
    )


def certificates_pdf(event, template, certificates) -> bytes:
    """The PDF of ``certificates`` (one page each), as the event's template shapes them."""
    texts = certificate_texts(
        event,
        template,
        certificates,
        base_url=current_app.config["BASE_URL"],
        upload_root=upload_root(),
    )
    return render_certificates(
        texts, landscape_page=template.landscape, title=f"Certificates – {event.title}"
    )


@bp.get("/r/<secret>/certificate.pdf")
def participant_certificate(secret: str):
    """The participant's certificate of attendance (404 until one is issued to them)."""
    registration = get_by_secret(secret)
    certificate = services.certificate_of(registration)
    if certificate is None or not services.is_eligible(registration):
        abort(404)
    event = registration.event
    pdf = certificates_pdf(event, services.template_of(event), [certificate])
    response = download(pdf, "certificate.pdf", "application/pdf")
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
