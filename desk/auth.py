"""Staff accounts and sessions: argon2id password hashes, expiring sessions, a CSRF token each.

Only hashes of session tokens are stored; the browser holds the token in an
HttpOnly cookie. Every state-changing request must also carry the session's
CSRF token (a form field or the X-CSRF-Token header).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from desk.errors import AuthError
from desk.models import StaffSession, StaffUser

ROLES = ("agent", "supervisor")
SESSION_LIFETIME = dt.timedelta(hours=8)
_hasher = PasswordHasher()
# Verifying against a dummy hash when the user is unknown keeps the timing the same.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    session: Session, email: str, name: str, password: str, role: str, clock: Clock = utc_now
) -> StaffUser:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 12:
        raise ValueError("a staff password needs at least 12 characters")
    user = StaffUser(
        email=email.strip().lower(),
        name=name.strip(),
        password_hash=_hasher.hash(password),
        role=role,
        active=True,
        created_at=clock(),
    )
    session.add(user)
    session.flush()
    return user


def staff_names(session: Session) -> dict[int, str]:
    """Every account's name by id, inactive ones too: they still name whom a case was assigned to."""
    return {user.id: user.name for user in session.scalars(select(StaffUser))}


def authenticate(session: Session, email: str, password: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise AuthError("sign-in failed") from None
    if user is None or not user.active:
        raise AuthError("sign-in failed")
    return user


def start_session(session: Session, user: StaffUser, clock: Clock = utc_now) -> tuple[str, StaffSession]:
    """A new session; returns the token for the cookie (never stored) and the row."""
    token = secrets.token_urlsafe(32)
    now = clock()
    row = StaffSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(row)
    session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
    return token, row


def current_session(
    session: Session, token: str | None, clock: Clock = utc_now
) -> tuple[StaffSession, StaffUser] | None:
    if not token:
        return None
    row = session.get(StaffSession, token_hash(token))
    if row is None or _aware(row.expires_at) < clock():
        return None
    user = session.get(StaffUser, row.user_id)
    return (row, user) if user is not None and user.active else None


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


def csrf_ok(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected, given)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
