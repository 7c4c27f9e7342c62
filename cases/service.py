"""The case service: the one place that opens cases and changes them.

Every change is checked against the state machine and written together with
its audit entry in the caller's transaction, so a case and its trail never
disagree. Actions, the mail runner and desk routes call this; none edits a
model directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cases import deadlines
from cases.clock import Clock, utc_now
from cases.models import Case, CaseEvent, ReferenceCounter
from cases.states import OPEN_STATUSES, Status, allowed
from responses.profiles.schema import Profile


class CaseError(Exception):
    """A change the case rules do not allow; the message holds no personal data."""


@dataclass(frozen=True)
class NewCase:
    """What intake collected, whichever channel it came by."""

    request_type: str
    regime: str
    language: str
    channel: str
    requester_name: str
    requester_email: str | None
    reply_channel: str = "email"  # post or phone for a requester without e-mail
    flagged: list[str] = field(default_factory=list)  # answers kept as written, for staff to check
    acting_for: str = "self"
    country: str | None = None
    postal_address: str | None = None
    phone: str | None = None
    principal_name: str | None = None
    deputy_kind: str | None = None
    details: str | None = None
    incident: dict[str, Any] | None = None
    conversation_id: str | None = None


def fee_for(request_type: str, profile: Profile) -> int | None:
    fee = profile.fee
    if fee.status == "charged" and request_type in fee.applies_to:
        return fee.amount_jpy
    return None


def needs_identity(request_type: str, profile: Profile) -> bool:
    return request_type in profile.identity.required_for


@dataclass(frozen=True)
class CaseFilter:
    """What the console's case list is narrowed by; an empty field narrows nothing."""

    request_type: str = ""
    status: str = ""
    regime: str = ""
    overdue_on: dt.date | None = None  # only open cases due before this day
    assignee_id: int | None = None
    text: str = ""  # part of the reference, the requester's e-mail or name


