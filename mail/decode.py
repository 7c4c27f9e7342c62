"""Raw RFC 5322 bytes to a ParsedMail, the one view of a received mail that the rules read.

Mail from customers is often malformed, so every step repairs what it can and
records what it guessed in `defects` instead of failing: one odd mail must not
stop the runner. Only input that is not mail at all raises MailDecodeError.
compat32 is used because it never parses header values on its own (the
default policy's structured headers raise on some malformed ones); we decode
raw header values ourselves.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import quopri
import re
from collections.abc import Callable
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from typing import TypeVar

from mail.charsets import decode_header_with_note, decode_text
from mail.html_text import html_to_text
from mail.message import Attachment, ForwardedMessage, ParsedMail
from mail.quotes import find_links, inline_forwards

T = TypeVar("T")
_PARSER = BytesParser(policy=compat32)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_MAX_DEPTH = 30  # deeper MIME nesting than this is an attack or a loop, not a mail
_BODY_TYPES = ("text/plain", "text/html")
_FORWARD_TYPES = ("message/rfc822", "message/global")
_MESSAGE_ID = re.compile(r"<[^<>]*>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class MailDecodeError(Exception):
    """The input is not mail at all (empty, or without a single header field)."""


class _Collector:
    """What the walk over the MIME tree finds; branches share all but the text."""

    def __init__(self, cap: int, defects: list[str] | None = None) -> None:
        self.cap = cap
        self.texts: list[str] = []
        self.attachments: list[Attachment] = []
        self.forwarded: list[ForwardedMessage] = []
        self.defects: list[str] = defects if defects is not None else []

    def branch(self) -> _Collector:
        other = _Collector(self.cap, self.defects)
        other.attachments, other.forwarded = self.attachments, self.forwarded
        return other

    def note(self, where: str, what: str | None) -> None:
        if what and f"{where}: {what}" not in self.defects:
            self.defects.append(f"{where}: {what}")


def parse_mail(raw: bytes, attachment_cap: int = 10 * 1024 * 1024) -> ParsedMail:
    """Decode one received mail; see the module docstring for how errors are handled."""
    message, repaired = _parse_bytes(raw)
    out = _Collector(attachment_cap)
    if repaired:
        out.note("header", "stray lines between header fields dropped")
    _guarded(out, "structure", lambda: _visit(message, out, 0))
    text = "\n\n".join(part for part in out.texts if part.strip())
    _guarded(out, "inline forward", lambda: out.forwarded.extend(inline_forwards(text)))
    headers = _guarded(out, "header", lambda: _headers(message, out), {})
    sender, sender_name = _guarded(
        out, "header from", lambda: _first_address(_raw(message, "from"), out), (None, None)
    )
    return ParsedMail(
        message_id=_one_id(headers.get("message-id")),
        in_reply_to=_one_id(headers.get("in-reply-to")),
        references=tuple(_ids(headers.get("references", ""))),
        sender=sender,
        sender_name=sender_name,
        recipients=_guarded(out, "header to", lambda: _recipients(message), ()),
        subject=headers.get("subject", ""),
        date=_guarded(out, "header date", lambda: _date(headers.get("date"), out)),
        text=text,
        content_type=_guarded(out, "header content-type", message.get_content_type, "text/plain"),
        headers=headers,
        attachments=tuple(out.attachments),
        forwarded=tuple(out.forwarded),
        defects=tuple(out.defects + _guarded(out, "structure", lambda: _structure_defects(message), [])),
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


def _guarded(out: _Collector, where: str, step: Callable[[], T], default: T | None = None) -> T | None:
    """Run one decoding step; a failure becomes a defect, never an exception for the runner."""
    try:
        return step()
    except Exception as exc:  # malformed mail can trip the email package in many ways
        out.note(where, f"could not be read ({type(exc).__name__})")
        return default


# -- headers --------------------------------------------------------------------------------------


def _headers(message: Message, out: _Collector) -> dict[str, str]:
    """Lower-cased names to decoded first values."""
    headers: dict[str, str] = {}
    for name, value in message.raw_items():
        key = str(name).strip().lower()
        if key in headers or not key:
            continue
        text, note = decode_header_with_note(str(value))
        headers[key] = text
        out.note(f"header {_printable(key)}", note)
    return headers


def _raw(message: Message, name: str) -> list[str]:
    return [str(value) for key, value in message.raw_items() if str(key).strip().lower() == name]


def _first_address(raw: list[str], out: _Collector) -> tuple[str | None, str | None]:
    """The From addr-spec, lower-cased, and its display name."""
    pairs = _addresses(raw[:1])
    if not pairs:
        if raw:
            out.note("header from", "no usable address")
        return None, None
    name, address = pairs[0]
    return address, name or None


def _recipients(message: Message) -> tuple[str, ...]:
    raw = _raw(message, "to") + _raw(message, "cc")
    found = dict.fromkeys(address for _, address in _addresses(raw))
    return tuple(found)


def _addresses(raw: list[str]) -> list[tuple[str, str]]:
    """(decoded name, lower-cased addr-spec) pairs; names are decoded after parsing, so commas are safe."""
    pairs = []
    for name, address in getaddresses([_unfold(value) for value in raw]):
        address = decode_header_with_note(address)[0].strip().lower()
        if "@" in address and not re.search(r"\s", address):
            pairs.append((decode_header_with_note(name)[0], address))
    return pairs


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n[ \t]*", " ", value)


def _one_id(value: str | None) -> str | None:
    if not value:
        return None
    found = _MESSAGE_ID.search(value)
    token = re.sub(r"\s", "", found.group(0) if found else value)
    return token or None


def _ids(value: str) -> list[str]:
    found = [re.sub(r"\s", "", token) for token in _MESSAGE_ID.findall(value)]
    return [token for token in found if len(token) > 2] or value.split()


def _date(value: str | None, out: _Collector) -> dt.datetime | None:
    """An aware datetime; a zone-less date is read as UTC and noted."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        out.note("header date", "unparseable")
        return None
    if parsed.tzinfo is None:
        out.note("header date", "no time zone; read as UTC")
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _structure_defects(message: Message) -> list[str]:
    names = []
    for part in _parts(message, 0):
        names.extend(type(defect).__name__ for defect in getattr(part, "defects", ()))
    return [f"structure: {name}" for name in dict.fromkeys(names)]


