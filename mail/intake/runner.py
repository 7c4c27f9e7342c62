"""The mail runner: one stored message, one transaction, one outcome.

It owns the I/O the pure parts avoid: the case store, the outbox, the NLU.
Any error rolls the transaction back and counts a try; after MAX_TRIES (or at
once for mail that cannot be parsed) the message is quarantined for staff,
raw bytes kept. The worker never dies on input. Which handler carries out
which decision of mail.rules.decisions is declared once, in HANDLERS.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.client import AssistantUnavailable
from cases.clock import Clock, utc_now
from cases.extraction import extract
from cases.extraction.postal import in_japan, japan, postal_address
from cases.intake import open_request
from cases.models import Case, OutboxMessage
from cases.outbox import message_domain, new_message_id, queue
from cases.requirements import lives_abroad, regime
from cases.service import CaseService, NewCase
from mail.errors import MailDecodeError
from mail.intake.models import InboundMail
from mail.intake.states import InboundStatus
from mail.intake.store import earlier_copy
from mail.intake.triage import Nlu, Triage, triage
from mail.outbox.compose import answer_mail
from mail.reading.message import ParsedMail
from mail.rules.bounce import Bounce, original_message_id
from mail.rules.decisions import ALREADY_PROCESSED, Decision, DecisionKind
from responses.profiles.schema import Profile
from responses.topics import answer_topics

log = logging.getLogger(__name__)

MAX_TRIES = 3
TOKYO = ZoneInfo("Asia/Tokyo")


def request_from_mail(mail: ParsedMail, text: str, request_type: str, language: str) -> NewCase:
    """What a mail says about a request, details read from its body as the chat reads them.

    Also used when staff open a case from a held message.
    """
    said = extract(text, now=mail_time(mail))
    incident = None
    if request_type == "report_suspicious":
        incident = {key: said.get(f"incident_{key}") for key in ("channel", "date", "asked_for", "sender")}
    if request_type == "report_suspicious" and mail.forwarded:
        forwarded = mail.forwarded[0]
        incident = {
            "channel": "email",
            "date": forwarded.date,
            "asked_for": said.get("incident_asked_for"),
            "sender": forwarded.sender,
            "subject": forwarded.subject,
            "links": list(forwarded.links),
        }
    address = said.get("address")
    country = said.get("country") or (japan(language) if address and in_japan(address) else None)
    joined = postal_address(address, said.get("postcode"), abroad=lives_abroad(country)) if address else None
    acting_for = said.get("acting_for") or "self"
    return NewCase(
        request_type=request_type,
        regime=regime(request_type, country or text),
        language=language,
        channel="mail",
        requester_name=said.get("requester_name") or mail.sender_name or mail.sender.split("@")[0],
        requester_email=mail.sender,
        country=country,
        # An address whose postcode does not fit is kept as written, for staff to check.
        postal_address=(joined.value or address) if joined else None,
        flagged=["postal_address"] if joined and joined.value is None else [],
        phone=said.get("phone"),
        acting_for=acting_for,
        principal_name=said.get("principal_name") if acting_for == "deputy" else None,
        deputy_kind=said.get("deputy_kind") if acting_for == "deputy" else None,
        details=text[:2000],
        incident=incident,
    )


def mail_time(mail: ParsedMail) -> dt.datetime:
    """When the customer wrote, in Tokyo time ("yesterday" in a mail is the day before its Date)."""
    when = mail.date if mail.date is not None and mail.date.tzinfo else utc_now()
    return when.astimezone(TOKYO).replace(tzinfo=None)


@dataclass
class Runner:
    """Processes stored messages one at a time; see the module docstring for what it guarantees."""

    sessions: sessionmaker[Session]
    assistant: Nlu
    profile: Profile
    mail_from: str | None
    clock: Clock = utc_now

    def process(self, inbound_id: int) -> InboundStatus | None:
        """Process one stored message; return its status afterwards (None: there is no such message)."""
        try:
            with self.sessions.begin() as session:
                row = session.get(InboundMail, inbound_id)
                if row is None or row.status != InboundStatus.STORED:
                    return InboundStatus(row.status) if row else None
                self._process(session, row)
                return InboundStatus(row.status)
        except AssistantUnavailable:
            log.warning("mail %s waits: the NLU is not answering", inbound_id)
            return InboundStatus.STORED
        except Exception as exc:  # one bad message must not stop the worker
            log.exception("mail %s failed", inbound_id)
            return self._count_failure(inbound_id, exc)

    def _process(self, session: Session, row: InboundMail) -> None:
        if earlier_copy(session, row) is not None:
            self._settle(row, ALREADY_PROCESSED)
            return
        found = triage(row.raw, session, self.assistant, self.profile, self.mail_from, self.clock)
        row.intent, row.confidence, row.language = found.intent, found.confidence, found.language
        HANDLERS[found.decision.kind](self, session, row, found)
        self._settle(row, found.decision)
        log.info("mail %s: %s", row.id, found.decision.kind)

    def _settle(self, row: InboundMail, decision: Decision) -> None:
        row.decision, row.reason = decision.kind, decision.reason
        row.status, row.processed_at = InboundStatus.PROCESSED, self.clock()

    def _open_case(self, session: Session, row: InboundMail, found: Triage) -> None:
        new = request_from_mail(found.mail, found.text, found.decision.intent, found.language)
        case = open_request(session, new, self.profile, self.mail_from, in_reply_to=found.mail.message_id)
        self._attach(session, row, case)

    def _answer(self, session: Session, row: InboundMail, found: Triage) -> None:
        mail = found.mail
        message_id = new_message_id(None, message_domain(self.profile, self.mail_from))
        # An ANSWER decision carries a policy-question intent, which always has its answer.
        reply = answer_mail(
            found.language,
            answer_topics(found.decision.intent or "", found.text),
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

    def _thread(self, session: Session, row: InboundMail, found: Triage) -> None:
        case = CaseService(session, self.clock).get(found.decision.case_ref)
        self._attach(session, row, case)

    def _escalate(self, session: Session, row: InboundMail, found: Triage) -> None:
        """Nothing to do here: an escalated message waits in the staff queue as it is."""

    def _no_reply(self, session: Session, row: InboundMail, found: Triage) -> None:
        if found.no_reply and found.no_reply[0] == Bounce.name:
            self._mark_bounced(session, found)

    def _mark_bounced(self, session: Session, found: Triage) -> None:
        original = original_message_id(found.mail)
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

    def _count_failure(self, inbound_id: int, exc: Exception) -> InboundStatus:
        with self.sessions.begin() as session:
            row = session.get(InboundMail, inbound_id)
            row.tries += 1
            row.last_error = type(exc).__name__
            if row.tries >= MAX_TRIES or isinstance(exc, MailDecodeError):
                row.status, row.decision = InboundStatus.QUARANTINED, DecisionKind.ESCALATE
            return InboundStatus(row.status)


Handler = Callable[[Runner, Session, InboundMail, Triage], None]

# Which handler carries out which decision: one per DecisionKind (a test checks that none is missing).
HANDLERS: Mapping[DecisionKind, Handler] = MappingProxyType(
    {
        DecisionKind.NEW_CASE: Runner._open_case,
        DecisionKind.ANSWER: Runner._answer,
        DecisionKind.THREAD: Runner._thread,
        DecisionKind.NO_REPLY: Runner._no_reply,
        DecisionKind.ESCALATE: Runner._escalate,
    }
)
