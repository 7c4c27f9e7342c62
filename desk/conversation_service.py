"""The conversation service: the one place that opens website chats, changes who has them, and adds lines.

It owns every change of state (`ConversationState`) and writes the staff audit
with it, like `CaseService` for cases; the gateway and the console routes call
it. (`desk.models.Conversation` is the table; this is the rules around it.)
"""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from desk.auth import token_hash
from desk.errors import ConversationError
from desk.models import ChatMessage, Conversation, ConversationState, StaffAction, StaffUser

# In the staff queue: waiting for a person, or with one.
OPEN_STATES = (ConversationState.WAITING, ConversationState.STAFF)


class ConversationService:
    """Website chats in one session: given the caller's session, it never commits."""

    def __init__(self, session: Session, clock: Clock = utc_now) -> None:
        self.session, self.clock = session, clock

    def open(self, profile_id: str, language: str) -> tuple[Conversation, str]:
        """A new conversation and the token only its browser will know."""
        token, now = secrets.token_urlsafe(32), self.clock()
        conversation = Conversation(
            id=str(uuid.uuid4()),
            token_hash=token_hash(token),
            profile_id=profile_id,
            language=language,
            state=ConversationState.BOT,
            created_at=now,
            updated_at=now,
        )
        self.session.add(conversation)
        self.session.flush()
        return conversation, token

    def for_customer(self, conversation_id: str, token: str | None) -> Conversation | None:
        """The conversation only with its own token: a customer never reads another one."""
        conversation = self.session.get(Conversation, conversation_id)
        if (
            conversation is None
            or not token
            or not secrets.compare_digest(conversation.token_hash, token_hash(token))
        ):
            return None
        return conversation

    def get(self, conversation_id: str) -> Conversation | None:
        return self.session.get(Conversation, conversation_id)

    def add(
        self,
        conversation: Conversation,
        sender: str,
        text: str,
        buttons: list[dict[str, Any]] | None = None,
        staff: StaffUser | None = None,
    ) -> ChatMessage:
        seq = (
            self.session.scalar(
                select(func.max(ChatMessage.seq)).where(ChatMessage.conversation_id == conversation.id)
            )
            or 0
        ) + 1
        now = self.clock()
        message = ChatMessage(
            conversation_id=conversation.id,
            seq=seq,
            sender=sender,
            text=text,
            buttons=json.dumps(buttons, ensure_ascii=False) if buttons else None,
            staff_id=staff.id if staff else None,
            created_at=now,
        )
        self.session.add(message)
        conversation.updated_at = now
        if sender == "staff" and conversation.first_response_at is None:
            conversation.first_response_at = now
        self.session.flush()
        return message

    def as_shown(self, conversation: Conversation, text: str) -> str:
        """A button press as the customer saw it: the title of the bot's button whose payload this is."""
        if not text.startswith("/"):
            return text
        last = self.session.scalar(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation.id, ChatMessage.sender == "bot")
            .order_by(ChatMessage.seq.desc())
            .limit(1)
        )
        buttons = json.loads(last.buttons) if last is not None and last.buttons else []
        return next(
            (str(b.get("title")) for b in buttons if b.get("payload") == text and b.get("title")), text
        )

    def after(self, conversation_id: str, seq: int) -> list[ChatMessage]:
        query = select(ChatMessage).where(
            ChatMessage.conversation_id == conversation_id, ChatMessage.seq > seq
        )
        return list(self.session.scalars(query.order_by(ChatMessage.seq)))

    def escalate(self, conversation: Conversation, reason: str) -> None:
        if conversation.state != ConversationState.BOT:
            return
        conversation.state, conversation.reason = ConversationState.WAITING, reason
        conversation.escalated_at = self.clock()
        self._audit(None, "escalated", conversation.id, reason)
        self.add(conversation, "system", "waiting_for_staff")

    def take(self, conversation: Conversation, staff: StaffUser) -> None:
        if conversation.state not in OPEN_STATES:
            raise ConversationError("only a waiting conversation can be taken")
        conversation.state, conversation.assignee_id = ConversationState.STAFF, staff.id
        self._audit(staff, "took", conversation.id)
        self.add(conversation, "system", "staff_joined")

    def hand_back(self, conversation: Conversation, staff: StaffUser) -> None:
        if conversation.state != ConversationState.STAFF:
            raise ConversationError("only a conversation with a person can be handed back")
        conversation.state, conversation.assignee_id = ConversationState.BOT, None
        self._audit(staff, "handed_back", conversation.id)
        self.add(conversation, "system", "handed_back")

    def queue(self) -> list[Conversation]:
        query = select(Conversation).where(Conversation.state.in_(OPEN_STATES))
        return list(self.session.scalars(query.order_by(Conversation.escalated_at)))

    def _audit(self, staff: StaffUser | None, action: str, target: str, detail: str | None = None) -> None:
        self.session.add(
            StaffAction(
                at=self.clock(),
                staff_id=staff.id if staff else None,
                action=action,
                target=target,
                detail=detail,
            )
        )
