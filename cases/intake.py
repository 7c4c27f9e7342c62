"""Open a case and queue its acknowledgement mail in one transaction.

Chat and mail intake both end here, so a request gets the same case, form
and identity instructions whichever way it came in.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cases.models import Case
from cases.outbox import message_domain, new_message_id, queue
from cases.service import CaseService, NewCase
from responses.profiles.schema import Profile


def open_request(
    session: Session, new: NewCase, profile: Profile, mail_from: str | None, in_reply_to: str | None = None
) -> Case:
    """Open the case and queue the acknowledgement, in the caller's transaction.

    A requester without e-mail is answered by post or phone: the case's trail
    tells staff to post the acknowledgement and form, or to call.
    """
    case = CaseService(session).open(new, profile)
    if case.requester_email is None:
        CaseService(session).record(
            case, "system", "reply_by", {"channel": case.reply_channel, "kind": "case_opened"}
        )
        return case
    mail_requester(
        session,
        case,
        "case_opened",
        new_message_id(case.reference, message_domain(profile, mail_from)),
        "system",
        in_reply_to=in_reply_to,
    )
    return case


def mail_requester(
    session: Session,
    case: Case,
    kind: str,
    message_id: str,
    actor: str,
    raw: bytes | None = None,
    in_reply_to: str | None = None,
) -> None:
    """Queue a mail to the case's requester and write it on the case's trail, together."""
    queue(
        session,
        kind=kind,
        recipient=case.requester_email,
        message_id=message_id,
        case_id=case.id,
        in_reply_to=in_reply_to,
        raw=raw,
    )
    CaseService(session).record(case, actor, "message_out", {"message_id": message_id, "kind": kind})
