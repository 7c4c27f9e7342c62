"""Signing staff in and out."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from desk.auth import authenticate, csrf_ok, end_session, start_session
from desk.deps import COOKIE, SessionDep, StaffWithCsrf, app_config
from desk.errors import AuthError
from desk.web import console_language, page

router = APIRouter(prefix="/desk")
LOGIN_CSRF = "desk_login_csrf"


def login_page(request: Request, failed: bool = False, status_code: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)  # double-submit: the form must echo this cookie
    response = page(
        request, "login.html", console_language(request), staff=None, failed=failed, login_csrf=token
    )
    response.status_code = status_code
    secure = app_config(request).web_secure_cookies
    response.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", secure=secure)
    return response


@router.get("/login", response_class=HTMLResponse)
def show_login(request: Request) -> HTMLResponse:
    return login_page(request)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=200)],
) -> Response:
    if not csrf_ok(request.cookies.get(LOGIN_CSRF, ""), csrf_token):
        return login_page(request, failed=True, status_code=403)
    try:
        user = authenticate(session, email, password)
    except AuthError:
        return login_page(request, failed=True, status_code=401)
    token, _ = start_session(session, user)
    session.commit()
    response = RedirectResponse("/desk/", status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=app_config(request).web_secure_cookies,
        max_age=8 * 3600,
    )
    response.delete_cookie(LOGIN_CSRF)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, staff: StaffWithCsrf) -> Response:
    end_session(session, request.cookies.get(COOKIE))
    session.commit()
    response = RedirectResponse("/desk/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
