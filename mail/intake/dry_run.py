"""`madoguchi mail classify FILE.eml`: the runner's reading of one message, nothing stored or sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.client import Assistant
from mail.intake.triage import read
from mail.reading.decode import MailDecodeError
from responses.profiles.schema import Profile


def classify_file(
    path: Path, sessions: sessionmaker[Session], assistant: Assistant, profile: Profile, mail_from: str | None
) -> dict[str, Any]:
    raw = path.read_bytes()
    with sessions() as session:
        try:
            reading = read(raw, session, assistant, profile, mail_from)
        except MailDecodeError:
            return {
                "language": None,
                "intent": None,
                "confidence": 0.0,
                "decision": "escalate",
                "case_ref": None,
                "text": "",
            }
        finally:
            session.rollback()  # a dry run: nothing it touched is kept
    return {
        "language": reading.language,
        "intent": reading.intent,
        "confidence": round(reading.confidence, 4),
        "decision": reading.decision.kind,
        "case_ref": reading.decision.case_ref,
        "text": reading.text,
    }
