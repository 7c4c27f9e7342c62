"""Keep every received message first, before anything else happens to it.

The SMTP intake answers 250 only after this commit, and the IMAP poller
fetches, stores and commits before processing, so a crash at any later point
finds the message here again, never lost, never fetched as new.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from mail.intake.models import InboundMail
from mail.intake.states import InboundStatus

_MESSAGE_ID_LIMIT = 998


def message_id_of(raw: bytes) -> str | None:
    """The Message-ID header, read without parsing the rest (the parser may choke later)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        if line[:11].lower() == b"message-id:":
            value = line[11:].strip().decode("ascii", "replace")
            return value[:_MESSAGE_ID_LIMIT] or None
    return None


def find(session: Session, source: str, uidvalidity: int | None, uid: int | None) -> InboundMail | None:
    """The row already holding this server copy (a re-polled IMAP message), if any."""
    return session.scalar(
        select(InboundMail).where(
            InboundMail.source == source, InboundMail.uidvalidity == uidvalidity, InboundMail.uid == uid
        )
    )


def store(
    session: Session,
    raw: bytes,
    source: str,
    uidvalidity: int | None = None,
    uid: int | None = None,
    clock: Clock = utc_now,
) -> InboundMail:
    """Add the message (or return the row already holding this server copy)."""
    if uid is not None and (existing := find(session, source, uidvalidity, uid)) is not None:
        return existing
    row = InboundMail(
        source=source,
        uidvalidity=uidvalidity,
        uid=uid,
        message_id=message_id_of(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
        raw=raw,
        received_at=clock(),
        status=InboundStatus.STORED,
        tries=0,
    )
    session.add(row)
    session.flush()
    return row


def earlier_copy(session: Session, row: InboundMail) -> InboundMail | None:
    """The same message already handled under another UID or delivery (same Message-ID and bytes)."""
    if row.message_id is None:
        return None
    return session.scalar(
        select(InboundMail)
        .where(
            InboundMail.message_id == row.message_id,
            InboundMail.sha256 == row.sha256,
            InboundMail.id != row.id,
            InboundMail.status == InboundStatus.PROCESSED,
        )
        .limit(1)
    )


def pending(session: Session, limit: int = 100) -> list[int]:
    """Stored, unprocessed messages no mailbox poller will meet again: the SMTP intake's, and
    IMAP mail already moved off the server's inbox that staff sent back for another try.
    One lease holder runs these, so no message is run twice."""
    query = (
        select(InboundMail.id)
        .where(
            InboundMail.status == InboundStatus.STORED,
            (InboundMail.source == "smtp") | InboundMail.settled_on_server.is_(True),
        )
        .order_by(InboundMail.id)
        .limit(limit)
    )
    return list(session.scalars(query))
