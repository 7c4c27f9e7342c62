"""Which case a received message belongs to.

Headers first: In-Reply-To and References name Message-IDs we recorded (ours
are unguessable, from make_msgid), so a match there is trusted. Then the case
reference in the Subject, which anyone can type: it counts only when the sender
is the case's requester. A stranger naming a case gets an untrusted match, so
the runner can hand the message to staff without confirming to the stranger
that the case exists. A reference in the body alone never threads: bodies quote
other people's mail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, Protocol

from mail.reading.message import ParsedMail

# Lookups per message are bounded: a References header can be made arbitrarily
# long, and the newest ids are the ones that name the live conversation.
MAX_REFERENCES = 20

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_DASH = r"[-‐‑‒–—―−ー_]"
# Applied after NFKC, so ＰＲＶ－２０２６－０００１２３ reads as PRV-2026-000123.
_REFERENCE = re.compile(
    rf"(?<![A-Z0-9])PRV\s*{_DASH}?\s*(\d{{4}})\s*{_DASH}?\s*(\d{{6}})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseRef:
    reference: str
    email: str


class CaseLookup(Protocol):
    """The case store as threading needs it; the runner passes one bound to its session."""

    def by_message_id(self, message_id: str) -> CaseRef | None:
        """The case of a recorded Message-ID (our outgoing mail or earlier incoming mail), with brackets."""
        ...

    def by_reference(self, reference: str) -> CaseRef | None:
        """The case with this canonical reference, PRV-YYYY-NNNNNN."""
        ...


@dataclass(frozen=True)
class ThreadMatch:
    case: CaseRef | None
    how: Literal["headers", "subject", "none"]
    trusted: bool
    reason: str


def thread(mail: ParsedMail, lookup: CaseLookup) -> ThreadMatch:
    """Find the case of `mail`: by headers (trusted), by subject reference (trusted only from the owner)."""
    for message_id in header_message_ids(mail):
        case = lookup.by_message_id(message_id)
        if case is not None:
            return ThreadMatch(case, "headers", True, "replies to a message recorded on the case")
    return _by_subject(mail, lookup)


def _by_subject(mail: ParsedMail, lookup: CaseLookup) -> ThreadMatch:
    stranger_case: CaseRef | None = None
    for reference in subject_references(mail.subject):
        case = lookup.by_reference(reference)
        if case is None:
            continue
        if mail.sender and _same_address(mail.sender, case.email):
            return ThreadMatch(case, "subject", True, "subject names a case of the sender")
        stranger_case = stranger_case or case
    if stranger_case is not None:
        return ThreadMatch(stranger_case, "subject", False, "subject names a case of another requester")
    return ThreadMatch(None, "none", False, "no recorded message id or known case reference")


def header_message_ids(mail: ParsedMail) -> tuple[str, ...]:
    """In-Reply-To, then References newest first, without repeats, at most MAX_REFERENCES + its own."""
    replied = _ids(mail.in_reply_to or "")
    referenced = [found for value in mail.references for found in _ids(value)]
    ordered = replied + referenced[::-1][:MAX_REFERENCES]
    return tuple(dict.fromkeys(ordered))


def _ids(value: str) -> list[str]:
    """Message-IDs in a header value; a bare id without brackets (seen from some clients) is wrapped."""
    found = _MESSAGE_ID.findall(value)
    if found:
        return found
    bare = value.strip()
    return [f"<{bare}>"] if "@" in bare and not any(c.isspace() for c in bare) else []


def subject_references(subject: str) -> tuple[str, ...]:
    """Case references in a subject, canonical (PRV-2026-000123), in order, without repeats."""
    text = unicodedata.normalize("NFKC", subject)
    found = (f"PRV-{year}-{number}" for year, number in _REFERENCE.findall(text))
    return tuple(dict.fromkeys(found))


def _same_address(left: str, right: str) -> bool:
    def norm(value: str) -> str:
        return unicodedata.normalize("NFKC", value).strip().casefold()

    return bool(norm(left)) and norm(left) == norm(right)
