"""The no-reply chain: the declared order decides which rule names a message."""

from __future__ import annotations

import pytest

from mail.reading.message import ParsedMail
from mail.rules.base import MailContext, Verdict
from mail.rules.chain import NO_REPLY_CHAIN, first_match
from tests.mail.rules.conftest import OUR_MESSAGE_ID, make_context, make_mail

DSN = "multipart/report; report-type=delivery-status; boundary=b"

CASES = [
    pytest.param({}, None, id="ordinary-customer"),
    pytest.param(
        {"subject": "Next week", "text": "I am out of the office next week, please call me after.\n"},
        None,
        id="person-out-of-office-in-body",
    ),
    pytest.param({"in_reply_to": OUR_MESSAGE_ID}, None, id="customer-reply-to-our-mail"),
    pytest.param(
        {
            "sender": "privacy@madoguchi.example",
            "headers": {"Auto-Submitted": "auto-replied", "X-Madoguchi-Case": "PRV-2026-000012"},
        },
        "own_mail",
        id="own-mail-before-auto-reply",
    ),
    pytest.param(
        {
            "sender": "mailer-daemon@mx.example.jp",
            "content_type": "multipart/report",
            "headers": {"Content-Type": DSN, "Auto-Submitted": "auto-replied", "Return-Path": "<>"},
        },
        "bounce",
        id="postfix-bounce-before-auto-reply",
    ),
    pytest.param(
        {
            "subject": "Automatic reply: 開示請求",
            "headers": {"Return-Path": "<>", "Auto-Submitted": "auto-generated"},
        },
        "auto_reply",
        id="exchange-oof-null-sender",
    ),
    pytest.param(
        {"headers": {"Auto-Submitted": "auto-replied", "List-Id": "<members.example.jp>"}},
        "auto_reply",
        id="auto-reply-before-bulk",
    ),
    pytest.param({"headers": {"List-Unsubscribe": "<mailto:u@example.jp>"}}, "bulk", id="newsletter"),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_first_match(changes: dict, expected: str | None) -> None:
    found = first_match(make_mail(**changes), make_context())
    assert (found[0] if found else None) == expected
    if found:
        assert found[1].matched


def test_chain_order_is_declared() -> None:
    assert [rule.name for rule in NO_REPLY_CHAIN] == ["own_mail", "bounce", "auto_reply", "bulk"]


def test_stops_at_first_match() -> None:
    asked: list[str] = []

    class Spy:
        def __init__(self, name: str, matched: bool) -> None:
            self.name = name
            self.matched = matched

        def check(self, mail: ParsedMail, context: MailContext) -> Verdict:
            asked.append(self.name)
            return Verdict(self.matched, "spy")

    chain = (Spy("a", False), Spy("b", True), Spy("c", True))
    assert first_match(make_mail(), make_context(), chain) == ("b", Verdict(True, "spy"))
    assert asked == ["a", "b"]


def test_context_lower_cases_addresses() -> None:
    context = MailContext(frozenset({"Privacy@Example.JP", "ｐｒｉｖａｃｙ＠example.jp"}), lambda _: False)
    assert context.our_addresses == {"privacy@example.jp"}
