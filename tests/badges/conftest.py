"""Badge and check-in fixtures: two organisations, their organisers, an event, a QR reader."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
import zxingcpp
from flask import g
from PIL import Image

from eventapp.extensions import db
from tests.builders import make_event, make_organisation, make_user, stockholm
from tests.conftest import login
from tests.helpers.forms import page_csrf_token as csrf_token  # noqa: F401 (the tests' own)

ACCENTED_NAMES = (
    "Åsa Öberg",
    "Jörg Müller",
    "Élodie Señorán",
    "Łukasz Łęcki",
    "Ayşe Şahin",
    "Ñuño Ibáñez",
)


@pytest.fixture
def organisation(app):
    return make_organisation("Karolinska Institutet", short_name="KI")


@pytest.fixture
def other_organisation(app):
    return make_organisation("Region Stockholm", short_name="RS")


@pytest.fixture
def event(app, organisation):
    """A two-day symposium hosted by Karolinska Institutet."""
    event = make_event(
        "Collaboration in Science 2026",
        slug="cis-2026",
        starts_at=stockholm(2026, 6, 10, 9, 0),
        ends_at=stockholm(2026, 6, 11, 16, 0),
        organisers=[organisation],
    )
    db.session.commit()
    return event


@pytest.fixture
def other_event(app, other_organisation):
    event = make_event("Regional Health Day", slug="rhd-2026", organisers=[other_organisation])
    db.session.commit()
    return event


@pytest.fixture
def organiser(app, organisation):
    user = make_user("door@ki.se", organisations=[organisation], display_name="Door Keeper")
    db.session.commit()
    return user


@pytest.fixture
def outsider(app, other_organisation):
    """An organiser of another organisation: may not touch the event."""
    user = make_user("someone@rs.se", organisations=[other_organisation])
    db.session.commit()
    return user


def decode_qr(image: Image.Image) -> list[str]:
    """Every QR code a real decoder (zxing-cpp) finds in ``image``."""
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


def decode_qr_bytes(png: bytes) -> list[str]:
    return decode_qr(Image.open(io.BytesIO(png)))


def pdf_page_image(pdf: bytes, page: int = 0, scale: float = 3.0) -> Image.Image:
    """One page of a PDF rendered by PDFium (pure PyPI: no system package needed)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=scale).to_pil()
    finally:
        document.close()


def codes_in(urls: list[str]) -> set[str]:
    """The check-in codes of decoded ``<BASE_URL>/c/<code>`` payloads."""
    pattern = re.compile(r"^http://eventapp\.test/c/([A-Za-z0-9_-]+)$")
    return {match.group(1) for url in urls if (match := pattern.match(url))}


def sign_in(client, user=None) -> None:
    """Log ``user`` in (or out, with None) for the next requests of ``client``.

    The ``app`` fixture keeps one application context for the whole test, so Flask-Login's
    cached ``g._login_user`` of an earlier request would outlive a change of session.
    """
    if user is None:
        with client.session_transaction() as session:
            session.pop("_user_id", None)
    else:
        login(client, user)
    g.pop("_login_user", None)
