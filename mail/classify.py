"""`madoguchi mail classify FILE.eml`: the runner's reading of one message, nothing stored or sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.cases.db import session_factory
from bot.profiles import load_profile
from bot.rasa_client import Assistant
from bot.settings import Settings
from mail.decode import MailDecodeError
from mail.reading import read


def classify_file(path: Path, config: Settings) -> dict[str, Any]:
    raw = path.read_bytes()
    with session_factory(config.database_url)() as session:
        try:
            reading = read(
                raw, session, Assistant(config.rasa_url), load_profile(config.profile), config.mail_from
            )
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
