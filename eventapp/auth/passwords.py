"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app, has_app_context

_hasher = PasswordHasher()
# Under TESTING, Argon2id with little memory and one pass: the suite hashes hundreds of
# passwords. Verification reads the parameters from the hash, so both kinds verify anywhere.
_test_hasher = PasswordHasher(
    time_cost=1, memory_cost=1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)


def _current() -> PasswordHasher:
    if has_app_context() and current_app.testing:
        return _test_hasher
    return _hasher


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` with a random salt."""
    return _current().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches; False for a wrong password or a missing/garbled hash."""
    if not password_hash:
        return False
    try:
        return _current().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _current().check_needs_rehash(password_hash)
