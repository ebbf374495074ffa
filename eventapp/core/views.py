"""Site-wide endpoints that belong to no capability."""

from __future__ import annotations

import redis
from flask import current_app, send_from_directory
from sqlalchemy import text

from eventapp.core.blueprint import bp
from eventapp.core.uploads import upload_root
from eventapp.extensions import csrf, db


@bp.get("/healthz")
@csrf.exempt
def healthz():
    """For load balancers and people: what is down. 503 when the database does not answer
    (nothing works without it); 200 "degraded" when only Redis does not (limits and the page
    cache fall back to each process)."""
    report = {"database": _database_state(), "redis": _redis_state()}
    if report["database"] != "ok":
        return {"status": "error", **report}, 503
    return {"status": "degraded" if report["redis"] == "down" else "ok", **report}


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001, S110 - the connection is already gone
            pass
        return "down"
    return "ok"


def _redis_state() -> str:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "not configured"
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    finally:
        client.close()
    return "ok"


@bp.get("/favicon.ico")
def favicon():
    """The icon browsers and feed readers ask for at the root whatever a page links."""
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)


@bp.get("/media/<path:filename>")
def media(filename: str):
    """Uploaded images (photos, logos, covers), served from the configured upload folder."""
    return send_from_directory(upload_root(), filename, max_age=86400)
