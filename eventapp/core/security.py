"""Security headers on every response."""

from __future__ import annotations

from flask import current_app, request
from flask.wrappers import Response

from eventapp.core.blueprint import bp

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
    if request.is_secure or current_app.config["BASE_URL"].startswith("https://"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response
