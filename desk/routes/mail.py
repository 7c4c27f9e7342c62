"""Held mail in the console: the queue of messages waiting for a person, one message, settling it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from desk.deps import ConfigDep, CurrentStaff, HeldMailDep, SessionDep, StaffWithCsrf
from desk.errors import HeldMailError
from desk.held_mail import REQUEST_TYPES, HeldMail, HeldView
from desk.web import console_language, page
from responses.profiles import load_profile

router = APIRouter(prefix="/desk")


def _held(mail: HeldMail, inbound_id: int) -> HeldView:
    held = mail.get(inbound_id)
    if held is None:
        raise HTTPException(404, "no such held message")
    return held


def _conflict(exc: HeldMailError) -> HTTPException:
    return HTTPException(409, str(exc))


@router.get("/mail", response_class=HTMLResponse)
def held_list(
    request: Request, mail: HeldMailDep, staff: CurrentStaff, settled: bool = False
) -> HTMLResponse:
    lang = console_language(request, staff.user.language)
    held = mail.list(waiting_only=not settled)
    return page(request, "held_mail.html", lang, staff=staff, held=held, settled=settled)


@router.get("/mail/{inbound_id}", response_class=HTMLResponse)
def held_message(request: Request, inbound_id: int, mail: HeldMailDep, staff: CurrentStaff) -> HTMLResponse:
    lang = console_language(request, staff.user.language)
    return page(
        request,
        "held_message.html",
        lang,
        staff=staff,
        held=_held(mail, inbound_id),
        request_types=REQUEST_TYPES,
    )


@router.post("/mail/{inbound_id}/attach")
def attach(
    inbound_id: int,
    session: SessionDep,
    mail: HeldMailDep,
    staff: StaffWithCsrf,
    reference: Annotated[str, Form(min_length=1, max_length=20)],
) -> Response:
    try:
        case = mail.attach(_held(mail, inbound_id), reference, staff.user)
    except HeldMailError as exc:
        raise _conflict(exc) from None
    session.commit()
    return RedirectResponse(f"/desk/cases/{case.reference}", status_code=303)


@router.post("/mail/{inbound_id}/open-case")
def open_case(
    inbound_id: int,
    session: SessionDep,
    mail: HeldMailDep,
    config: ConfigDep,
    staff: StaffWithCsrf,
    request_type: Annotated[str, Form(max_length=40)],
) -> Response:
    profile = load_profile(config.profile)
    try:
        case = mail.open_case(_held(mail, inbound_id), request_type, profile, config.mail_from, staff.user)
    except HeldMailError as exc:
        raise _conflict(exc) from None
    session.commit()
    return RedirectResponse(f"/desk/cases/{case.reference}", status_code=303)


@router.post("/mail/{inbound_id}/retry")
def retry(inbound_id: int, session: SessionDep, mail: HeldMailDep, staff: StaffWithCsrf) -> Response:
    try:
        mail.retry(_held(mail, inbound_id), staff.user)
    except HeldMailError as exc:
        raise _conflict(exc) from None
    session.commit()
    return RedirectResponse("/desk/mail", status_code=303)


@router.post("/mail/{inbound_id}/close")
def close(
    inbound_id: int,
    session: SessionDep,
    mail: HeldMailDep,
    staff: StaffWithCsrf,
    note: Annotated[str, Form(min_length=1, max_length=2000)],
) -> Response:
    try:
        mail.close(_held(mail, inbound_id), note, staff.user)
    except HeldMailError as exc:
        raise _conflict(exc) from None
    session.commit()
    return RedirectResponse("/desk/mail", status_code=303)
