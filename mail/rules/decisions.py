"""What to do with one message: a declared table over what the rules, threading and NLU found.

The rows are asked in order and the first that holds decides, as in a Mailman
chain: machines are never answered, follow-ups go to their case, and the NLU
decides only for mail a person clearly wrote; anything unclear goes to a
person. Reasons are fixed phrases (staff read them in the held-mail queue, and
they reach logs), never the sender's words; the intent a new case or an
answer is for travels in `Decision.intent`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.project import fallback_threshold
from mail.reading.threads import ThreadMatch
from mail.rules.base import Verdict


class DecisionKind(StrEnum):
    """What the runner does with a message; the values are stored in `inbound_mail.decision`."""

    NEW_CASE = "new_case"  # open a case and send its acknowledgement
    ANSWER = "answer"  # answer a policy question by mail
    THREAD = "thread"  # attach to the case it follows up
    NO_REPLY = "no_reply"  # a machine wrote it: never answered
    ESCALATE = "escalate"  # a person must read it


# Requests that a mail opens a case for; complaints go to a person (see DECISION_TABLE).
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
    kind: DecisionKind
    reason: str
    case_ref: str | None = None  # the case a THREAD decision attaches the message to
    intent: str | None = None  # the request a NEW_CASE opens, the question an ANSWER answers


@dataclass(frozen=True)
class Facts:
    """What is known about one message when it is decided: the input of the table."""

    no_reply: tuple[str, Verdict] | None  # the first no-reply rule that matched, and its verdict
    match: ThreadMatch
    intent: str | None
    confidence: float
    replies_left: bool = True
    sender_known: bool = True
    has_attachments: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the table: when `holds`, the decision is `kind` for `reason` (fixed, or from the facts)."""

    holds: Callable[[Facts], bool]
    kind: DecisionKind
    reason: str | Callable[[Facts], str]

    def decision(self, facts: Facts) -> Decision:
        reason = self.reason if isinstance(self.reason, str) else self.reason(facts)
        threads = self.kind is DecisionKind.THREAD and facts.match.case is not None
        case_ref = facts.match.case.reference if threads else None
        intent = facts.intent if self.kind in (DecisionKind.NEW_CASE, DecisionKind.ANSWER) else None
        return Decision(self.kind, reason, case_ref, intent)


def _no_reply_reason(facts: Facts) -> str:
    rule, verdict = facts.no_reply  # its row holds only when a rule matched, so never None here
    return f"{rule}: {verdict.reason}"


DECISION_TABLE: tuple[Row, ...] = (
    Row(lambda f: f.no_reply is not None, DecisionKind.NO_REPLY, _no_reply_reason),
    Row(
        lambda f: f.match.case is not None and f.match.trusted, DecisionKind.THREAD, lambda f: f.match.reason
    ),
    Row(
        lambda f: f.match.case is not None,
        DecisionKind.ESCALATE,
        "the subject names a case that belongs to another address",
    ),
    Row(
        lambda f: f.intent is None or f.confidence < CONFIDENCE_THRESHOLD,
        DecisionKind.ESCALATE,
        "the message is not clearly understood",
    ),
    Row(lambda f: not f.sender_known, DecisionKind.ESCALATE, "there is no sender address to answer"),
    Row(lambda f: f.intent == "file_complaint", DecisionKind.ESCALATE, "complaints are handled by a person"),
    Row(
        lambda f: not f.replies_left,
        DecisionKind.ESCALATE,
        "the daily limit of automatic replies to this address is reached",
    ),
    Row(
        lambda f: f.intent in CASE_INTENTS,
        DecisionKind.NEW_CASE,
        "the message makes a request that opens a case",
    ),
    # Documents (often identity documents) sent with anything but a request: a person matches them.
    Row(lambda f: f.has_attachments, DecisionKind.ESCALATE, "attachments need a person"),
    Row(
        lambda f: (f.intent or "").startswith("ask_"),
        DecisionKind.ANSWER,
        "the message asks a question mail answers",
    ),
    Row(lambda f: True, DecisionKind.ESCALATE, lambda f: f"{f.intent} needs a person"),
)

# Decided before any reading (no NLU call): the same bytes under another UID or delivery.
ALREADY_PROCESSED = Decision(DecisionKind.NO_REPLY, "the same message was already processed")


def decide(
    no_reply: tuple[str, Verdict] | None,
    match: ThreadMatch,
    intent: str | None,
    confidence: float,
    replies_left: bool = True,
    sender_known: bool = True,
    has_attachments: bool = False,
) -> Decision:
    """The decision of the first row of DECISION_TABLE that holds for these facts."""
    facts = Facts(no_reply, match, intent, confidence, replies_left, sender_known, has_attachments)
    return next(row.decision(facts) for row in DECISION_TABLE if row.holds(facts))
