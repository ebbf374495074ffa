"""Image uploads: type, size and pixel count checked with Pillow, stored under ``UPLOAD_FOLDER``.

A few hundred kilobytes of PNG can describe 13,000 × 13,000 pixels, which take a worker 1.5 GB
to decode. ``Image.open`` reads only the header, so the pixel count is checked there, before
``verify`` or ``load`` touch the data; Pillow's own bomb guard is lowered to the same budget
for any other code that opens an image.
"""

from __future__ import annotations

import secrets
import warnings
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# 50 megapixels: any camera photo (a 48-megapixel phone included); decoding one takes about
# 150 MB (RGB), which a worker survives. Pillow warns above its limit and refuses above twice it.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UploadError(ValueError):
    """The upload is not an acceptable image; the message says why."""


def upload_root() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def save_image(upload: FileStorage, folder: str, max_side: int = 1600) -> str:
    """Check, downscale (keeping the aspect ratio) and store an image; return its relative path.

    Refuses files over ``MAX_UPLOAD_BYTES``, images of more than ``MAX_PIXELS`` (from the
    header, before decoding), files that are not images, and image formats other than JPEG,
    PNG, WebP and GIF. The stored name is random: never the uploader's file name.
    """
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(mb)s MB.", mb=round(limit / 1048576, 1)))
    if not data:
        raise UploadError(_("The file is empty."))
    try:
        with warnings.catch_warnings():  # over the budget is our refusal, not Pillow's warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                _check_pixels(probe.size)
                probe.verify()
        image = Image.open(BytesIO(data))
        image.load()
    except UploadError:
        raise
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadError(_("The file is not an image we can read.")) from None
    extension = ALLOWED_FORMATS.get(image.format or "")
    if extension is None:
        raise UploadError(_("Use a JPEG, PNG, WebP or GIF image."))
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side))
    if extension == "jpg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    relative = f"{folder}/{secrets.token_hex(16)}.{extension}"
    target = upload_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, format=image.format or "PNG")
    return relative


def _check_pixels(size: tuple[int, int]) -> None:
    if size[0] * size[1] > MAX_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> UploadError:
    return UploadError(
        _(
            "The image has too many pixels (at most %(megapixels)s million): make it smaller.",
            megapixels=MAX_PIXELS // 1_000_000,
        )
    )
