"""The outbox queue: a case's mail is queued in the case's own transaction and sent later.

Queuing in the same transaction as the case change means a case never exists
without its acknowledgement, and a crash never sends mail for a case that was
rolled back. The mail worker (mail.outbox.sender) composes and sends what is
queued here.
"""

from __future__ import annotations

from email.utils import make_msgid

from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from cases.models import OutboxMessage
from responses.profiles.schema import Profile


def sender_address(profile: Profile, override: str | None) -> str:
    return override or profile.desk.email or "privacy-desk@localhost"


def message_domain(profile: Profile, override: str | None) -> str:
    return sender_address(profile, override).rpartition("@")[2]


def new_message_id(reference: str | None, domain: str) -> str:
    return make_msgid(idstring=reference, domain=domain)


def queue(
    session: Session,
    *,
    kind: str,
    recipient: str,
    message_id: str,
    case_id: int | None = None,
    in_reply_to: str | None = None,
    raw: bytes | None = None,
    clock: Clock = utc_now,
) -> OutboxMessage:
    now = clock()
    row = OutboxMessage(
        case_id=case_id,
        kind=kind,
        message_id=message_id,
        in_reply_to=in_reply_to,
        recipient=recipient,
        raw=raw,
        status="queued",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row
