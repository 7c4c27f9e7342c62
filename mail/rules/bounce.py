"""Bounces: delivery status notifications about mail we sent.

A bounce is never answered (the daemon does not read, and answering it can
loop). It also tells us that one of our messages did not arrive, so besides the
verdict this module finds the Message-ID of the bounced original; the runner
marks that outgoing message failed when `detail["ours"]` is true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from email.utils import parseaddr

from mail.reading.message import ParsedMail
from mail.rules.auto_reply import auto_response_header
from mail.rules.base import MailContext, Verdict, header, report_type

_DAEMONS = frozenset({"mailer-daemon", "postmaster"})
_HEADER_PARTS = frozenset({"text/rfc822-headers", "message/rfc822"})
# A header line of the returned original; the anchor keeps quoted lines ("> Message-ID:") out.
_MESSAGE_ID_LINE = re.compile(r"^[ \t]*message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


class Bounce:
    """See `Rule`. Matches a delivery report, a daemon sender, or a null sender that is no auto-reply."""

    name = "bounce"

    def check(self, mail: ParsedMail, context: MailContext) -> Verdict:
        signal = _signal(mail)
        if signal is None:
            return Verdict(False, "no delivery report, daemon sender or null return path")
        original = original_message_id(mail, context.our_message_ids)
        ours = original is not None and context.our_message_ids(original)
        detail = {"signal": signal, "original_message_id": original, "ours": ours}
        return Verdict(True, "delivery failure notice", detail)


def _signal(mail: ParsedMail) -> str | None:
    if report_type(mail) == "delivery-status":
        return "delivery-status report"
    if _sender_local_part(mail) in _DAEMONS:
        return "daemon sender"
    # RFC 3834 asks auto-responders to use a null sender too; those are the auto_reply rule's.
    if (header(mail, "return-path") or "").replace(" ", "") == "<>" and auto_response_header(mail) is None:
        return "null return path"
    return None


def _sender_local_part(mail: ParsedMail) -> str | None:
    address = mail.sender or parseaddr(header(mail, "from") or "")[1]
    local = address.rpartition("@")[0] or address
    return local.strip().lower() or None


def original_message_id(mail: ParsedMail, is_ours: Callable[[str], bool] | None = None) -> str | None:
    """The Message-ID of the message this bounce returns, with angle brackets, or None.

    Looks in a returned-headers part kept as an attachment (text/rfc822-headers,
    or message/rfc822), then in the readable text (where daemons that send no
    multipart/report quote the original headers). A message/rfc822 part that
    mail.reading filed as a forward is not read: `ForwardedMessage` keeps no
    Message-ID. With `is_ours`, an id of ours wins over others found earlier,
    since a bounce may quote more than one.
    """
    found = list(dict.fromkeys(_candidates(mail)))
    if is_ours is not None:
        for message_id in found:
            if is_ours(message_id):
                return message_id
    return found[0] if found else None


def _candidates(mail: ParsedMail) -> Iterator[str]:
    for attachment in mail.attachments:
        if attachment.content_type.lower() in _HEADER_PARTS and attachment.data is not None:
            yield from _MESSAGE_ID_LINE.findall(_header_block(attachment.data))
    yield from _MESSAGE_ID_LINE.findall(mail.text)


def _header_block(data: bytes) -> str:
    """The header block of a returned message: its Message-ID, not one quoted in its body."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").lstrip("\n")
    return text.split("\n\n", 1)[0]
