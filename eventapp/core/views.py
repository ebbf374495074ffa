"""Site-wide endpoints that belong to no capability."""

from __future__ import annotations

from flask import send_from_directory
from sqlalchemy import text

from eventapp.core.blueprint import bp
from eventapp.core.uploads import upload_root
from eventapp.extensions import csrf, db


@bp.get("/healthz")
@csrf.exempt
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return {"status": "error", "database": type(exc).__name__}, 503
    return {"status": "ok", "database": "ok"}


@bp.get("/media/<path:filename>")
def media(filename: str):
    """Uploaded images (photos, logos, covers), served from the configured upload folder."""
    return send_from_directory(upload_root(), filename, max_age=86400)
