"""Security headers on every response, and what production says about its transport: at start,
whether cookies are Secure (they are unless ``EVENTAPP_PLAIN_HTTP`` says the site is plain
HTTP), and once, when a request reaches the app directly instead of through the reverse proxy
(slow clients then hold gunicorn's sync workers: four slow sockets blocked two for 40 s).
"""

from __future__ import annotations

import ipaddress
import logging

from flask import Flask, current_app, request
from flask.blueprints import BlueprintSetupState
from flask.wrappers import Response

from eventapp.core.blueprint import bp

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def framable_policy(ancestors: str) -> str:
    """Our policy, except that the sites in ``ancestors`` ("*" or origins) may frame the page;
    our own pages always may (the back office previews what other sites will show)."""
    allowed = ancestors.split()
    sources = "*" if "*" in allowed else " ".join(["'self'", *allowed])
    return CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", f"frame-ancestors {sources}")


@bp.after_app_request
def security_headers(response: Response) -> Response:
    """CSP without inline scripts, no sniffing, no framing, a modest referrer.

    A view that may be framed (the embeddable programme) sets its own policy, whose
    ``frame-ancestors`` names who may; X-Frame-Options (all or nothing) is then left out."""
    headers = response.headers
    framed = "Content-Security-Policy" in headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if not framed:
        headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure or current_app.config.get("HTTPS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


@bp.record_once
def announce_transport(state: BlueprintSetupState) -> None:
    """Say at start, in production, whether cookies are Secure and HSTS is sent."""
    app: Flask = state.app
    if app.config.get("ENV_NAME") != "production":
        return
    if app.config.get("HTTPS"):
        log.info("Production over HTTPS: Secure cookies and HSTS (EVENTAPP_PLAIN_HTTP=1 to drop).")
    else:
        log.warning(
            "EVENTAPP_PLAIN_HTTP is set: the site is served over plain HTTP, so session cookies"
            " are not Secure and no HSTS is sent; anyone on the network can read them."
        )
    app.extensions["eventapp.direct_warning"] = False


@bp.before_app_request
def warn_when_reached_directly() -> None:
    """Log once per process when production is reached without the reverse proxy in front."""
    app = current_app
    if app.extensions.get("eventapp.direct_warning", True):
        return  # not production, or said already
    if app.config.get("PROXY_FIX", 0):
        direct = "X-Forwarded-For" not in request.headers
    else:
        direct = not _is_loopback(request.remote_addr)
    if direct:
        app.extensions["eventapp.direct_warning"] = True
        log.warning(
            "A request from %s reached the app directly: put the reverse proxy of "
            "docs/deploy.md in front (slow clients hold sync workers) and set EVENTAPP_PROXY_FIX.",
            request.remote_addr,
        )


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False
