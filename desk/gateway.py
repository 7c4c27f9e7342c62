"""The website chat gateway: the widget's API and websocket, routing each message to the bot or a person.

While the bot has a conversation, customer messages go to Rasa's REST channel;
when a bot reply carries the hand-off flag, the conversation is paused in
Rasa and joins the staff queue; while a person has it, messages go to them.
Everything is stored before it is relayed, so a dropped connection loses
nothing: the widget asks for what came after the last line it saw.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Query, Request, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from desk.conversation_service import ConversationService
from desk.errors import RasaUnavailable
from desk.hub import Hub
from desk.models import ChatMessage, ConversationState
from desk.ratelimit import RateLimit
from desk.relay import RasaRelay
from responses.profiles import available_profiles

log = logging.getLogger(__name__)

MAX_TEXT = 2000
router = APIRouter()


@dataclass
class Gateway:
    sessions: sessionmaker[Session]
    relay: RasaRelay
    hub: Hub
    default_profile: str
    per_conversation: RateLimit
    per_address: RateLimit
    new_per_address: RateLimit

    def open(self, profile: str | None, lang: str) -> dict[str, str]:
        profile_id = profile if profile in available_profiles() else self.default_profile
        with self.sessions.begin() as session:
            conversation, token = ConversationService(session).open(
                profile_id, lang if lang in ("ja", "en") else "ja"
            )
            return {"id": conversation.id, "token": token, "lang": conversation.language}

    def history(self, conversation_id: str, token: str | None, after: int) -> list[dict[str, Any]] | None:
        with self.sessions() as session:
            conversations = ConversationService(session)
            if conversations.for_customer(conversation_id, token) is None:
                return None
            return [as_json(message) for message in conversations.after(conversation_id, after)]

    async def customer_says(self, conversation_id: str, text: str, lang: str | None = None) -> None:
        """Store the line, then let the bot answer it, told the language the widget shows."""
        state, profile, lang = await run_in_threadpool(self._store_customer_line, conversation_id, text, lang)
        self.hub.notify(conversation_id)
        if state != ConversationState.BOT:
            return  # a person has it, or it waits for one: staff read it in the console
        try:
            replies = await self.relay.send(conversation_id, text, {"profile": profile, "lang": lang})
        except RasaUnavailable:
            log.warning("chat %s: the assistant did not answer", conversation_id)
            replies = [{"text": "", "custom": {"system": "assistant_unavailable"}}]
        handoff = await run_in_threadpool(self._store_bot_lines, conversation_id, replies)
        if handoff:
            try:
                await self.relay.pause(conversation_id)
            except RasaUnavailable:
                log.warning("chat %s: could not pause the assistant", conversation_id)
        self.hub.notify(conversation_id)

    def _store_customer_line(self, conversation_id: str, text: str, lang: str | None) -> tuple[str, str, str]:
        with self.sessions.begin() as session:
            conversations = ConversationService(session)
            conversation = conversations.get(conversation_id)
            conversations.add(conversation, "customer", conversations.as_shown(conversation, text))
            if lang:
                conversation.language = lang  # the customer switched the widget's language
            return conversation.state, conversation.profile_id, conversation.language

    def _store_bot_lines(self, conversation_id: str, replies: list[dict[str, Any]]) -> str | None:
        """Store what the bot said; return the hand-off reason if the bot asked for a person."""
        handoff = None
        with self.sessions.begin() as session:
            conversations = ConversationService(session)
            conversation = conversations.get(conversation_id)
            for reply in replies:
                custom = reply.get("custom") or {}
                if "handoff" in custom:
                    handoff = str(custom["handoff"].get("reason") or "request_human")
                elif "system" in custom:
                    conversations.add(conversation, "system", str(custom["system"]))
                elif reply.get("text"):
                    conversations.add(conversation, "bot", reply["text"], reply.get("buttons"))
            if handoff:
                conversations.escalate(conversation, handoff)
        return handoff


def as_json(message: ChatMessage) -> dict[str, Any]:
    return {
        "seq": message.seq,
        "sender": message.sender,
        "text": message.text,
        "buttons": json.loads(message.buttons) if message.buttons else [],
        "at": message.created_at.isoformat(),
    }


class OpenRequest(BaseModel):
    profile: str | None = Field(default=None, max_length=64)
    lang: str = Field(default="ja", max_length=2)


def gateway_of(request: Request | WebSocket) -> Gateway:
    return request.app.state.gateway


def client_address(request: Request | WebSocket) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/api/chat/conversations")
def open_conversation(body: OpenRequest, request: Request) -> dict[str, str]:
    gateway = gateway_of(request)
    if not gateway.new_per_address.allow(client_address(request)):
        raise HTTPException(429, "too many new conversations; please wait a moment")
    return gateway.open(body.profile, body.lang)


@router.get("/api/chat/conversations/{conversation_id}/messages")
def conversation_history(
    conversation_id: str,
    request: Request,
    after: int = Query(0, ge=0),
    x_chat_token: str | None = Header(default=None),
) -> list[dict[str, Any]]:
    messages = gateway_of(request).history(conversation_id, x_chat_token, after)
    if messages is None:
        raise HTTPException(404, "no such conversation")  # the same answer whether it exists or not
    return messages


@router.websocket("/ws/chat/{conversation_id}")
async def chat_socket(websocket: WebSocket, conversation_id: str, token: str = "", after: int = 0) -> None:
    gateway = gateway_of(websocket)
    if await run_in_threadpool(gateway.history, conversation_id, token, 0) is None:
        await websocket.close(code=4404)
        return
    await websocket.accept()
    sender = asyncio.create_task(_push(websocket, gateway, conversation_id, token, max(after, 0)))
    try:
        await _receive(websocket, gateway, conversation_id)
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()


async def _push(websocket: WebSocket, gateway: Gateway, conversation_id: str, token: str, last: int) -> None:
    """Send every stored line after `last`, then wait for news (or re-read each second)."""
    while True:
        for message in await run_in_threadpool(gateway.history, conversation_id, token, last) or []:
            await websocket.send_json({"type": "message", **message})
            last = message["seq"]
        await gateway.hub.wait(conversation_id, timeout=1.0)


async def _receive(websocket: WebSocket, gateway: Gateway, conversation_id: str) -> None:
    address = client_address(websocket)
    while True:
        try:
            data = json.loads(await websocket.receive_text())
        except ValueError:
            data = None  # not JSON: ignored, like an empty line
        text = str(data.get("text", "")).strip() if isinstance(data, dict) else ""
        if not text:
            continue
        if len(text) > MAX_TEXT:
            await websocket.send_json({"type": "error", "code": "too_long"})
            continue
        if not (gateway.per_conversation.allow(conversation_id) and gateway.per_address.allow(address)):
            await websocket.send_json({"type": "error", "code": "rate_limited"})
            continue
        await websocket.send_json({"type": "typing"})
        lang = data.get("lang") if data.get("lang") in ("ja", "en") else None
        await gateway.customer_says(conversation_id, text, lang)
