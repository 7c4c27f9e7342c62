"""The walk over a mail's MIME tree that sorts each part into body text, attachment or forward.

Mailers nest parts in every way (alternatives, mixed, reports, missing
boundaries, forwards inside forwards); this is the one place that decides
what a part is, and it survives any part it cannot read by noting a defect.
"""

from __future__ import annotations

import hashlib
from email.message import Message

from mail.reading.body import TEXT_TYPES, leaf_text
from mail.reading.charsets import decode_header_with_note, decode_text
from mail.reading.collector import Collector, guarded
from mail.reading.forwarded import forward
from mail.reading.message import Attachment
from mail.reading.payload import MAX_DEPTH, param, payload_bytes, raw_payload, to_bytes, walk

_FORWARD_TYPES = ("message/rfc822", "message/global")


def visit(part: Message, out: Collector, depth: int) -> None:
    """Sort one part into body text, attachment or forward; multiparts recurse."""
    ctype = part.get_content_type()
    payload = raw_payload(part)
    if depth > MAX_DEPTH:
        out.note("structure", "nesting too deep; inner parts skipped")
    elif ctype in _FORWARD_TYPES:
        guarded(out, "forwarded message", lambda: out.forwarded.append(forward(part, out)))
    elif isinstance(payload, list) and ctype == "multipart/alternative":
        _visit_alternative(payload, out, depth)
    elif isinstance(payload, list) and part.get_content_maintype() == "multipart":
        for child in payload:
            guarded(out, "part", lambda child=child: visit(child, out, depth + 1))
    elif part.get_content_maintype() == "multipart":  # boundary missing: the raw body is all we have
        out.note("structure", "multipart without usable boundary; read as text")
        out.texts.append(decode_text(payload_bytes(part, out), None)[0])
    elif _is_attachment(part, ctype):
        out.attachments.append(_attachment(part, out))
    else:
        out.texts.append(leaf_text(part, out))


def structure_defects(message: Message) -> list[str]:
    """The defects the email package itself noted anywhere in the tree, once each."""
    names = []
    for part in walk(message):
        names.extend(type(defect).__name__ for defect in getattr(part, "defects", ()))
    return [f"structure: {name}" for name in dict.fromkeys(names)]


def _visit_alternative(children: list[Message], out: Collector, depth: int) -> None:
    """Keep the text/plain alternative when it has text, else the last (richest) one that does."""
    choices = []
    for child in children:
        branch = out.branch()
        guarded(out, "part", lambda c=child, b=branch: visit(c, b, depth + 1))
        choices.append((child.get_content_type(), "\n\n".join(branch.texts).strip()))
    plain = [text for ctype, text in choices if ctype == "text/plain" and text]
    rich = [text for _, text in choices if text]
    if plain or rich:
        out.texts.append(plain[0] if plain else rich[-1])


def _is_attachment(part: Message, ctype: str) -> bool:
    if ctype not in TEXT_TYPES:
        return True
    return part.get_content_disposition() == "attachment" or _filename(part) is not None


def _attachment(part: Message, out: Collector) -> Attachment:
    data = payload_bytes(part, out)
    return Attachment(
        filename=_filename(part),
        content_type=part.get_content_type(),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data if len(data) <= out.cap else None,
    )


def _filename(part: Message) -> str | None:
    """The filename from Content-Disposition or the Content-Type name (RFC 2231, RFC 2047, raw 8-bit)."""
    for header, name_param in (("content-disposition", "filename"), ("content-type", "name")):
        value = param(part, name_param, header)
        if isinstance(value, tuple):
            charset, _, text = value
            name = decode_text(to_bytes(text), charset or None)[0]
        elif value:
            name = decode_header_with_note(str(value))[0]
        else:
            continue
        if name.strip():
            return name.strip()
    return None
