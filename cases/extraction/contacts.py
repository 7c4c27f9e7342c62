"""E-mail addresses, phone numbers, and what must not be mistaken for them (references, URLs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'、。]+", re.IGNORECASE)
REFERENCE = re.compile(r"PRV\s*-?\s*\d{4}\s*-?\s*\d{6}", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    value: str
    start: int
    end: int


def emails(text: str) -> Iterator[Found]:
    """Addresses that email-validator accepts (syntax only: no network), lower-cased."""
    for match in _EMAIL.finditer(text):
        try:
            checked = validate_email(match.group(0), check_deliverability=False)
        except EmailNotValidError:
            continue
        yield Found(checked.normalized.lower(), match.start(), match.end())


def urls(text: str) -> Iterator[Found]:
    for match in _URL.finditer(text):
        yield Found(match.group(0).rstrip(".,)"), match.start(), match.end())


def references(text: str) -> Iterator[Found]:
    for match in REFERENCE.finditer(text):
        yield Found(match.group(0), match.start(), match.end())


def phones(text: str) -> Iterator[Found]:
    """Valid numbers, Japanese by default: national format at home, international abroad.

    libphonenumber's VALID leniency already refuses postcodes, dates, amounts and references.
    """
    try:
        matches = list(phonenumbers.PhoneNumberMatcher(text, "JP", leniency=phonenumbers.Leniency.VALID))
    except Exception:  # a library error on strange input must not lose the turn
        return
    for match in matches:
        yield Found(format_phone(match.number), match.start, match.end)


def format_phone(number: phonenumbers.PhoneNumber) -> str:
    if number.country_code == 81:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
