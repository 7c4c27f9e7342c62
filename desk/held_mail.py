"""Mail that waits for a person: escalated by the runner, or quarantined after failing.

Staff read it here and settle it one way: attach it to a case, open a case
from it, send it back through the pipeline, or close it with a note. Each
way leaves the queue with who and when, on the message and in the staff
audit trail, so nothing a customer sent is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from cases.intake import open_request
from cases.models import Case
from cases.service import CaseService
from desk.errors import HeldMailError
from desk.models import StaffAction, StaffUser
from mail.errors import MailDecodeError
from mail.intake.models import InboundMail
from mail.intake.runner import request_from_mail
from mail.intake.states import InboundStatus
from mail.reading.decode import parse_mail
from mail.reading.message import ParsedMail
from mail.reading.quotes import new_text
from mail.rules.decisions import CASE_INTENTS, DecisionKind
from responses.language import detect_language
from responses.profiles.schema import Profile

# A person may open any request, complaints included (mail never opens those by itself).
REQUEST_TYPES = (*sorted(CASE_INTENTS), "file_complaint")
_HELD = or_(InboundMail.status == InboundStatus.QUARANTINED, InboundMail.decision == DecisionKind.ESCALATE)


@dataclass(frozen=True)
class HeldView:
    """A held message as staff read it; `mail` is None when it cannot be parsed."""

    row: InboundMail
    mail: ParsedMail | None
    text: str

    @classmethod
    def of(cls, row: InboundMail) -> HeldView:
        try:
            mail = parse_mail(row.raw)
        except MailDecodeError:
            return cls(row, None, row.raw[:20000].decode("utf-8", "replace"))
        return cls(row, mail, mail.text)


def held_query(waiting_only: bool = True):
    """Quarantined or escalated mail; with `waiting_only`, only what staff have not settled.

    The one definition of the staff queue: the console and `madoguchi mail held` list from it.
    """
    query = select(InboundMail).where(_HELD)
    if waiting_only:
        query = query.where(InboundMail.handled_at.is_(None))
    return query


def waiting_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(held_query().subquery())) or 0


class HeldMail:
    def __init__(self, session: Session, clock: Clock = utc_now) -> None:
        self.session = session
        self.clock = clock

    def list(self, waiting_only: bool = True, limit: int = 200) -> list[HeldView]:
        query = held_query(waiting_only).order_by(InboundMail.received_at).limit(limit)
        return [HeldView.of(row) for row in self.session.scalars(query)]

    def get(self, inbound_id: int) -> HeldView | None:
        row = self.session.scalar(held_query(waiting_only=False).where(InboundMail.id == inbound_id))
        return HeldView.of(row) if row else None

    def attach(self, held: HeldView, reference: str, staff: StaffUser) -> Case:
        """File the message on an existing case, as the runner does for a follow-up."""
        case = CaseService(self.session, self.clock).get(reference.strip())
        if case is None:
            raise HeldMailError("no such case")
        self._settle(held, staff, "attached", case.reference)
        held.row.case_id = case.id
        detail = {"inbound_id": held.row.id, "message_id": held.row.message_id}
        CaseService(self.session, self.clock).record(case, f"staff:{staff.email}", "message_in", detail)
        return case

    def open_case(
        self, held: HeldView, request_type: str, profile: Profile, mail_from: str | None, staff: StaffUser
    ) -> Case:
        """Open the request a person recognised; the customer gets the same form and instructions."""
        if request_type not in REQUEST_TYPES:
            raise HeldMailError("unknown request type")
        if held.mail is None or not held.mail.sender:
            raise HeldMailError("the message has no address to answer")
        text = new_text(held.mail.text)
        language = held.row.language or detect_language(f"{held.mail.subject}\n{text}") or "ja"
        new = request_from_mail(held.mail, text, request_type, language)
        case = open_request(self.session, new, profile, mail_from, in_reply_to=held.mail.message_id)
        self._settle(held, staff, "opened_case", case.reference)
        held.row.case_id = case.id
        CaseService(self.session, self.clock).record(
            case, f"staff:{staff.email}", "message_in", {"inbound_id": held.row.id}
        )
        return case

    def retry(self, held: HeldView, staff: StaffUser) -> None:
        """Send a quarantined message through the pipeline again (after a fix, say)."""
        if held.row.status != InboundStatus.QUARANTINED or held.row.handled_at is not None:
            raise HeldMailError("only a waiting quarantined message can be tried again")
        held.row.status, held.row.decision, held.row.tries = InboundStatus.STORED, None, 0
        self._audit(staff, "mail_retried", held.row.id, None)

    def close(self, held: HeldView, note: str, staff: StaffUser) -> None:
        """Settled without a case: spam, a duplicate, answered by telephone…; the note says which."""
        self._settle(held, staff, "closed", note)

    def _settle(self, held: HeldView, staff: StaffUser, how: str, note: str) -> None:
        if held.row.handled_at is not None:
            raise HeldMailError("this message has already been settled")
        held.row.handled_at, held.row.handled_by_id, held.row.handled_note = self.clock(), staff.id, note
        self._audit(staff, f"mail_{how}", held.row.id, note)

    def _audit(self, staff: StaffUser, action: str, inbound_id: int, detail: str | None) -> None:
        self.session.add(
            StaffAction(
                at=self.clock(), staff_id=staff.id, action=action, target=f"mail:{inbound_id}", detail=detail
            )
        )
