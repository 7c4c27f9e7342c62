"""Our own mail coming back: the desk writing to itself or a relay reflecting our message.

Answering our own message is the shortest mail loop there is. Matching is on
our exact addresses, never on our domains: colleagues at the company's domain
write to the desk too, and they must be answered. Whether a message replies to
ours (In-Reply-To) is threading's business, not this rule's.
"""

from __future__ import annotations

from mail.reading.message import ParsedMail
from mail.rules.base import MailContext, Verdict, header, normalise_address


class OwnMail:
    """See `Rule`. Matches mail from a desk address, stamped with our case header, or with our Message-ID."""

    name = "own_mail"

    def check(self, mail: ParsedMail, context: MailContext) -> Verdict:
        if mail.sender and normalise_address(mail.sender) in context.our_addresses:
            return Verdict(True, "sender is a desk address", {"signal": "from"})
        # Only our composer sets this header; mail clients do not copy X- headers into replies.
        if header(mail, "x-madoguchi-case") is not None:
            return Verdict(True, "message carries our case header", {"signal": "x-madoguchi-case"})
        if mail.message_id and context.our_message_ids(mail.message_id.strip()):
            return Verdict(True, "message id is one we sent", {"signal": "message-id"})
        return Verdict(False, "not sent by the desk")