class CaseService:
    def __init__(self, session: Session, clock: Clock = utc_now) -> None:
        self.session = session
        self.clock = clock

    def open(self, new: NewCase, profile: Profile, actor: str = "system") -> Case:
        """Open a case and move it to the first working status in one transaction."""
        now = self.clock()
        case = Case(
            reference=self._next_reference(now.year),
            profile_id=profile.company.id,
            request_type=new.request_type,
            regime=new.regime,
            language=new.language,
            channel=new.channel,
            status=Status.RECEIVED,
            identity_state="pending" if needs_identity(new.request_type, profile) else "not_required",
            fee_jpy=fee_for(new.request_type, profile),
            opened_at=now,
            due_date=deadlines.due_date(new.regime, now.date(), profile, new.request_type),
            requester_name=new.requester_name,
            requester_email=new.requester_email,
            reply_channel=new.reply_channel if new.requester_email is None else "email",
            flagged=list(new.flagged) or None,
            country=new.country,
            postal_address=new.postal_address,
            phone=new.phone,
            acting_for=new.acting_for,
            principal_name=new.principal_name,
            deputy_kind=new.deputy_kind,
            details=new.details,
            incident=new.incident,
            conversation_id=new.conversation_id,
        )
        self.session.add(case)
        self.session.flush()
        self._audit(case, actor, "opened", None, Status.RECEIVED, {"channel": new.channel})
        first = Status.AWAITING_IDENTITY if case.identity_state == "pending" else Status.IN_PROGRESS
        self.transition(case, first, actor)
        return case

    def transition(self, case: Case, target: str, actor: str, reason: str | None = None) -> None:
        if not allowed(case.status, target):
            raise CaseError(f"{case.reference}: {case.status} cannot become {target}")
        if case.status == Status.ON_HOLD and target in OPEN_STATUSES:
            if target != case.status_before_hold:
                raise CaseError(f"{case.reference}: a hold resumes to {case.status_before_hold}")
            self._resume(case)
        if target == Status.ON_HOLD:
            if not reason:
                raise CaseError("a hold needs a reason")
            case.status_before_hold, case.held_since = case.status, self.clock().date()
        previous, case.status = case.status, target
        self._audit(case, actor, "status", previous, target, {"reason": reason} if reason else {})

    def _resume(self, case: Case) -> None:
        """The days on hold do not count against the deadline."""
        held_days = (self.clock().date() - case.held_since).days if case.held_since else 0
        case.due_date += dt.timedelta(days=held_days)
        case.held_since = case.status_before_hold = None

    def extend(self, case: Case, actor: str, reason: str, days: int | None = None) -> None:
        if case.extended:
            raise CaseError(f"{case.reference}: the deadline was already extended")
        if case.status not in OPEN_STATUSES:
            raise CaseError(f"{case.reference}: only an open case can be extended")
        previous = case.due_date
        case.due_date, case.extended = deadlines.extended_due_date(case.regime, previous, days), True
        detail = {"reason": reason, "from": previous.isoformat(), "to": case.due_date.isoformat()}
        self._audit(case, actor, "extended", None, None, detail)

    def assign(self, case: Case, staff_id: int | None, actor: str) -> None:
        previous, case.assignee_id = case.assignee_id, staff_id
        self._audit(case, actor, "assigned", None, None, {"from": previous, "to": staff_id})

    def record(self, case: Case, actor: str, kind: str, detail: dict[str, Any]) -> None:
        """Add a non-status entry (a message in or out, a note) to the trail."""
        self._audit(case, actor, kind, None, None, detail)

    def get(self, reference: str) -> Case | None:
        return self.session.scalar(select(Case).where(Case.reference == reference))

    def find_for_requester(self, reference: str, email: str) -> Case | None:
        """The case only if the address matches; otherwise nothing, and no hint why."""
        case = self.get(reference.strip().upper())
        known = (case.requester_email or "").strip().lower() if case else ""
        if not known or known != email.strip().lower():
            return None
        return case

    def search(self, filters: CaseFilter, limit: int = 100, newest_first: bool = False) -> list[Case]:
        """Cases narrowed by `filters`: soonest due first (the console), or newest first (the CLI)."""
        order = Case.id.desc() if newest_first else Case.due_date
        query = select(Case).order_by(order).limit(limit)
        for column, value in (
            (Case.request_type, filters.request_type),
            (Case.status, filters.status),
            (Case.regime, filters.regime),
        ):
            if value:
                query = query.where(column == value)
        if filters.overdue_on:
            query = query.where(Case.status.in_(OPEN_STATUSES), Case.due_date < filters.overdue_on)
        if filters.assignee_id is not None:
            query = query.where(Case.assignee_id == filters.assignee_id)
        if text := filters.text.strip():
            like = f"%{text}%"
            searched = (Case.reference, Case.requester_email, Case.requester_name)
            query = query.where(or_(*(column.ilike(like) for column in searched)))
        return list(self.session.scalars(query))

    def for_conversation(self, conversation_id: str) -> list[Case]:
        """The cases a website chat opened, oldest first."""
        query = select(Case).where(Case.conversation_id == conversation_id).order_by(Case.id)
        return list(self.session.scalars(query))

    def events(self, case: Case) -> list[CaseEvent]:
        return list(
            self.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
        )

    def _next_reference(self, year: int) -> str:
        dialect = self.session.bind.dialect.name if self.session.bind else "sqlite"
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self.session.execute(insert(ReferenceCounter).values(year=year, last=0).on_conflict_do_nothing())
        number = self.session.scalar(
            update(ReferenceCounter)
            .where(ReferenceCounter.year == year)
            .values(last=ReferenceCounter.last + 1)
            .returning(ReferenceCounter.last)
        )
        return f"PRV-{year}-{number:06d}"

    def _audit(
        self, case: Case, actor: str, kind: str, before: str | None, after: str | None, detail: dict[str, Any]
    ) -> None:
        self.session.add(
            CaseEvent(
                case_id=case.id,
                at=self.clock(),
                actor=actor,
                kind=kind,
                from_status=before,
                to_status=after,
                detail=detail,
            )
        )
