"""Check and tidy what a customer typed into a request form; None means ask again."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from cases.regimes import regime_for_residence
from responses.language import fold

_VOCAB = Path(__file__).with_name("vocab.yaml")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_POSTCODE = re.compile(r"(?:〒\s*)?(\d{3})-?(\d{4})(?!\d)")
_REFERENCE = re.compile(r"PRV\s*-?\s*(\d{4})\s*-?\s*(\d{6})", re.IGNORECASE)
_TRIM = " \t\r\n。、．，,.!！?？「」\"'"


@lru_cache(maxsize=1)
def vocab() -> dict:
    return yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))


def _key(text: str) -> str:
    return fold(text).lower().strip(_TRIM)


def _choose(text: str, options: dict[str, list[str]]) -> str | None:
    """The option whose words appear in the text; the longest match wins ties."""
    folded = _key(text)
    best: tuple[int, str] | None = None
    for option, words in options.items():
        for word in words:
            if _contains(folded, str(word).lower()) and (best is None or len(word) > best[0]):
                best = (len(word), option)
    return best[1] if best else None


def _contains(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None
    return word in text


def is_cancel(text: str | None) -> bool:
    key = _key(text or "")
    return key in {str(word).lower() for word in vocab()["cancel"]}


def is_yes(text: str | None) -> bool:
    return _key(text or "") in {str(word).lower() for word in vocab()["yes"]}


def name(text: str | None) -> str | None:
    value = fold(text)
    if not 1 <= len(value) <= 100 or "@" in value or not re.search(r"[^\d\s\-+()]", value):
        return None
    return re.sub(r"\s+", " ", value)


def email(text: str | None) -> str | None:
    match = _EMAIL.search(fold(text))
    return match.group(0).lower() if match else None


def country(text: str | None) -> str | None:
    value = fold(text)
    return value if value and regime_for_residence(value) else None


def postal_address(text: str | None, abroad: bool) -> str | None:
    """A Japanese address needs its 〒 postcode; an address abroad needs to be an address."""
    value = re.sub(r"\s+", " ", fold(text))
    match = _POSTCODE.search(value)
    if match:
        rest = (value[: match.start()] + value[match.end() :]).strip(" ,、")
        return f"〒{match.group(1)}-{match.group(2)} {rest}" if len(rest) >= 4 else None
    if abroad and len(value) >= 10 and re.search(r"\d", value):
        return value
    return None


def phone(text: str | None) -> str | None:
    value = fold(text)
    digits = re.sub(r"[\s\-().]", "", value)
    return value if re.fullmatch(r"\+?\d{10,15}", digits) else None


def free_text(text: str | None, minimum: int = 2) -> str | None:
    value = fold(text)
    return value[:2000] if len(value) >= minimum else None


def acting_for(text: str | None) -> str | None:
    return _choose(text or "", vocab()["acting_for"])


def deputy_kind(text: str | None) -> str | None:
    return _choose(text or "", vocab()["deputy_kind"])


def incident_channel(text: str | None) -> str | None:
    return _choose(text or "", vocab()["incident_channel"])


def request_kind(text: str | None) -> str | None:
    """The request a "how do I ..." question is about, if it names one."""
    return _choose(text or "", vocab()["request_kind"])


def sounds_upset(text: str | None) -> bool:
    folded = _key(text or "")
    raw = fold(text).lower()
    return any(_contains(folded, str(word).lower()) or str(word) in raw for word in vocab()["upset"])


def reference(text: str | None) -> str | None:
    match = _REFERENCE.search(fold(text))
    return f"PRV-{match.group(1)}-{match.group(2)}" if match else None
