"""The own_mail rule: our desk addresses, our case header, our Message-IDs; never our whole domain."""

from __future__ import annotations

import pytest

from mail.rules.own_mail import OwnMail
from tests.mail.rules.conftest import OUR_MESSAGE_ID, make_context, make_mail

RULE = OwnMail()

MATCHES = [
    pytest.param({"sender": "privacy@madoguchi.example"}, "from", id="desk-address"),
    pytest.param({"sender": "PRIVACY@MADOGUCHI.EXAMPLE"}, "from", id="desk-address-upper-case"),
    pytest.param({"sender": "ｐｒｉｖａｃｙ＠madoguchi.example"}, "from", id="desk-address-full-width"),
    pytest.param({"sender": "noreply@madoguchi.example"}, "from", id="second-desk-address"),
    pytest.param({"headers": {"X-Madoguchi-Case": "PRV-2026-000012"}}, "x-madoguchi-case", id="case-header"),
    pytest.param({"message_id": OUR_MESSAGE_ID}, "message-id", id="relay-rewrote-from"),
    pytest.param({"message_id": f" {OUR_MESSAGE_ID} "}, "message-id", id="message-id-with-spaces"),
]

MISSES = [
    pytest.param({}, id="ordinary-customer"),
    pytest.param({"sender": "tanaka@madoguchi.example"}, id="colleague-at-our-domain"),
    pytest.param({"sender": "privacy@madoguchi.example.evil.jp"}, id="look-alike-domain"),
    pytest.param({"in_reply_to": OUR_MESSAGE_ID, "references": (OUR_MESSAGE_ID,)}, id="reply-to-our-mail"),
    pytest.param({"headers": {"X-Madoguchi-Case": " "}}, id="blank-case-header"),
    pytest.param({"sender": None, "message_id": None}, id="no-sender-no-id"),
    pytest.param({"text": "X-Madoguchi-Case: PRV-2026-000012\n"}, id="case-header-quoted-in-body"),
]


@pytest.mark.parametrize(("changes", "signal"), MATCHES)
def test_matches(changes: dict, signal: str) -> None:
    verdict = RULE.check(make_mail(**changes), make_context())
    assert verdict.matched
    assert verdict.detail == {"signal": signal}


@pytest.mark.parametrize("changes", MISSES)
def test_misses(changes: dict) -> None:
    assert not RULE.check(make_mail(**changes), make_context()).matched


def test_reason_does_not_name_the_address() -> None:
    verdict = RULE.check(make_mail(sender="privacy@madoguchi.example"), make_context())
    assert "@" not in verdict.reason
