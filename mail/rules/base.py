"""The vocabulary shared by the mail rules: a verdict, the context, the rule protocol.

Rules answer a yes/no question with a reason, never by raising, so the runner
can record why a message was not answered and staff can read it. Reasons are
fixed phrases: they go to logs and the audit trail, so they never quote the
sender, the subject or the body. Values the runner needs (a Message-ID, the
header that matched) go in `detail`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from mail.reading.message import ParsedMail


@dataclass(frozen=True)
class Verdict:
    matched: bool
    reason: str
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class MailContext:
    """What a rule must know about us that is not in the message.

    Addresses are stored normalised whatever the caller passes, because a rule
    that compares them must not depend on how the settings were typed. There
    are no domains here on purpose: colleagues at the company's domain write to
    the desk and must be answered (see own_mail). `our_message_ids` answers from
    the outbox (ids we sent), so a loop is caught even when a relay rewrote From.
    """

    our_addresses: frozenset[str]
    our_message_ids: Callable[[str], bool]

    def __post_init__(self) -> None:
        object.__setattr__(self, "our_addresses", _lowered(self.our_addresses))


class Rule(Protocol):
    """One check in a chain. `name` is stable: the runner and expected.yaml refer to it."""

    name: str

    def check(self, mail: ParsedMail, context: MailContext) -> Verdict: ...


def _lowered(values: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_address(value) for value in values)


def normalise_address(address: str) -> str:
    """Compare addresses after NFKC (full-width ＠ and letters) and case folding."""
    return unicodedata.normalize("NFKC", address).strip().casefold()


_TOKEN = re.compile(r"\s*([A-Za-z0-9_-]+)")


def first_token(value: str | None) -> str | None:
    """The leading keyword of a header, lower-cased: "auto-replied; owner-email=…" → "auto-replied"."""
    match = _TOKEN.match(value or "")
    return match.group(1).lower() if match else None


def header(mail: ParsedMail, name: str) -> str | None:
    """A header value stripped, or None when absent or blank; `name` is lower-case."""
    value = mail.headers.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


_REPORT_TYPE = re.compile(r"""report-type\s*=\s*"?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def report_type(mail: ParsedMail) -> str | None:
    """The report-type of a multipart/report (RFC 6522), lower-cased; None for other mail."""
    if mail.content_type.lower() != "multipart/report":
        return None
    match = _REPORT_TYPE.search(header(mail, "content-type") or "")
    return match.group(1).lower() if match else ""
