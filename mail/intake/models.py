"""The mail intake's tables: received messages and mailbox leases.

They live with the code that owns them and share the case store's metadata
(`cases.models.Base`), so one Alembic history covers every table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cases.models import Base


class InboundMail(Base):
    """A received message, stored before anything else happens to it, so nothing is lost.

    (source, uidvalidity, uid) and the Message-ID let a re-polled or redelivered
    message be recognised; status says where it is in the pipeline.
    """

    __tablename__ = "inbound_mail"
    __table_args__ = (UniqueConstraint("source", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))  # "smtp" or "imap:<mailbox>"
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), index=True)  # an InboundStatus (mail.intake.states)
    tries: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(16))  # a DecisionKind (mail.rules.decisions)
    reason: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(40))
    confidence: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(2))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    processed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    settled_on_server: Mapped[bool] = mapped_column(default=False)  # moved or flagged on IMAP
    # Mail that waited for staff (escalated or quarantined) leaves the queue when a person settles it.
    handled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    handled_by_id: Mapped[int | None] = mapped_column(Integer)  # a staff_users.id
    handled_note: Mapped[str | None] = mapped_column(Text)


class Lease(Base):
    """A named lock with an expiry, held by one worker at a time across machines."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
