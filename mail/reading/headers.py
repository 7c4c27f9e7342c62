"""The header fields of a received mail as ParsedMail fields: addresses, Message-IDs, date, values.

compat32 leaves header values raw (see mail.reading.decode), so they are decoded
here, leniently: a broken address, ID or date is noted as a defect and read
as well as it can be, because threading and replies depend on these fields.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from mail.reading.charsets import decode_header_with_note
from mail.reading.collector import Collector, guarded

_MESSAGE_ID = re.compile(r"<[^<>]*>")


def header_fields(message: Message, out: Collector) -> dict[str, Any]:
    """The ParsedMail fields that come from the header; a step that fails leaves its default."""
    headers = guarded(out, "header", lambda: _headers(message, out), {})
    sender, sender_name = guarded(
        out, "header from", lambda: _first_address(raw_values(message, "from"), out), (None, None)
    )
    return {
        "message_id": _one_id(headers.get("message-id")),
        "in_reply_to": _one_id(headers.get("in-reply-to")),
        "references": tuple(_ids(headers.get("references", ""))),
        "sender": sender,
        "sender_name": sender_name,
        "recipients": guarded(out, "header to", lambda: _recipients(message), ()),
        "subject": headers.get("subject", ""),
        "date": guarded(out, "header date", lambda: _date(headers.get("date"), out)),
        "headers": headers,
    }


def raw_values(message: Message, name: str) -> list[str]:
    """Every undecoded value of one header field, in order; name is lower-case."""
    return [str(value) for key, value in message.raw_items() if str(key).strip().lower() == name]


def addresses(raw: list[str]) -> list[tuple[str, str]]:
    """(decoded name, lower-cased addr-spec) pairs; names are decoded after parsing, so commas are safe."""
    pairs = []
    for name, address in getaddresses([_unfold(value) for value in raw]):
        address = decode_header_with_note(address)[0].strip().lower()
        if "@" in address and not re.search(r"\s", address):
            pairs.append((decode_header_with_note(name)[0], address))
    return pairs


def _headers(message: Message, out: Collector) -> dict[str, str]:
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


def _first_address(raw: list[str], out: Collector) -> tuple[str | None, str | None]:
    """The From addr-spec, lower-cased, and its display name."""
    pairs = addresses(raw[:1])
    if not pairs:
        if raw:
            out.note("header from", "no usable address")
        return None, None
    name, address = pairs[0]
    return address, name or None


def _recipients(message: Message) -> tuple[str, ...]:
    raw = raw_values(message, "to") + raw_values(message, "cc")
    found = dict.fromkeys(address for _, address in addresses(raw))
    return tuple(found)


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


def _date(value: str | None, out: Collector) -> dt.datetime | None:
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


def _printable(value: str) -> str:
    return re.sub(r"[^a-z0-9_.-]", "?", value)[:40]
