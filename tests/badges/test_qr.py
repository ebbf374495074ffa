"""The QR code: a short check-in URL, error correction M, decodable from PNG and SVG."""

from __future__ import annotations

import io
import random
import secrets

import qrcode
import resvg_py
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from eventapp.badges.qr import checkin_url, extract_code, qr_matrix
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from tests.badges.conftest import decode_qr, decode_qr_bytes
from tests.builders import make_registration


def test_checkin_url_carries_only_the_code_on_our_host():
    assert checkin_url("https://events.example.org/", "abc") == "https://events.example.org/c/abc"


def test_code_is_extracted_from_the_whole_url_or_given_bare():
    code = secrets.token_urlsafe(16)
    assert extract_code(code) == code
    assert extract_code(f"  https://events.example.org/c/{code}\n") == code
    assert extract_code(f"https://events.example.org/c/{code}/?utm=x#top") == code
    assert extract_code(f"/c/{code}") == code


def test_anything_else_is_not_a_code():
    for junk in ("", "   ", "short", "https://example.org/r/" + "a" * 22, "a b" * 10, "é" * 22):
        assert extract_code(junk) is None


def test_mask_choice_and_matrix_are_exactly_those_of_the_qrcode_library():
    rng = random.Random(6)
    for _ in range(25):
        payload = rng.choice(["http://eventapp.test/c/", "https://e.example/c/"]) + "".join(
            rng.choice("abcXYZ019_-") for _ in range(rng.choice([16, 22, 43, 60]))
        )
        reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        reference.add_data(payload)
        reference.make()
        assert qr_matrix(payload) == [[bool(c) for c in row] for row in reference.modules]


def test_payload_stays_small_version_4_for_a_typical_host(app):
    matrix = qr_matrix(checkin_url("https://events.example.org", secrets.token_urlsafe(16)))
    assert len(matrix) == 33  # version 4: 33 x 33 modules


def test_participant_png_decodes_to_the_checkin_url(client, event):
    registration = make_registration(event, "Åsa Öberg")
    db.session.commit()
    response = client.get(f"/r/{registration.secret}/qr.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert "no-store" in response.headers["Cache-Control"]
    results = decode_qr_bytes(response.data)
    assert results == [f"http://eventapp.test/c/{registration.checkin_code}"]


def test_participant_png_uses_error_correction_m(client, event):
    import zxingcpp

    registration = make_registration(event)
    db.session.commit()
    image = Image.open(io.BytesIO(client.get(f"/r/{registration.secret}/qr.png").data))
    (result,) = zxingcpp.read_barcodes(image.convert("L"))
    assert result.ec_level == "M"


def test_participant_svg_rendered_to_an_image_decodes_to_the_checkin_url(client, event):
    registration = make_registration(event)
    db.session.commit()
    response = client.get(f"/r/{registration.secret}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "<svg" in svg and "<image" not in svg  # vector, not an embedded bitmap
    # resvg needs a DPI to resolve the millimetre size qrcode writes.
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, dpi=96, width=400, background="#ffffff"))
    assert decode_qr(Image.open(io.BytesIO(png))) == [
        f"http://eventapp.test/c/{registration.checkin_code}"
    ]


def test_qr_of_an_unknown_link_is_404(client, event):
    assert client.get("/r/not-a-secret/qr.png").status_code == 404
    assert client.get("/r/not-a-secret/qr.svg").status_code == 404
    assert client.get("/r/not-a-secret/badge.pdf").status_code == 404


def test_cancelled_registration_has_no_qr_or_badge(client, event):
    registration = make_registration(event, status=RegistrationStatus.CANCELLED)
    db.session.commit()
    assert client.get(f"/r/{registration.secret}/qr.png").status_code == 404
    assert client.get(f"/r/{registration.secret}/badge.pdf").status_code == 404
