"""A MIME part's payload as bytes, read around the email package's decoding instead of through it.

compat32 decodes 8-bit text with whatever charset a part declares and gives
up on broken base64, and real mail has both. So the decoder reads the parsed
tree here: the raw payload, header parameters that may be malformed, and the
transfer encoding undone by hand where the email package would fail.
"""

from __future__ import annotations

import binascii
import quopri
import re
from collections.abc import Iterator
from email.message import Message

from mail.reading.collector import Collector

MAX_DEPTH = 30  # deeper MIME nesting than this is an attack or a loop, not a mail


def raw_payload(part: Message) -> list[Message] | str:
    """The parsed payload, undecoded.

    Message.get_payload() would decode 8-bit text with the part's own charset
    label, which can raise on a malformed label; the attribute cannot.
    """
    payload = part._payload
    return payload if isinstance(payload, list | str) else ""


def walk(part: Message, depth: int = 0) -> Iterator[Message]:
    """The part and every part inside it, down to MAX_DEPTH."""
    yield part
    payload = raw_payload(part)
    if depth < MAX_DEPTH and isinstance(payload, list):
        for child in payload:
            if isinstance(child, Message):
                yield from walk(child, depth + 1)


def param(part: Message, name: str, header: str = "content-type") -> str | tuple | None:
    """A header parameter; None where malformed RFC 2231 continuations trip the email package."""
    try:
        return part.get_param(name, header=header)
    except (TypeError, ValueError, IndexError, LookupError):
        return None


def payload_bytes(part: Message, out: Collector) -> bytes:
    """The decoded body of a part, repairing broken base64 instead of giving up on it."""
    payload = raw_payload(part)
    if isinstance(payload, list):  # e.g. message/delivery-status: kept as its header blocks
        return b"\n".join(_message_bytes(child) for child in payload if isinstance(child, Message))
    if _encoding(part) == "base64":
        return _base64(to_bytes(payload), out)
    # decode=True is the only public way to the raw 8-bit bytes: without it compat32
    # decodes them with the declared charset, replacing what does not fit.
    data = part.get_payload(decode=True) or b""
    if _encoding(part) == "quoted-printable" and str(
        part.get("content-transfer-encoding")
    ).lower() != _encoding(part):
        data = quopri.decodestring(data)  # compat32 missed it because of stray whitespace
    return data


def transfer_decode(part: Message, text: str, out: Collector) -> bytes:
    """Undo the part's transfer encoding on text the parser did not decode itself."""
    raw = to_bytes(text)
    if _encoding(part) == "base64":
        return _base64(raw, out)
    return quopri.decodestring(raw) if _encoding(part) == "quoted-printable" else raw


def to_bytes(text: str) -> bytes:
    """Back to the bytes the parser read (it keeps 8-bit bytes as surrogates)."""
    try:
        return text.encode("latin-1", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def _message_bytes(message: Message) -> bytes:
    """A header block (and text body) as bytes again, rebuilt: the generator rejects what the parser took."""
    head = "".join(f"{name}: {value}\n" for name, value in message.raw_items())
    body = raw_payload(message)
    return to_bytes(head + ("\n" + body if isinstance(body, str) and body else ""))


def _encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _base64(raw: bytes, out: Collector) -> bytes:
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
    if len(cleaned) % 4 == 1 or (len(cleaned) % 4 and b"=" not in raw):
        out.note("body", "base64 data truncated")
        cleaned = cleaned[:-1] if len(cleaned) % 4 == 1 else cleaned  # a lone sextet holds no byte
    return binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))
