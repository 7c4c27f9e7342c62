"""`madoguchi cases`: a quick look at the case store from a terminal."""

from __future__ import annotations

import sys

from cases.service import CaseFilter, CaseService
from desk.held_mail import held_query
from madoguchi.db import open_store
from madoguchi.settings import settings
from mail.intake.models import InboundMail


def list_cases(status: str | None) -> int:
    with open_store(settings().database_url)() as session:
        for case in CaseService(session).search(CaseFilter(status=status or ""), newest_first=True):
            print(
                f"{case.reference}  {case.request_type:20} {case.regime:5} {case.status:18} "
                f"due {case.due_date}  {case.language} {case.channel}"
            )
    return 0


def show_case(reference: str) -> int:
    with open_store(settings().database_url)() as session:
        service = CaseService(session)
        case = service.get(reference)
        if case is None:
            print(f"no case {reference}", file=sys.stderr)
            return 1
        for field in (
            "reference",
            "profile_id",
            "request_type",
            "regime",
            "language",
            "channel",
            "status",
            "identity_state",
            "fee_jpy",
            "opened_at",
            "due_date",
            "requester_name",
            "requester_email",
            "country",
            "postal_address",
            "phone",
            "acting_for",
            "principal_name",
            "deputy_kind",
            "details",
            "incident",
        ):
            print(f"{field:16} {getattr(case, field)}")
        print("audit trail:")
        for event in service.events(case):
            change = f"{event.from_status} -> {event.to_status}" if event.to_status else ""
            print(f"  {event.at:%Y-%m-%d %H:%M:%S} {event.actor:10} {event.kind:12} {change} {event.detail}")
    return 0


def list_held_mail() -> int:
    """Mail that waits for staff (escalated or quarantined, not yet settled): the console's queue."""
    with open_store(settings().database_url)() as session:
        for row in session.scalars(held_query().order_by(InboundMail.id)):
            print(
                f"#{row.id} {row.received_at:%Y-%m-%d %H:%M} {row.status:11} tries={row.tries} "
                f"{row.reason or row.last_error or ''}"
            )
    return 0
