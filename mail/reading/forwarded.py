"""A message/rfc822 part reduced to what staff need to judge it: sender, subject, date and links.

Customers forward suspicious mail to the desk as attachments; the forwarded
mail is evidence, not conversation, so it is kept apart from the body text
and never threaded or classified as if the customer had written it.
"""

from __future__ import annotations

from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from mail.reading.body import TEXT_TYPES, leaf_text
from mail.reading.charsets import decode_header_with_note
from mail.reading.collector import Collector
from mail.reading.headers import addresses, raw_values
from mail.reading.message import ForwardedMessage
from mail.reading.payload import raw_payload, transfer_decode, walk
from mail.reading.quotes import find_links

_PARSER = BytesParser(policy=compat32)  # as in mail.reading.decode: header values stay raw


def forward(part: Message, out: Collector) -> ForwardedMessage:
    """A message/rfc822 part: who sent it, what it was called, and every link in it."""
    inner = _inner_message(part, out)
    pairs = addresses(raw_values(inner, "from")[:1])
    subject = raw_values(inner, "subject")
    date = raw_values(inner, "date")
    links: list[str] = []
    for leaf in walk(inner):
        if leaf.get_content_type() in TEXT_TYPES and not leaf.is_multipart():
            links.extend(find_links(leaf_text(leaf, out)))
    return ForwardedMessage(
        sender=pairs[0][1] if pairs else None,
        subject=decode_header_with_note(subject[0])[0] if subject else None,
        date=decode_header_with_note(date[0])[0] if date else None,
        links=tuple(dict.fromkeys(links)),
    )


def _inner_message(part: Message, out: Collector) -> Message:
    """The forwarded mail, parsed again where the part was transfer-encoded."""
    payload = raw_payload(part)
    inner = payload[0] if isinstance(payload, list) and payload else None
    if inner is None or not inner.keys():  # e.g. a base64-encoded message/rfc822, which is not allowed
        body = raw_payload(inner) if inner is not None else payload
        inner = _PARSER.parsebytes(transfer_decode(part, body if isinstance(body, str) else "", out))
    return inner
