"""The chat queue and a live conversation, for staff."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from desk.auth import staff_names
from desk.conversation_service import ConversationService
from desk.deps import (
    CaseServiceDep,
    ConversationServiceDep,
    CurrentStaff,
    GatewayDep,
    SessionDep,
    Staff,
    StaffWithCsrf,
)
from desk.errors import ConversationError, RasaUnavailable
from desk.gateway import Gateway, as_json
from desk.models import Conversation, ConversationState, StaffUser
from desk.web import console_language, page

log = logging.getLogger(__name__)
router = APIRouter(prefix="/desk")


def _conversation(conversations: ConversationService, conversation_id: str) -> Conversation:
    conversation = conversations.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, "no such conversation")
    return conversation


def _change_hands(
    change: Callable[[Conversation, StaffUser], None],
    conversations: ConversationService,
    conversation_id: str,
    staff: Staff,
    session: SessionDep,
    gateway: Gateway,
) -> None:
    """Take or hand back: the change (409 if its state forbids it), committed, then every view woken."""
    try:
        change(_conversation(conversations, conversation_id), staff.user)
    except ConversationError as exc:
        raise HTTPException(409, str(exc)) from None
    session.commit()
    gateway.hub.notify(conversation_id)


@router.get("/queue", response_class=HTMLResponse)
def queue_page(
    request: Request, session: SessionDep, staff: CurrentStaff, conversations: ConversationServiceDep
) -> HTMLResponse:
    lang = console_language(request, staff.user.language)
    rows = queue_rows(conversations, staff_names(session))
    return page(request, "queue.html", lang, staff=staff, rows=rows)


@router.get("/api/queue")
def queue_api(
    session: SessionDep, staff: CurrentStaff, conversations: ConversationServiceDep
) -> list[dict[str, Any]]:
    return queue_rows(conversations, staff_names(session))


def queue_rows(conversations: ConversationService, names: dict[int, str]) -> list[dict[str, Any]]:
    """The queue as its page draws it and its live refresh (`/desk/api/queue`) compares it."""
    return [
        {
            "id": conversation.id,
            "state": conversation.state,
            "reason": conversation.reason,
            "language": conversation.language,
            "profile": conversation.profile_id,
            "since": (conversation.escalated_at or conversation.created_at).isoformat(),
            "assignee": names.get(conversation.assignee_id) if conversation.assignee_id else None,
        }
        for conversation in conversations.queue()
    ]


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def conversation_page(
    request: Request,
    conversation_id: str,
    staff: CurrentStaff,
    conversations: ConversationServiceDep,
    cases: CaseServiceDep,
) -> HTMLResponse:
    conversation = _conversation(conversations, conversation_id)
    lang = console_language(request, staff.user.language)
    return page(
        request,
        "conversation.html",
        lang,
        staff=staff,
        conversation=conversation,
        messages=[as_json(m) for m in conversations.after(conversation_id, 0)],
        cases=cases.for_conversation(conversation_id),
    )


@router.get("/api/conversations/{conversation_id}/messages")
def conversation_messages(
    conversation_id: str,
    staff: CurrentStaff,
    conversations: ConversationServiceDep,
    after: int = Query(0, ge=0),
) -> dict[str, Any]:
    conversation = _conversation(conversations, conversation_id)
    return {
        "state": conversation.state,
        "messages": [as_json(m) for m in conversations.after(conversation_id, after)],
    }


@router.post("/conversations/{conversation_id}/take")
def take(
    conversation_id: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    conversations: ConversationServiceDep,
    gateway: GatewayDep,
) -> Response:
    _change_hands(conversations.take, conversations, conversation_id, staff, session, gateway)
    return RedirectResponse(f"/desk/conversations/{conversation_id}", status_code=303)


@router.post("/conversations/{conversation_id}/messages")
async def staff_says(
    request: Request,
    conversation_id: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    conversations: ConversationServiceDep,
    gateway: GatewayDep,
    text: Annotated[str, Form(min_length=1, max_length=4000)],
) -> Response:
    conversation = _conversation(conversations, conversation_id)
    if conversation.state != ConversationState.STAFF or conversation.assignee_id != staff.user.id:
        raise HTTPException(409, "take the conversation first")
    conversations.add(conversation, "staff", text, staff=staff.user)
    session.commit()
    gateway.hub.notify(conversation_id)
    try:
        await gateway.relay.record_staff_line(conversation_id, text)
    except RasaUnavailable:  # the transcript has it; the bot's memory misses one line
        log.warning("chat %s: staff line not recorded in the assistant", conversation_id)
    if request.headers.get("accept") == "application/json":
        return Response(status_code=204)
    return RedirectResponse(f"/desk/conversations/{conversation_id}", status_code=303)


@router.post("/conversations/{conversation_id}/hand-back")
async def hand_back(
    conversation_id: str,
    session: SessionDep,
    staff: StaffWithCsrf,
    conversations: ConversationServiceDep,
    gateway: GatewayDep,
) -> Response:
    _change_hands(conversations.hand_back, conversations, conversation_id, staff, session, gateway)
    try:
        await gateway.relay.resume(conversation_id)
    except RasaUnavailable:  # the next customer message will find the bot paused; staff see this in the log
        log.warning("chat %s: the assistant could not be resumed", conversation_id)
    return RedirectResponse("/desk/queue", status_code=303)
