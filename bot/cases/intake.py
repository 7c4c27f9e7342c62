"""Open a case and queue its acknowledgement mail in one transaction.

Chat and mail intake both end here, so a request gets the same case, form
and identity instructions whichever way it came in.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from bot.cases.service import CaseService, NewCase
from bot.cases.views import CaseView, RequesterView
from bot.profiles.schema import Profile
from mail.compose import case_opened_mail
from mail.outbox import enqueue


def open_request(
    sessions: sessionmaker[Session], new: NewCase, profile: Profile, mail_from: str | None
) -> tuple[CaseView, RequesterView]:
    with sessions.begin() as session:
        service = CaseService(session)
        case = service.open(new, profile)
        views = CaseView.of(case), RequesterView.of(case)
        message = case_opened_mail(*views, profile, mail_from)
        enqueue(session, message, case.id)
        service.record(
            case, "system", "message_out", {"message_id": str(message["Message-ID"]), "kind": "ack"}
        )
    return views
