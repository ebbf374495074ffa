"""A submission's PDF: checked to really be a PDF (its magic bytes, then parsed with pypdf),
size-limited, stored under a random name."""

from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from eventapp.core.errors import DomainError

PDF_MAGIC = b"%PDF-"


def check_pdf(data: bytes, limit: int) -> None:
    """Refuse an empty file, one over ``limit`` bytes, and anything that is not a readable PDF."""
    if not data:
        raise DomainError(_("The file is empty."), "file")
    if len(data) > limit:
        raise DomainError(
            _("The file is larger than %(mb)s MB.", mb=round(limit / 1048576, 1)), "file"
        )
    if not data[:1024].lstrip().startswith(PDF_MAGIC):
        raise DomainError(_("The file is not a PDF."), "file")
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted or len(reader.pages) < 1:
            raise DomainError(_("The PDF cannot be opened: send one without a password."), "file")
    except DomainError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise DomainError(_("The file is not a PDF we can read."), "file") from None


def store_pdf(data: bytes, folder: str = "contributions") -> str:
    """Store a checked PDF; returns its path under the upload folder (never the uploader's
    file name, which may name an author)."""
    relative = f"{folder}/{secrets.token_hex(16)}.pdf"
    target = Path(current_app.config["UPLOAD_FOLDER"]) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative


def pdf_path(relative: str) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / relative
