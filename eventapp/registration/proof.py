"""A self-hosted proof of work on the registration form (ALTCHA): no remote service, nothing of
the visitor leaves the site.

The form's widget fetches a challenge signed with our HMAC key, finds the counter whose PBKDF2
key starts with the wanted prefix (a fraction of a second in a browser's Web Crypto, spread over
workers) and posts it with the form. Each registration then costs a script as much CPU, every
time: a challenge is spent once (``SpentChallenge``, in the database so every worker agrees and
the embedded SQLite default needs no Redis). Without JavaScript there is no solution to send:
the registration is still taken, but held until its address is confirmed (registration/holds.py)
whatever the event's setting, so a script that skips the work only gets places that lapse.
``EVENTAPP_ALTCHA=0`` turns the check off (load tests, benchmarks of the bare form).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import altcha
from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.registration.models import SpentChallenge

ALGORITHM = "PBKDF2/SHA-256"
#: How long a challenge may be solved and posted: the time to fill in the form, and some.
CHALLENGE_LIFETIME = timedelta(minutes=20)
#: A payload is a few hundred bytes; anything far larger is not one.
MAX_PAYLOAD = 4000


class Proof(StrEnum):
    OFF = "off"  # the check is turned off (EVENTAPP_ALTCHA=0)
    SOLVED = "solved"  # a fresh challenge of ours, solved
    MISSING = "missing"  # no solution sent: JavaScript off (or a script)
    REFUSED = "refused"  # forged, expired, wrong or already used


def enabled() -> bool:
    """Whether registrations ask for the proof of work (``EVENTAPP_ALTCHA``, on by default)."""
    return bool(current_app.config.get("ALTCHA", True))


def _key() -> str:
    """The HMAC key of the challenges: ``EVENTAPP_ALTCHA_HMAC_KEY``, else one derived from the
    secret key (so a deployment needs no extra secret, and the two never coincide)."""
    configured = current_app.config.get("ALTCHA_HMAC_KEY")
    if configured:
        return str(configured)
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"eventapp altcha", hashlib.sha256).hexdigest()


def new_challenge() -> dict[str, Any]:
    """A fresh signed challenge, as the widget fetches it."""
    expires = datetime.now(UTC) + CHALLENGE_LIFETIME
    challenge = altcha.create_challenge(
        ALGORITHM,
        int(current_app.config.get("ALTCHA_COST", 2000)),
        hmac_secret=_key(),
        expires_at=int(expires.timestamp()),
    )
    return challenge.to_dict()


def check(payload: str | None) -> Proof:
    """What the posted ``altcha`` field proves; a solved challenge is spent (committed) here."""
    if not enabled():
        return Proof.OFF
    if not payload:
        return Proof.MISSING
    if len(payload) > MAX_PAYLOAD:
        return Proof.REFUSED
    try:
        result = altcha.verify_solution(payload, _key())
        parsed = altcha.Payload.from_base64(payload)
    except Exception:  # noqa: BLE001 - the payload is the visitor's: any malformation is a no
        return Proof.REFUSED
    if not result.verified or not parsed.challenge.signature:
        return Proof.REFUSED
    expires = parsed.challenge.parameters.expires_at
    return Proof.SOLVED if _spend(parsed.challenge.signature, expires) else Proof.REFUSED


def _spend(signature: str, expires_at: int | None) -> bool:
    """Record the challenge as used; False when it already was (a replay)."""
    now = utcnow()
    until = datetime.fromtimestamp(expires_at, UTC) if expires_at else now + CHALLENGE_LIFETIME
    db.session.execute(delete(SpentChallenge).where(SpentChallenge.expires_at < now))
    db.session.add(SpentChallenge(signature=signature[:128], expires_at=until))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True
