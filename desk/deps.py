"""What a console route needs, named once: the session, the services on it, the signed-in staff member, CSRF.

The services are built on the request's own session (FastAPI hands every
dependency of one request the same one), so the handler's single commit
covers everything they changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Header, HTTPException, Request
from sqlalchemy.orm import Session

from cases.service import CaseService
from desk.auth import csrf_ok, current_session
from desk.config import DeskConfig
from desk.conversation_service import ConversationService
from desk.errors import NotSignedIn
from desk.gateway import Gateway
from desk.held_mail import HeldMail
from desk.models import StaffSession, StaffUser

COOKIE = "madoguchi_session"


def db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(db)]


def case_service(session: SessionDep) -> CaseService:
    return CaseService(session)


CaseServiceDep = Annotated[CaseService, Depends(case_service)]


def conversation_service(session: SessionDep) -> ConversationService:
    return ConversationService(session)


ConversationServiceDep = Annotated[ConversationService, Depends(conversation_service)]


def held_mail(session: SessionDep) -> HeldMail:
    return HeldMail(session)


HeldMailDep = Annotated[HeldMail, Depends(held_mail)]


def app_config(request: Request) -> DeskConfig:
    """The configuration the app was built with (never the process's global settings)."""
    return request.app.state.config


ConfigDep = Annotated[DeskConfig, Depends(app_config)]


def gateway(request: Request) -> Gateway:
    """The app's chat gateway: its hub wakes the widget, its relay tells Rasa."""
    return request.app.state.gateway


GatewayDep = Annotated[Gateway, Depends(gateway)]


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
