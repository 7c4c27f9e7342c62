"""Tables of the desk: staff, their sessions, and website chat conversations.

Same declarative base as the case store, one Alembic history for both.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cases.models import Base


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id
    role: Mapped[str] = mapped_column(String(16))  # agent, supervisor
    language: Mapped[str] = mapped_column(String(2), default="ja")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class StaffSession(Base):
    """A signed-in browser; only the token's hash is kept, so a database leak signs nobody in."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConversationState(StrEnum):
    """Who has a website chat; stored as these strings, so old rows read the same."""

    BOT = "bot"  # the assistant answers
    WAITING = "waiting"  # escalated, in the staff queue
    STAFF = "staff"  # a person has taken it
    CLOSED = "closed"  # labelled in the console; nothing sets it yet


class Conversation(Base):
    """A website chat. The customer's browser proves it is theirs with a token (hash kept here)."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # random UUID, also Rasa's sender id
    token_hash: Mapped[str] = mapped_column(String(64))
    profile_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    state: Mapped[str] = mapped_column(String(8), index=True)  # a ConversationState
    reason: Mapped[str | None] = mapped_column(String(64))  # why it was escalated
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_response_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ChatMessage(Base):
    """One line of a chat transcript, numbered so a reconnecting widget asks for what it missed."""

    __tablename__ = "chat_messages"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(8))  # customer, bot, staff, system
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[str | None] = mapped_column(Text)  # JSON list of quick replies
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class StaffAction(Base):
    """Who did what, when, in the desk: the audit trail of staff actions outside a case's own."""

    __tablename__ = "staff_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(64))  # a conversation id or a case reference
    detail: Mapped[str | None] = mapped_column(Text)
