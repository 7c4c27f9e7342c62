"""Cases in the console: the list with filters and search, one case, and what staff do to it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cases.intake import mail_requester
from cases.models import Case
from cases.outbox import message_domain, new_message_id
from cases.service import CaseError, CaseFilter, CaseService
from cases.states import TRANSITIONS, Status
from cases.views import CaseView, RequesterView
from desk.auth import staff_names
from desk.case_views import identity_checklist, transcript
from desk.deps import CaseServiceDep, ConfigDep, CurrentStaff, SessionDep, StaffWithCsrf
from desk.web import console_language, page
from mail.outbox.compose import staff_reply_mail
from responses.profiles import load_profile
from responses.rendering import renderer

router = APIRouter(prefix="/desk")
PAGE_SIZE = 100


def _case(cases: CaseService, reference: str) -> Case:
    case = cases.get(reference)
    if case is None:
        raise HTTPException(404, "no such case")
    return case


@router.get("/cases", response_class=HTMLResponse)
def case_list(
    request: Request,
    session: SessionDep,
    staff: CurrentStaff,
    cases: CaseServiceDep,
    type: str = Query("", max_length=40),
    status: str = Query("", max_length=24),
    regime: str = Query("", max_length=8),
    overdue: bool = False,
    assignee: str = Query("", max_length=12),
    q: str = Query("", max_length=200),
) -> HTMLResponse:
    today = dt.date.today()
    wanted = CaseFilter(
        request_type=type,
        status=status,
        regime=regime,
        overdue_on=today if overdue else None,
        assignee_id=int(assignee) if assignee.isdigit() else None,
        text=q,
    )
    lang = console_language(request, staff.user.language)
    return page(
        request,
        "cases.html",
        lang,
        staff=staff,
        cases=cases.search(wanted, limit=PAGE_SIZE),
        filters={
            "type": type,
            "status": status,
            "regime": regime,
            "overdue": overdue,
            "assignee": assignee,
            "q": q,
        },
        statuses=[s.value for s in Status],
        staff_names=staff_names(session),
        today=today,
    )


@router.get("/cases/{reference}", response_class=HTMLResponse)
def case_page(
    request: Request,
    reference: str,
    session: SessionDep,
    staff: CurrentStaff,
    cases: CaseServiceDep,
    compose: bool = False,
) -> HTMLResponse:
    case = _case(cases, reference)
    profile = load_profile(case.profile_id)
    lang = console_language(request, staff.user.language)
    draft = None
    if compose:
        text = renderer(case.language)
        context = {"case": CaseView.of(case), "requester": RequesterView.of(case)}
        draft = {
            "subject": text.render("mail/staff_reply.subject", profile, **context),
            "body": text.render("mail/staff_reply.body", profile, **context),
        }
    return page(
        request,
        "case.html",
        lang,
        staff=staff,
        case=case,
        profile=profile,
        lines=transcript(session, case),
        events=cases.events(case),
        checklist=identity_checklist(case, profile),
        targets=sorted(TRANSITIONS[Status(case.status)]),
        draft=draft,
        assignee=staff_names(session).get(case.assignee_id) if case.assignee_id else None,
    )


def _back(reference: str) -> Response:
    return RedirectResponse(f"/desk/cases/{reference}", status_code=303)


@router.post("/cases/{reference}/status")
def change_status(
    reference: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    cases: CaseServiceDep,
    status: Annotated[str, Form(max_length=24)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    case = _case(cases, reference)
    try:
        cases.transition(case, status, f"staff:{staff.user.email}", reason or None)
    except (CaseError, ValueError):
        raise HTTPException(409, "this status change is not allowed") from None
    session.commit()
    return _back(reference)


@router.post("/cases/{reference}/extend")
def extend(
    reference: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    cases: CaseServiceDep,
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
    days: Annotated[int | None, Form(ge=1, le=365)] = None,
) -> Response:
    case = _case(cases, reference)
    try:
        cases.extend(case, f"staff:{staff.user.email}", reason, days)
    except CaseError:
        raise HTTPException(409, "the deadline cannot be extended") from None
    session.commit()
    return _back(reference)


@router.post("/cases/{reference}/assign")
def assign_to_me(
    reference: str, session: SessionDep, staff: StaffWithCsrf, cases: CaseServiceDep
) -> Response:
    case = _case(cases, reference)
    cases.assign(case, staff.user.id, f"staff:{staff.user.email}")
    session.commit()
    return _back(reference)


@router.post("/cases/{reference}/reply")
def send_reply(
    reference: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    cases: CaseServiceDep,
    config: ConfigDep,
    subject: Annotated[str, Form(min_length=1, max_length=300)],
    body: Annotated[str, Form(min_length=1, max_length=20000)],
) -> Response:
    case = _case(cases, reference)
    profile, mail_from = load_profile(case.profile_id), config.mail_from
    message_id = new_message_id(case.reference, message_domain(profile, mail_from))
    reply = staff_reply_mail(
        CaseView.of(case), RequesterView.of(case), profile, mail_from, subject, body, message_id
    )
    mail_requester(
        session, case, "staff_reply", message_id, f"staff:{staff.user.email}", raw=reply.as_bytes()
    )
    session.commit()
    return _back(reference)
