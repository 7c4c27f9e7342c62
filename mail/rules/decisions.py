"""What to do with one message: a pure function of what the rules, threading and NLU found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.project import fallback_threshold
from mail.reading.threads import ThreadMatch
from mail.rules.base import Verdict

Kind = Literal["new_case", "answer", "thread", "no_reply", "escalate"]

# Requests that a mail opens a case for; complaints go to a person (see decide()).
CASE_INTENTS = frozenset(
    {
        "request_disclosure",
        "request_correction",
        "request_deletion",
        "optout_catalog",
        "report_suspicious",
        "withdraw_consent",
    }
)


CONFIDENCE_THRESHOLD = fallback_threshold()


@dataclass(frozen=True)
class Decision:
    kind: Kind
    reason: str
    case_ref: str | None = None


def decide(
    no_reply: tuple[str, Verdict] | None,
    match: ThreadMatch,
    intent: str | None,
    confidence: float,
    replies_left: bool = True,
    sender_known: bool = True,
    has_attachments: bool = False,
) -> Decision:
    """Silence for machines, the case for follow-ups, then the NLU; a person for anything unclear."""
    if no_reply is not None:
        rule, verdict = no_reply
        return Decision("no_reply", f"{rule}: {verdict.reason}")
    if match.case is not None and match.trusted:
        return Decision("thread", match.reason, match.case.reference)
    if match.case is not None:
        return Decision("escalate", "the subject names a case that belongs to another address")
    if intent is None or confidence < CONFIDENCE_THRESHOLD:
        return Decision("escalate", "the message is not clearly understood")
    if not sender_known:
        return Decision("escalate", "there is no sender address to answer")
    if intent == "file_complaint":
        return Decision("escalate", "complaints are handled by a person")
    if not replies_left:
        return Decision("escalate", "the daily limit of automatic replies to this address is reached")
    if intent in CASE_INTENTS:
        return Decision("new_case", intent)
    if has_attachments:  # documents (often identity documents) a person must match to a request
        return Decision("escalate", "attachments need a person")
    if intent.startswith("ask_"):
        return Decision("answer", intent)
    return Decision("escalate", f"{intent} needs a person")
