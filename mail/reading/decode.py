"""Raw RFC 5322 bytes to a ParsedMail, the one view of a received mail that the rules read.

Mail from customers is often malformed, so every step repairs what it can and
records what it guessed in `defects` instead of failing: one odd mail must not
stop the runner. Only input that is not mail at all raises MailDecodeError.
compat32 is used because it never parses header values on its own (the
default policy's structured headers raise on some malformed ones); we decode
raw header values ourselves. This module is the entry point; the header
fields are read in mail.reading.headers and the MIME tree in mail.reading.parts.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from mail.errors import MailDecodeError
from mail.reading.collector import Collector, guarded
from mail.reading.headers import header_fields
from mail.reading.message import ParsedMail
from mail.reading.parts import structure_defects, visit
from mail.reading.quotes import inline_forwards

_PARSER = BytesParser(policy=compat32)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def parse_mail(raw: bytes, attachment_cap: int = 10 * 1024 * 1024) -> ParsedMail:
    """Decode one received mail; see the module docstring for how errors are handled."""
    message, repaired = _parse_bytes(raw)
    out = Collector(attachment_cap)
    if repaired:
        out.note("header", "stray lines between header fields dropped")
    guarded(out, "structure", lambda: visit(message, out, 0))
    text = "\n\n".join(part for part in out.texts if part.strip())
    guarded(out, "inline forward", lambda: out.forwarded.extend(inline_forwards(text)))
    fields = header_fields(message, out)
    content_type = guarded(out, "header content-type", message.get_content_type, "text/plain")
    defects = out.defects + guarded(out, "structure", lambda: structure_defects(message), [])
    return ParsedMail(
        **fields,
        text=text,
        content_type=content_type,
        attachments=tuple(out.attachments),
        forwarded=tuple(out.forwarded),
        defects=tuple(defects),
    )


def _parse_bytes(raw: bytes) -> tuple[Message, bool]:
    """The parsed message, and whether stray lines had to be dropped from its header."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise MailDecodeError("input is not bytes")
    data = bytes(raw).lstrip(b"\r\n")
    if not data.strip():
        raise MailDecodeError("input is empty")
    data, repaired = _repair_header(data)
    try:
        message = _PARSER.parsebytes(data)
    except Exception as exc:  # the feedparser is lenient; anything it rejects is not mail
        raise MailDecodeError("input could not be parsed as mail") from exc
    if not message.keys():
        raise MailDecodeError("input has no header fields")
    return message, repaired


def _repair_header(data: bytes) -> tuple[bytes, bool]:
    """Drop non-header lines that sit between header fields; the parser would end the header there."""
    end = re.search(rb"\r?\n\r?\n", data)
    head, rest = (data[: end.start()], data[end.start() :]) if end else (data, b"")
    lines = head.split(b"\n")
    fields = {
        i for i, line in enumerate(lines) if _HEADER_LINE.match(line) or (i and line[:1] in (b" ", b"\t"))
    }
    if lines[0].startswith(b"From "):  # an mbox separator line
        fields.add(0)
    stray = {i for i in range(max(fields, default=-1)) if i not in fields}
    if not stray:
        return data, False
    return b"\n".join(line for i, line in enumerate(lines) if i not in stray) + rest, True
