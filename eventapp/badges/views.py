"""The participant's own QR code and badge, reached through their private link."""

from __future__ import annotations

from flask import Response, current_app

from eventapp.badges import services
from eventapp.badges.blueprint import bp
from eventapp.badges.layouts import A6_SINGLE
from eventapp.badges.pdf import render_badges
from eventapp.badges.qr import checkin_url, qr_png, qr_svg
from eventapp.core.i18n import current_language

PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def pdf_response(pdf: bytes, filename: str, *, download: bool = False) -> Response:
    """A PDF answer that no cache keeps and no search engine indexes."""
    disposition = "attachment" if download else "inline"
    headers = {**PRIVATE, "Content-Disposition": f'{disposition}; filename="{filename}"'}
    return Response(pdf, mimetype="application/pdf", headers=headers)


@bp.get("/r/<secret>/qr.svg")
def participant_qr_svg(secret: str):
    """The participant's check-in QR code as SVG."""
    registration = services.badge_registration(secret)
    payload = checkin_url(current_app.config["BASE_URL"], registration.checkin_code)
    return Response(qr_svg(payload), mimetype="image/svg+xml", headers=PRIVATE)


@bp.get("/r/<secret>/qr.png")
def participant_qr_png(secret: str):
    """The participant's check-in QR code as PNG."""
    registration = services.badge_registration(secret)
    payload = checkin_url(current_app.config["BASE_URL"], registration.checkin_code)
    return Response(qr_png(payload), mimetype="image/png", headers=PRIVATE)


@bp.get("/r/<secret>/badge.pdf")
def participant_badge(secret: str):
    """The participant's own badge, A6."""
    registration = services.badge_registration(secret)
    pdf = render_badges(
        registration.event,
        [registration],
        A6_SINGLE,
        base_url=current_app.config["BASE_URL"],
        labels=services.category_labels(),
        locale=current_language(),
    )
    return pdf_response(pdf, f"badge-{registration.event.slug}.pdf")
