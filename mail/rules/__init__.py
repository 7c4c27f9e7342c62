"""Rules that decide whether a received e-mail must never be answered.

Each rule is a small class in its own module (the GNU Mailman pattern): a
`name` and a `check` that returns a `Verdict`. The rules read a `ParsedMail`
and a `MailContext` only, so they are pure and tested from values and `.eml`
fixtures; the runner owns I/O and acts on the verdict. `chain.first_match`
runs them in their declared order.
"""

from mail.rules.base import MailContext, Rule, Verdict

__all__ = ["MailContext", "Rule", "Verdict"]
