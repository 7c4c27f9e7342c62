"""Rules that decide whether a received e-mail must never be answered.

Each rule is a small class in its own module (the GNU Mailman pattern): a
`name` and a `check` that returns a `Verdict`. The rules read a `ParsedMail`
and a `MailContext` only, so they are pure and tested from values and `.eml`
fixtures; the runner owns I/O and acts on the verdict. `chain.first_match`
runs them in their declared order (see `mail.rules.base` for `Rule`, `Verdict`
and `MailContext`); `decisions` turns what they and the NLU found into what
happens to the message.
"""
