"""Triage one raw message the way the pipeline does, changing nothing.

Shared by the runner and `madoguchi mail classify`, so the dry run shows
exactly the decision the runner would take.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cases.clock import Clock, utc_now
from cases.models import OutboxMessage
from mail.intake.lookup import StoreLookup, mail_context
from mail.reading.decode import parse_mail
from mail.reading.message import ParsedMail
from mail.reading.quotes import new_text
from mail.reading.threads import ThreadMatch, thread
from mail.rules.base import Verdict
from mail.rules.chain import first_match
from mail.rules.decisions import CONFIDENCE_THRESHOLD, Decision, decide
from responses.language import detect_language
from responses.profiles.schema import Profile

DAILY_REPLY_LIMIT = 5
_CLASSIFY_CHARS = 2000  # the opening of a long mail says what it is about


class Nlu(Protocol):
    """What triage needs of the NLU: Rasa's /model/parse, as `bot.client.Assistant.parse` calls it.

    Raises `bot.client.AssistantUnavailable` when the server does not answer; the runner then waits.
    """

    def parse(self, text: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Triage:
    """Everything the runner learnt about one message, and what it decided; nothing is changed yet."""

    mail: ParsedMail
    text: str  # the new text only
    language: str
    intent: str | None
    confidence: float
    match: ThreadMatch
    no_reply: tuple[str, Verdict] | None  # the no-reply rule that matched, and its verdict
    decision: Decision


def nlu_intent(assistant: Nlu, subject: str, text: str) -> tuple[str | None, float]:
    """The NLU's best real intent for the mail; a fallback verdict is just low confidence here.

    Subjects are often generic (「お問い合わせ」, "Question") and then only dilute a clear
    body, while some mails say it all in the subject: the body is read alone first, and
    only when that reading is unsure is the subject read with it (the surer reading counts).
    """
    reading = _best_intent(assistant, text)
    if reading[1] >= CONFIDENCE_THRESHOLD or not subject.strip():
        return reading
    return max(reading, _best_intent(assistant, f"{subject}\n{text}"), key=lambda each: each[1])


def _best_intent(assistant: Nlu, text: str) -> tuple[str | None, float]:
    text = text.strip()
    if not text:
        return None, 0.0
    result = assistant.parse(text[:_CLASSIFY_CHARS])
    for candidate in [result.get("intent") or {}, *(result.get("intent_ranking") or [])]:
        if candidate.get("name") and candidate["name"] != "nlu_fallback":
            return candidate["name"], float(candidate.get("confidence") or 0.0)
    return None, 0.0


def replies_left(session: Session, address: str | None, clock: Clock) -> bool:
    """Whether this address may get another automatic mail today (a bound on any loop we miss)."""
    if not address:
        return False
    since = clock().replace(hour=0, minute=0, second=0, microsecond=0)
    sent = session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.recipient == address, OutboxMessage.created_at >= since)
    )
    return (sent or 0) < DAILY_REPLY_LIMIT


def triage(
    raw: bytes,
    session: Session,
    assistant: Nlu,
    profile: Profile,
    mail_from: str | None,
    clock: Clock = utc_now,
) -> Triage:
    """Decode, run the no-reply rules, thread, ask the NLU, and decide; MailDecodeError for non-mail."""
    mail = parse_mail(raw)
    text = new_text(mail.text)
    no_reply = first_match(mail, mail_context(session, profile, mail_from))
    match = thread(mail, StoreLookup(session))
    subject_and_text = f"{mail.subject}\n{text}".strip()
    language = detect_language(subject_and_text) or "ja"
    intent, confidence = nlu_intent(assistant, mail.subject or "", text)
    left = replies_left(session, mail.sender, clock)
    decision = decide(
        no_reply,
        match,
        intent,
        confidence,
        left,
        sender_known=mail.sender is not None,
        has_attachments=bool(mail.attachments),
    )
    return Triage(mail, text, language, intent, confidence, match, no_reply, decision)