def _parts(part: Message, depth: int):
    yield part
    payload = _payload(part)
    if depth < _MAX_DEPTH and isinstance(payload, list):
        for child in payload:
            if isinstance(child, Message):
                yield from _parts(child, depth + 1)


def _printable(value: str) -> str:
    return re.sub(r"[^a-z0-9_.-]", "?", value)[:40]


# -- the MIME tree --------------------------------------------------------------------------------


def _visit(part: Message, out: _Collector, depth: int) -> None:
    """Sort one part into body text, attachment or forward; multiparts recurse."""
    ctype = part.get_content_type()
    payload = _payload(part)
    if depth > _MAX_DEPTH:
        out.note("structure", "nesting too deep; inner parts skipped")
    elif ctype in _FORWARD_TYPES:
        _guarded(out, "forwarded message", lambda: out.forwarded.append(_forward(part, out)))
    elif isinstance(payload, list) and ctype == "multipart/alternative":
        _visit_alternative(payload, out, depth)
    elif isinstance(payload, list) and part.get_content_maintype() == "multipart":
        for child in payload:
            _guarded(out, "part", lambda child=child: _visit(child, out, depth + 1))
    elif part.get_content_maintype() == "multipart":  # boundary missing: the raw body is all we have
        out.note("structure", "multipart without usable boundary; read as text")
        out.texts.append(decode_text(_payload_bytes(part, out), None)[0])
    elif _is_attachment(part, ctype):
        out.attachments.append(_attachment(part, out))
    else:
        out.texts.append(_leaf_text(part, out))


def _visit_alternative(children: list[Message], out: _Collector, depth: int) -> None:
    """Keep the text/plain alternative when it has text, else the last (richest) one that does."""
    choices = []
    for child in children:
        branch = out.branch()
        _guarded(out, "part", lambda c=child, b=branch: _visit(c, b, depth + 1))
        choices.append((child.get_content_type(), "\n\n".join(branch.texts).strip()))
    plain = [text for ctype, text in choices if ctype == "text/plain" and text]
    rich = [text for _, text in choices if text]
    if plain or rich:
        out.texts.append(plain[0] if plain else rich[-1])


def _is_attachment(part: Message, ctype: str) -> bool:
    if ctype not in _BODY_TYPES:
        return True
    return part.get_content_disposition() == "attachment" or _filename(part) is not None


def _leaf_text(part: Message, out: _Collector) -> str:
    """A text/plain or text/html body part as readable text."""
    data = _payload_bytes(part, out)
    charset = _charset(part, data)
    text, note = decode_text(data, charset)
    out.note("body", note)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    if str(_param(part, "format") or "").lower() == "flowed":
        return _unflow(text, str(_param(part, "delsp") or "").lower() == "yes")
    return text


def _charset(part: Message, data: bytes) -> str | None:
    value = _param(part, "charset")
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


