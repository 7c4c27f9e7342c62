"""Small readings of a customer's turn: cancel, yes, the request a question names, an upset tone.

The details a form needs (names, addresses, e-mail...) are read by cases.extraction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from cases.extraction import contacts, phrases
from responses.language import fold

_VOCAB = Path(__file__).with_name("vocab.yaml")
_REFERENCE = re.compile(r"PRV\s*-?\s*(\d{4})\s*-?\s*(\d{6})", re.IGNORECASE)
_TRIM = " \t\r\n。、．，,.!！?？「」\"'"


@lru_cache(maxsize=1)
def vocab() -> dict:
    return yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))


def _key(text: str) -> str:
    return fold(text).lower().strip(_TRIM)


def is_cancel(text: str | None) -> bool:
    key = _key(text or "")
    return key in {str(word).lower() for word in vocab()["cancel"]}


def is_yes(text: str | None) -> bool:
    return _key(text or "") in {str(word).lower() for word in vocab()["yes"]}


def email(text: str | None) -> str | None:
    """The first e-mail address in the text, as the extractor cleans it."""
    return next((found.value for found in contacts.emails(fold(text))), None)


def as_written(text: str | None) -> str:
    """An answer kept as the customer wrote it (after asking twice), tidied and bounded."""
    return re.sub(r"\s+", " ", fold(text))[:2000]


def incident_channel(text: str | None) -> str | None:
    found = phrases.choose(fold(text), phrases.phrases()["incident_channel"])
    return found.value if found else None


def request_kind(text: str | None) -> str | None:
    """The request a "how do I ..." question is about, if it names one."""
    found = phrases.choose(fold(text), vocab()["request_kind"])
    return found.value if found else None


def wants_to(text: str | None) -> bool:
    """Whether the customer says they want to do something ("したい", "I'd like to")."""
    folded = fold(text).lower()
    return any(phrases.contains(folded, str(word)) for word in vocab()["wants_to"])


def sounds_upset(text: str | None) -> bool:
    folded = _key(text or "")
    raw = fold(text).lower()
    return any(phrases.contains(folded, str(word)) or str(word) in raw for word in vocab()["upset"])


def reference(text: str | None) -> str | None:
    match = _REFERENCE.search(fold(text))
    return f"PRV-{match.group(1)}-{match.group(2)}" if match else None
