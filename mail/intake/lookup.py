"""What the mail rules and threading need to know from the case store, read-only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cases.models import Case, OutboxMessage
from cases.outbox import sender_address
from mail.intake.models import InboundMail
from mail.reading.threads import CaseRef
from mail.rules.base import MailContext
from responses.profiles.schema import Profile


class StoreLookup:
    """See `mail.reading.threads.CaseLookup`: our sent mail and earlier incoming mail lead to their case."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_message_id(self, message_id: str) -> CaseRef | None:
        case_id = self.session.scalar(
            select(OutboxMessage.case_id).where(OutboxMessage.message_id == message_id).limit(1)
        ) or self.session.scalar(
            select(InboundMail.case_id)
            .where(InboundMail.message_id == message_id, InboundMail.case_id.is_not(None))
            .limit(1)
        )
        case = self.session.get(Case, case_id) if case_id else None
        return CaseRef(case.reference, case.requester_email) if case else None

    def by_reference(self, reference: str) -> CaseRef | None:
        case = self.session.scalar(select(Case).where(Case.reference == reference))
        return CaseRef(case.reference, case.requester_email) if case else None

    def is_our_message_id(self, message_id: str) -> bool:
        found = self.session.scalar(select(OutboxMessage.id).where(OutboxMessage.message_id == message_id))
        return found is not None


def mail_context(session: Session, profile: Profile, mail_from: str | None) -> MailContext:
    """Our addresses (the sending one and the profile's desk address) and our sent Message-IDs."""
    addresses = {sender_address(profile, mail_from)} | ({profile.desk.email} if profile.desk.email else set())
    return MailContext(
        our_addresses=frozenset(addresses),
        our_message_ids=StoreLookup(session).is_our_message_id,
    )
