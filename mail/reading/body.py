"""A text/plain or text/html part as the readable text the rules and staff see.

Body parts come with missing or wrong charsets, HTML-only alternatives and
format=flowed line breaks; each is undone here so that the text reads as the
customer wrote it. Used for the body itself and for forwarded mail.
"""

from __future__ import annotations

import re
from email.message import Message

from mail.reading.charsets import decode_text
from mail.reading.collector import Collector
from mail.reading.html_text import html_to_text
from mail.reading.payload import param, payload_bytes

TEXT_TYPES = ("text/plain", "text/html")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def leaf_text(part: Message, out: Collector) -> str:
    """A text/plain or text/html body part as readable text."""
    data = payload_bytes(part, out)
    charset = _charset(part, data)
    text, note = decode_text(data, charset)
    out.note("body", note)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    if str(param(part, "format") or "").lower() == "flowed":
        return _unflow(text, str(param(part, "delsp") or "").lower() == "yes")
    return text


def _charset(part: Message, data: bytes) -> str | None:
    value = param(part, "charset")
    if isinstance(value, tuple):
        value = value[2]
    if not value and part.get_content_type() == "text/html":
        meta = _META_CHARSET.search(data[:4096])
        value = meta.group(1).decode("ascii") if meta else None
    return str(value) if value else None


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676: join soft-broken lines (ending in a space) so sentences are whole again."""
    joined: list[str] = []
    soft = False
    for line in text.split("\n"):
        line = line.removeprefix(" ")  # space-stuffing
        if soft:
            joined[-1] += line
        else:
            joined.append(line)
        soft = line.endswith(" ") and line != "-- "
        if soft and delsp:
            joined[-1] = joined[-1][:-1]
    return "\n".join(joined)
