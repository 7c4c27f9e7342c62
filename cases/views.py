"""Read-only views of a case for templates: what a customer may be told, nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cases.models import Case


@dataclass(frozen=True)
class IncidentView:
    channel: str | None
    date: str | None
    asked_for: str | None
    sender: str | None
    subject: str | None = None  # of a forwarded suspicious mail
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseView:
    reference: str
    request_type: str
    regime: str
    language: str
    status: str
    due_date: dt.date
    fee_jpy: int | None
    needs_identity: bool
    opened_on: dt.date
    channel: str

    @classmethod
    def of(cls, case: Case) -> CaseView:
        return cls(
            reference=case.reference,
            request_type=case.request_type,
            regime=case.regime,
            language=case.language,
            status=case.status,
            due_date=case.due_date,
            fee_jpy=case.fee_jpy,
            needs_identity=case.identity_state != "not_required",
            opened_on=case.opened_at.date(),
            channel=case.channel,
        )


@dataclass(frozen=True)
class RequesterView:
    name: str
    email: str | None
    reply_channel: str  # email, or post or phone for a requester without e-mail
    country: str | None
    postal_address: str | None
    phone: str | None
    acting_for: str
    principal_name: str | None
    deputy_kind: str | None
    details: str | None
    incident: IncidentView | None

    @classmethod
    def of(cls, case: Case) -> RequesterView:
        incident: dict[str, Any] | None = case.incident
        return cls(
            name=case.requester_name,
            email=case.requester_email,
            reply_channel=case.reply_channel,
            country=case.country,
            postal_address=case.postal_address,
            phone=case.phone,
            acting_for=case.acting_for,
            principal_name=case.principal_name,
            deputy_kind=case.deputy_kind,
            details=case.details,
            incident=IncidentView(**incident) if incident else None,
        )
