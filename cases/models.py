"""The case store's tables. Models hold data; `CaseService` holds the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    profile_id: Mapped[str] = mapped_column(String(64))
    request_type: Mapped[str] = mapped_column(String(32), index=True)
    regime: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(24), index=True)
    status_before_hold: Mapped[str | None] = mapped_column(String(24))
    identity_state: Mapped[str] = mapped_column(String(16))
    fee_jpy: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    held_since: Mapped[dt.date | None] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(default=False)
    requester_name: Mapped[str] = mapped_column(String(200))
    requester_email: Mapped[str | None] = mapped_column(
        String(320), index=True
    )  # None: answered by post or phone
    reply_channel: Mapped[str] = mapped_column(String(8), default="email", server_default="email")
    flagged: Mapped[list[str] | None] = mapped_column(JSON)  # answers kept as written, for staff to check
    country: Mapped[str | None] = mapped_column(String(200))
    postal_address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    acting_for: Mapped[str] = mapped_column(String(8))
    principal_name: Mapped[str | None] = mapped_column(String(200))
    deputy_kind: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[str | None] = mapped_column(Text)
    incident: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    conversation_id: Mapped[str | None] = mapped_column(String(128))
    assignee_id: Mapped[int | None] = mapped_column(Integer, index=True)  # a staff_users.id

    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="save-update, merge"
    )


class CaseEvent(Base):
    """One line of a case's audit trail; written once, never changed."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class ReferenceCounter(Base):
    """The last case number used in a year, for PRV-YYYY-NNNNNN references."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class OutboxMessage(Base):
    """A mail waiting to leave, or the record that it left; survives restarts."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # which mail: case_opened, answer...
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(998))
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    # Composed at send time (PDF rendering is slow), then kept exactly as sent.
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(8), index=True)  # queued, sending, sent, failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


@event.listens_for(CaseEvent, "before_update")
@event.listens_for(CaseEvent, "before_delete")
def _audit_is_append_only(mapper: Any, connection: Any, target: CaseEvent) -> None:
    raise PermissionError("the audit trail is append-only")
