"""A received e-mail as the pipeline sees it: decoded once, then read by pure rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    content_type: str
    size: int
    sha256: str
    data: bytes | None  # None when the attachment is over the size cap; size and hash are still kept


@dataclass(frozen=True)
class ForwardedMessage:
    """A message/rfc822 part, e.g. a suspicious mail the customer forwards to us."""

    sender: str | None
    subject: str | None
    date: str | None
    links: tuple[str, ...]


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None  # with angle brackets, as in the header
    in_reply_to: str | None
    references: tuple[str, ...]
    sender: str | None  # addr-spec of From, lower-cased
    sender_name: str | None
    recipients: tuple[str, ...]
    subject: str
    date: dt.datetime | None
    text: str  # the whole body as readable text (HTML turned into text)
    content_type: str  # of the top-level part, e.g. "multipart/report"
    headers: Mapping[str, str]  # lower-cased names, decoded values, first occurrence
    attachments: tuple[Attachment, ...] = ()
    forwarded: tuple[ForwardedMessage, ...] = ()
    defects: tuple[str, ...] = field(default=())  # what had to be guessed or repaired
