"""What a console route needs, named once: the database session, the signed-in staff member, CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Header, HTTPException, Request
from sqlalchemy.orm import Session

from desk.auth import csrf_ok, current_session
from desk.models import StaffSession, StaffUser

COOKIE = "madoguchi_session"


class NotSignedIn(Exception):
    """Raised for a console page without a valid session; answered with the sign-in page."""


def db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(db)]


@dataclass(frozen=True)
class Staff:
    user: StaffUser
    session: StaffSession

    @property
    def csrf(self) -> str:
        return self.session.csrf_token


def signed_in(request: Request, session: SessionDep) -> Staff:
    found = current_session(session, request.cookies.get(COOKIE))
    if found is None:
        raise NotSignedIn()
    return Staff(user=found[1], session=found[0])


CurrentStaff = Annotated[Staff, Depends(signed_in)]


def checked_csrf(
    staff: CurrentStaff,
    csrf_token: Annotated[str | None, Form()] = None,
    x_csrf_token: Annotated[str | None, Header()] = None,
) -> Staff:
    """A state-changing request must carry the session's CSRF token (form field or header)."""
    if not csrf_ok(staff.csrf, csrf_token or x_csrf_token):
        raise HTTPException(403, "invalid or missing CSRF token")
    return staff


StaffWithCsrf = Annotated[Staff, Depends(checked_csrf)]


def require_supervisor(staff: StaffWithCsrf) -> Staff:
    if staff.user.role != "supervisor":
        raise HTTPException(403, "supervisors only")
    return staff


Supervisor = Annotated[Staff, Depends(require_supervisor)]
