"""The mail runner: one stored message, one transaction, one outcome.

It owns the I/O the pure parts avoid: the case store, the outbox, the NLU.
Any error rolls the transaction back and counts a try; after MAX_TRIES (or at
once for mail that cannot be parsed) the message is quarantined for staff,
raw bytes kept. The worker never dies on input.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.client import Assistant, AssistantUnavailable
from cases.clock import Clock, utc_now
from cases.intake import open_request
from cases.models import Case, OutboxMessage
from cases.outbox import message_domain, new_message_id, queue
from cases.requirements import regime
from cases.service import CaseService, NewCase
from mail.intake.models import InboundMail
from mail.intake.store import earlier_copy
from mail.intake.triage import Reading, read
from mail.outbox.compose import answer_mail
from mail.reading.decode import MailDecodeError
from mail.reading.message import ParsedMail
from mail.rules.bounce import original_message_id
from responses.profiles.schema import Profile

log = logging.getLogger(__name__)

MAX_TRIES = 3


def request_from_mail(mail: ParsedMail, text: str, request_type: str, language: str) -> NewCase:
    """What a mail says about a request; also used when staff open a case from a held message."""
    incident = None
    if request_type == "report_suspicious" and mail.forwarded:
        forwarded = mail.forwarded[0]
        incident = {
            "channel": "email",
            "date": forwarded.date,
            "asked_for": None,
            "sender": forwarded.sender,
            "subject": forwarded.subject,
            "links": list(forwarded.links),
        }
    return NewCase(
        request_type=request_type,
        regime=regime(request_type, text),
        language=language,
        channel="mail",
        requester_name=mail.sender_name or mail.sender.split("@")[0],
        requester_email=mail.sender,
        details=text[:2000],
        incident=incident,
    )


@dataclass
class Runner:
    sessions: sessionmaker[Session]
    assistant: Assistant
    profile: Profile
    mail_from: str | None
    clock: Clock = utc_now

    def process(self, inbound_id: int) -> str:
        """Process one stored message; return its status afterwards."""
        try:
            with self.sessions.begin() as session:
                row = session.get(InboundMail, inbound_id)
                if row is None or row.status != "stored":
                    return row.status if row else "missing"
                self._process(session, row)
                return row.status
        except AssistantUnavailable:
            log.warning("mail %s waits: the NLU is not answering", inbound_id)
            return "stored"
        except Exception as exc:  # one bad message must not stop the worker
            log.exception("mail %s failed", inbound_id)
            return self._count_failure(inbound_id, exc)

    def _process(self, session: Session, row: InboundMail) -> None:
        if earlier_copy(session, row) is not None:
            self._settle(row, "no_reply", "the same message was already processed")
            return
        reading = read(row.raw, session, self.assistant, self.profile, self.mail_from, self.clock)
        row.intent, row.confidence, row.language = reading.intent, reading.confidence, reading.language
        act = getattr(self, f"_{reading.decision.kind}")
        act(session, row, reading)
        self._settle(row, reading.decision.kind, reading.decision.reason)
        log.info("mail %s: %s", row.id, reading.decision.kind)

    def _settle(self, row: InboundMail, decision: str, reason: str) -> None:
        row.decision, row.reason, row.status, row.processed_at = decision, reason, "processed", self.clock()

    def _new_case(self, session: Session, row: InboundMail, reading: Reading) -> None:
        new = request_from_mail(reading.mail, reading.text, reading.decision.reason, reading.language)
        case = open_request(session, new, self.profile, self.mail_from, in_reply_to=reading.mail.message_id)
        self._attach(session, row, case)

    def _answer(self, session: Session, row: InboundMail, reading: Reading) -> None:
        mail = reading.mail
        message_id = new_message_id(None, message_domain(self.profile, self.mail_from))
        reply = answer_mail(
            reading.language,
            reading.decision.reason,
            self.profile,
            self.mail_from,
            (mail.sender_name, mail.sender),
            mail.subject,
            message_id,
            mail.message_id,
        )
        queue(
            session,
            kind="answer",
            recipient=mail.sender,
            message_id=message_id,
            in_reply_to=mail.message_id,
            raw=reply.as_bytes(),
            clock=self.clock,
        )

    def _thread(self, session: Session, row: InboundMail, reading: Reading) -> None:
        case = session.scalar(select(Case).where(Case.reference == reading.decision.case_ref))
        self._attach(session, row, case)

    def _escalate(self, session: Session, row: InboundMail, reading: Reading) -> None:
        """Nothing to do here: an escalated message waits in the staff queue as it is."""

    def _no_reply(self, session: Session, row: InboundMail, reading: Reading) -> None:
        if reading.no_reply and reading.no_reply[0] == "bounce":
            self._mark_bounced(session, reading)

    def _mark_bounced(self, session: Session, reading: Reading) -> None:
        original = original_message_id(reading.mail)
        sent = (
            session.scalar(select(OutboxMessage).where(OutboxMessage.message_id == original))
            if original
            else None
        )
        if sent is None:
            return
        sent.status, sent.last_error = "failed", "bounced"
        if sent.case_id is not None:
            case = session.get(Case, sent.case_id)
            CaseService(session, self.clock).record(case, "mail", "bounce", {"message_id": sent.message_id})

    def _attach(self, session: Session, row: InboundMail, case: Case) -> None:
        row.case_id = case.id
        detail = {"inbound_id": row.id, "message_id": row.message_id}
        CaseService(session, self.clock).record(case, "customer", "message_in", detail)

    def _count_failure(self, inbound_id: int, exc: Exception) -> str:
        with self.sessions.begin() as session:
            row = session.get(InboundMail, inbound_id)
            row.tries += 1
            row.last_error = type(exc).__name__
            if row.tries >= MAX_TRIES or isinstance(exc, MailDecodeError):
                row.status, row.decision = "quarantined", "escalate"
            return row.status
