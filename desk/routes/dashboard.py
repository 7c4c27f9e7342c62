"""The dashboard: open cases by type and status, overdue cases, time to first response."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from desk.case_views import dashboard
from desk.deps import CurrentStaff, SessionDep
from desk.web import console_language, page

router = APIRouter(prefix="/desk")


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, staff: CurrentStaff) -> HTMLResponse:
    lang = console_language(request, staff.user.language)
    return page(request, "dashboard.html", lang, staff=staff, board=dashboard(session, dt.date.today()))
