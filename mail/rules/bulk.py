"""Bulk mail: mailing lists, digests, newsletters and campaigns.

Nobody reads replies to these, and a reply to a list goes to every member, so
they are never answered. Only headers count: a customer who forwards a
newsletter to ask how we got their address writes a mail of their own, and the
forwarded headers sit inside it, not at the top.
"""

from __future__ import annotations

from mail.reading.message import ParsedMail
from mail.rules.base import MailContext, Verdict, first_token, header

_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_LIST_HEADERS = ("list-id", "list-unsubscribe")  # RFC 2919, RFC 2369
# Headers that campaign senders (Mailchimp, Mandrill and the like) add and people's mail clients never do.
_CAMPAIGN_PREFIXES = ("x-campaign", "x-mailchimp", "x-mc-user", "x-newsletter")


class Bulk:
    """See `Rule`. Matches list, bulk or campaign mail by its headers."""

    name = "bulk"

    def check(self, mail: ParsedMail, context: MailContext) -> Verdict:
        precedence = first_token(header(mail, "precedence"))
        if precedence in _BULK_PRECEDENCE:
            return Verdict(True, "precedence marks bulk or list mail", {"header": "precedence"})
        for name in _LIST_HEADERS:
            if header(mail, name) is not None:
                return Verdict(True, "mailing-list header present", {"header": name})
        for name in mail.headers:
            if name.lower().startswith(_CAMPAIGN_PREFIXES):
                return Verdict(True, "campaign header present", {"header": name.lower()})
        return Verdict(False, "no bulk, list or campaign header")
