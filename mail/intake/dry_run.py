"""`madoguchi mail classify FILE.eml`: the runner's triage of one message, nothing stored or sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from mail.errors import MailDecodeError
from mail.intake.triage import Nlu, triage
from mail.rules.decisions import DecisionKind
from responses.profiles.schema import Profile


def triage_report(
    path: Path, sessions: sessionmaker[Session], assistant: Nlu, profile: Profile, mail_from: str | None
) -> dict[str, Any]:
    """What the runner would decide for the message in `path`, as the command prints it (JSON-ready)."""
    raw = path.read_bytes()
    with sessions() as session:
        try:
            found = triage(raw, session, assistant, profile, mail_from)
        except MailDecodeError:  # the runner quarantines such mail for a person at once
            return {
                "language": None,
                "intent": None,
                "confidence": 0.0,
                "decision": DecisionKind.ESCALATE.value,
                "case_ref": None,
                "text": "",
            }
        finally:
            session.rollback()  # a dry run: nothing it touched is kept
    return {
        "language": found.language,
        "intent": found.intent,
        "confidence": round(found.confidence, 4),
        "decision": found.decision.kind.value,
        "case_ref": found.decision.case_ref,
        "text": found.text,
    }
