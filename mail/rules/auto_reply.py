"""Auto-replies (RFC 3834): out-of-office notices, vacation responders, read receipts.

Answering an auto-reply starts a mail loop with a robot, so these are never
answered. Headers are the evidence that counts; the subject is a fallback for
responders that set none. The body is never read: a customer who writes "I am
out of the office next week" is a person and must get an answer.
"""

from __future__ import annotations

import re
import unicodedata

from mail.reading.message import ParsedMail
from mail.rules.base import MailContext, Verdict, first_token, header, report_type

# X-Auto-Response-Suppress (Microsoft) lists what the sender does not want back;
# only these values ask for no auto-reply (DR, RN etc. concern delivery and read receipts).
_SUPPRESSES_REPLIES = frozenset({"all", "oof", "autoreply"})
_LIST_SPLIT = re.compile(r"[,;\s]+")
_FLAG_HEADERS = ("x-autoreply", "x-autorespond", "x-autoresponder", "x-autoreply-from", "x-mail-autoreply")
_FALSE = frozenset({"no", "false", "0"})

_OPEN = r"^[\[(【〔<]?\s*"
# English markers only at the start: "Re: Out of office" is a person answering one.
_EN_SUBJECT = re.compile(
    _OPEN + r"(?:out of (?:the )?office\b|automatic reply\b|auto[- ]?reply\b|auto[- ]?response\b"
    r"|vacation (?:reply|response|notice)\b|auto\s*:)"
)
# Japanese markers must stand as a tag (bracketed, before a colon, or the whole
# subject), because customers write 不在通知 and 自動返信 in ordinary sentences:
# "不在通知メールが届きました" reports a phishing mail, "自動返信が来ない" asks about ours.
_JA_SUBJECT = re.compile(
    _OPEN + r"(?:自動応答|自動返信|不在|(?:夏季|夏期|冬季|冬期|年末年始|長期)?休暇)"
    r"(?:通知|連絡|中)?(?:のお知らせ|のご連絡|のご案内)?\s*(?:[:\])】〕>]|$)"
)
_JA_BRACKETED = re.compile(r"[\[(【〔<]\s*(?:自動応答|自動返信|自動送信)(?:メール)?\s*[\])】〕>]")


class AutoReply:
    """See `Rule`. Matches a message that declares itself, or titles itself, an automatic response."""

    name = "auto_reply"

    def check(self, mail: ParsedMail, context: MailContext) -> Verdict:
        found = auto_response_header(mail)
        if found is not None:
            return Verdict(True, "headers declare an automatic response", {"header": found})
        kind = report_type(mail)
        if kind is not None and kind != "delivery-status":
            return Verdict(True, "automatic report (read receipt or feedback)", {"report_type": kind})
        if subject_marks_auto_reply(mail.subject):
            return Verdict(True, "subject marks an automatic response", {"header": "subject"})
        return Verdict(False, "no automatic-response header or subject")


def auto_response_header(mail: ParsedMail) -> str | None:
    """The name of the first header that declares the message an automatic response, if any.

    Public because the bounce rule must not take a declared auto-reply with a
    null Return-Path (as RFC 3834 recommends) for a bounce.
    """
    submitted = first_token(header(mail, "auto-submitted"))
    if submitted is not None and submitted != "no":
        return "auto-submitted"
    suppress = set(_LIST_SPLIT.split((header(mail, "x-auto-response-suppress") or "").lower()))
    if suppress & _SUPPRESSES_REPLIES:
        return "x-auto-response-suppress"
    if first_token(header(mail, "precedence")) == "auto_reply":
        return "precedence"
    for name in _FLAG_HEADERS:
        value = header(mail, name)
        if value is not None and value.lower() not in _FALSE:
            return name
    return None


def subject_marks_auto_reply(subject: str) -> bool:
    """Whether the subject carries an out-of-office or auto-reply marker (English or Japanese)."""
    text = unicodedata.normalize("NFKC", subject).strip().casefold()
    return bool(_EN_SUBJECT.search(text) or _JA_SUBJECT.search(text) or _JA_BRACKETED.search(text))
