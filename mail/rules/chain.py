"""The no-reply chain: the rules that stop us answering, in the order they are asked.

The order is part of the meaning, so it is declared here, once:

1. own_mail first: our outgoing mail carries Auto-Submitted, and a loop of our
   own must be named as such, not as someone's auto-reply.
2. bounce before auto_reply: daemons (Postfix among them) also set
   Auto-Submitted, and only the bounce verdict tells the runner which of our
   messages failed.
3. auto_reply, then bulk: a list's vacation notice is an auto-reply first.

A message no rule matches is one a person wrote, and may be answered.
"""

from __future__ import annotations

from mail.reading.message import ParsedMail
from mail.rules.auto_reply import AutoReply
from mail.rules.base import MailContext, Rule, Verdict
from mail.rules.bounce import Bounce
from mail.rules.bulk import Bulk
from mail.rules.own_mail import OwnMail

NO_REPLY_CHAIN: tuple[Rule, ...] = (OwnMail(), Bounce(), AutoReply(), Bulk())


def first_match(
    mail: ParsedMail, context: MailContext, chain: tuple[Rule, ...] = NO_REPLY_CHAIN
) -> tuple[str, Verdict] | None:
    """The name and verdict of the first rule that matches, or None when the mail may be answered."""
    for rule in chain:
        verdict = rule.check(mail, context)
        if verdict.matched:
            return rule.name, verdict
    return None
