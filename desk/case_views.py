"""What the console shows about a case, read from the store: transcript, attachments, ID checklist."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes, policy
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cases.models import Case, OutboxMessage
from cases.states import OPEN_STATUSES
from desk.held_mail import waiting_count
from desk.models import ChatMessage, Conversation, ConversationState
from mail.errors import MailDecodeError
from mail.intake.models import InboundMail
from mail.reading.decode import parse_mail
from responses.profiles.schema import Profile


@dataclass(frozen=True)
class Line:
    at: dt.datetime
    channel: str  # chat, mail_in, mail_out
    sender: str
    text: str
    attachments: tuple[Any, ...] = ()


def transcript(session: Session, case: Case) -> list[Line]:
    """Chat and mail, in and out, in time order."""
    lines: list[Line] = []
    if case.conversation_id and session.get(Conversation, case.conversation_id):
        query = select(ChatMessage).where(ChatMessage.conversation_id == case.conversation_id)
        lines += [Line(m.created_at, "chat", m.sender, m.text) for m in session.scalars(query)]
    for row in session.scalars(select(InboundMail).where(InboundMail.case_id == case.id)):
        lines.append(_inbound_line(row))
    for row in session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case.id)):
        subject = _subject(row.raw) if row.raw else row.kind
        lines.append(Line(row.created_at, "mail_out", f"{row.kind} ({row.status})", subject))
    return sorted(lines, key=lambda line: _naive(line.at))


def _inbound_line(row: InboundMail) -> Line:
    try:
        mail = parse_mail(row.raw)
    except MailDecodeError:
        return Line(row.received_at, "mail_in", "?", "(unreadable message)")
    return Line(
        row.received_at, "mail_in", mail.sender or "?", f"{mail.subject}\n\n{mail.text}", mail.attachments
    )


def _subject(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=policy.default)["Subject"] or "")


def _naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


def identity_checklist(case: Case, profile: Profile) -> list[tuple[str, dict[str, Any]]]:
    """(label key, values) items a person ticks off, built from the company's own rules."""
    identity, items = profile.identity, []
    if case.identity_state == "not_required":
        return items
    items.append(
        (
            "checklist.documents",
            {
                "documents": identity.documents,
                "photo": identity.photo_documents_needed,
                "other": identity.non_photo_documents_needed,
            },
        )
    )
    if identity.address_must_match:
        items.append(("checklist.address_matches", {}))
    if identity.max_age_months:
        items.append(("checklist.recent", {"months": identity.max_age_months}))
    if identity.mask_honseki:
        items.append(("checklist.honseki_masked", {}))
    if identity.mask_my_number:
        items.append(("checklist.my_number_masked", {}))
    if case.acting_for == "deputy":
        items.append(("checklist.deputy_identity", {}))
        items.append(("checklist.authority", {"documents": profile.deputy.authority_documents}))
    if case.fee_jpy:
        items.append(("checklist.fee", {"amount": case.fee_jpy}))
    return items


def dashboard(session: Session, today: dt.date) -> dict[str, Any]:
    open_cases = list(session.scalars(select(Case).where(Case.status.in_(OPEN_STATUSES))))
    waits = [
        (_naive(c.first_response_at) - _naive(c.escalated_at)).total_seconds()
        for c in session.scalars(select(Conversation).where(Conversation.first_response_at.is_not(None)))
        if c.escalated_at
    ]
    return {
        "by_type_status": Counter((c.request_type, c.status) for c in open_cases),
        "overdue": sorted((c for c in open_cases if c.due_date < today), key=lambda c: c.due_date),
        "median_first_response_s": statistics.median(waits) if waits else None,
        "held_mail": waiting_count(session),
        "waiting": session.scalar(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.state == ConversationState.WAITING)
        ),
    }
