"""Image uploads: type and size checked with Pillow, stored under ``UPLOAD_FOLDER``."""

from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


class UploadError(ValueError):
    """The upload is not an acceptable image; the message says why."""


def upload_root() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def save_image(upload: FileStorage, folder: str, max_side: int = 1600) -> str:
    """Check, downscale (keeping the aspect ratio) and store an image; return its relative path.

    Refuses files over ``MAX_UPLOAD_BYTES``, files that are not images, and image formats other
    than JPEG, PNG, WebP and GIF. The stored name is random: never the uploader's file name.
    """
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(mb)s MB.", mb=round(limit / 1048576, 1)))
    if not data:
        raise UploadError(_("The file is empty."))
    try:
        with Image.open(BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
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
