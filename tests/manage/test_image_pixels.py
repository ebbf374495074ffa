"""An uploaded image over the pixel budget is refused from its header, before it is decoded: a
small file can hold a picture that takes gigabytes to decode (13,000 × 13,000 pixels in 657 KB)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import ImageFile
from sqlalchemy import func, select

from eventapp.core.uploads import MAX_PIXELS
from eventapp.directory.models import Person
from tests.manage.conftest import post_form

MESSAGE = "The image has too many pixels"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def black_png(width: int, height: int) -> bytes:
    """A valid black-and-white PNG of any size; it compresses to almost nothing."""
    row = b"\0" + bytes((width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(13_000, 13_000), (8_000, 8_000)])
def test_an_image_over_the_pixel_budget_is_refused_without_decoding(
    ki_client, db, monkeypatch, size
):
    assert size[0] * size[1] > MAX_PIXELS
    payload = black_png(*size)
    assert len(payload) < 1_000_000

    def no_decoding(self):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    response = post_form(
        ki_client,
        "/manage/people/new",
        {"name": "Lena Holm", "photo": (io.BytesIO(payload), "big.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert MESSAGE in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Person)) == 0


def test_a_large_photo_within_the_budget_is_taken_and_downscaled(ki_client, db):
    response = post_form(
        ki_client,
        "/manage/people/new",
        {"name": "Lena Holm", "photo": (io.BytesIO(black_png(4000, 3000)), "camera.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