def _payload_bytes(part: Message, out: _Collector) -> bytes:
    """The decoded body of a part, repairing broken base64 instead of giving up on it."""
    payload = _payload(part)
    if isinstance(payload, list):  # e.g. message/delivery-status: kept as its header blocks
        return b"\n".join(_message_bytes(child) for child in payload if isinstance(child, Message))
    if _encoding(part) == "base64":
        return _base64(_to_bytes(payload), out)
    # decode=True is the only public way to the raw 8-bit bytes: without it compat32
    # decodes them with the declared charset, replacing what does not fit.
    data = part.get_payload(decode=True) or b""
    if _encoding(part) == "quoted-printable" and str(
        part.get("content-transfer-encoding")
    ).lower() != _encoding(part):
        data = quopri.decodestring(data)  # compat32 missed it because of stray whitespace
    return data


def _payload(part: Message) -> list[Message] | str:
    """The parsed payload, undecoded.

    Message.get_payload() would decode 8-bit text with the part's own charset
    label, which can raise on a malformed label; the attribute cannot.
    """
    payload = part._payload
    return payload if isinstance(payload, list | str) else ""


def _param(part: Message, name: str, header: str = "content-type") -> str | tuple | None:
    """A header parameter; None where malformed RFC 2231 continuations trip the email package."""
    try:
        return part.get_param(name, header=header)
    except (TypeError, ValueError, IndexError, LookupError):
        return None


def _message_bytes(message: Message) -> bytes:
    """A header block (and text body) as bytes again, rebuilt: the generator rejects what the parser took."""
    head = "".join(f"{name}: {value}\n" for name, value in message.raw_items())
    body = _payload(message)
    return _to_bytes(head + ("\n" + body if isinstance(body, str) and body else ""))


def _encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _transfer_decode(part: Message, text: str, out: _Collector) -> bytes:
    """Undo the part's transfer encoding on text the parser did not decode itself."""
    raw = _to_bytes(text)
    if _encoding(part) == "base64":
        return _base64(raw, out)
    return quopri.decodestring(raw) if _encoding(part) == "quoted-printable" else raw


def _base64(raw: bytes, out: _Collector) -> bytes:
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
    if len(cleaned) % 4 == 1 or (len(cleaned) % 4 and b"=" not in raw):
        out.note("body", "base64 data truncated")
        cleaned = cleaned[:-1] if len(cleaned) % 4 == 1 else cleaned  # a lone sextet holds no byte
    return binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))


def _to_bytes(text: str) -> bytes:
    """Back to the bytes the parser read (it keeps 8-bit bytes as surrogates)."""
    try:
        return text.encode("latin-1", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


# -- attachments ----------------------------------------------------------------------------------


def _attachment(part: Message, out: _Collector) -> Attachment:
    data = _payload_bytes(part, out)
    return Attachment(
        filename=_filename(part),
        content_type=part.get_content_type(),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data if len(data) <= out.cap else None,
    )


def _filename(part: Message) -> str | None:
    """The filename from Content-Disposition or the Content-Type name (RFC 2231, RFC 2047, raw 8-bit)."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        value = _param(part, param, header)
        if isinstance(value, tuple):
            charset, _, text = value
            name = decode_text(_to_bytes(text), charset or None)[0]
        elif value:
            name = decode_header_with_note(str(value))[0]
        else:
            continue
        if name.strip():
            return name.strip()
    return None


# -- forwarded mail -------------------------------------------------------------------------------


def _forward(part: Message, out: _Collector) -> ForwardedMessage:
    """A message/rfc822 part: who sent it, what it was called, and every link in it."""
    payload = _payload(part)
    inner = payload[0] if isinstance(payload, list) and payload else None
    if inner is None or not inner.keys():  # e.g. a base64-encoded message/rfc822, which is not allowed
        body = _payload(inner) if inner is not None else payload
        inner = _PARSER.parsebytes(_transfer_decode(part, body if isinstance(body, str) else "", out))
    raw_from = _raw(inner, "from")
    pairs = _addresses(raw_from[:1])
    subject = _raw(inner, "subject")
    date = _raw(inner, "date")
    links: list[str] = []
    for leaf in _parts(inner, 0):
        if leaf.get_content_type() in _BODY_TYPES and not leaf.is_multipart():
            links.extend(find_links(_leaf_text(leaf, out)))
    return ForwardedMessage(
        sender=pairs[0][1] if pairs else None,
        subject=decode_header_with_note(subject[0])[0] if subject else None,
        date=decode_header_with_note(date[0])[0] if date else None,
        links=tuple(dict.fromkeys(links)),
    )
