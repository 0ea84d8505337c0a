"""Password hashing with Argon2id; only the hash is ever stored."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def warm_up() -> None:
    """Import Argon2 and build the hasher now rather than at the first check."""
    _hasher()


def hash_password(secret: str) -> str:
    """An Argon2id hash of `secret`, salted."""
    hashed: str = _hasher().hash(secret)
    return hashed


def verify_password(stored_hash: str | None, secret: str) -> bool:
    """True when `secret` matches `stored_hash`; False for any mismatch or unusable hash."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    if not stored_hash:
        return False
    try:
        return bool(_hasher().verify(stored_hash, secret))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
