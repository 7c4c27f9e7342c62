"""The bulk rule: Precedence, list headers and campaign headers at the top level only."""

from __future__ import annotations

import pytest

from mail.reading.message import ForwardedMessage
from mail.rules.bulk import Bulk
from tests.mail.rules.conftest import make_context, make_mail

RULE = Bulk()

MATCHES = [
    pytest.param({"Precedence": "bulk"}, "precedence", id="precedence-bulk"),
    pytest.param({"Precedence": "List"}, "precedence", id="precedence-list"),
    pytest.param({"Precedence": "junk"}, "precedence", id="precedence-junk"),
    pytest.param({"List-Id": "Members <members.lists.example.jp>"}, "list-id", id="list-id"),
    pytest.param(
        {"List-Unsubscribe": "<mailto:unsub@news.example.jp>, <https://news.example.jp/u/1>"},
        "list-unsubscribe",
        id="list-unsubscribe",
    ),
    pytest.param({"X-Campaign": "mailchimp4f2.5a1"}, "x-campaign", id="x-campaign"),
    pytest.param({"X-campaignid": "mailchimp4f2.5a1"}, "x-campaignid", id="x-campaignid"),
    pytest.param({"X-MC-User": "4f2a"}, "x-mc-user", id="mandrill"),
    pytest.param({"X-Mailchimp-Id": "1"}, "x-mailchimp-id", id="x-mailchimp"),
]

MISSES = [
    pytest.param({}, id="ordinary-customer"),
    pytest.param({"Precedence": "auto_reply"}, id="precedence-auto-reply-is-not-bulk"),
    pytest.param({"Precedence": "first-class"}, id="precedence-other"),
    pytest.param({"List-Id": ""}, id="blank-list-id"),
    pytest.param({"X-Mailer": "Microsoft Outlook 16.0"}, id="ordinary-mailer"),
]


@pytest.mark.parametrize(("headers", "name"), MATCHES)
def test_matches(headers: dict, name: str) -> None:
    verdict = RULE.check(make_mail(headers=headers), make_context())
    assert verdict.matched
    assert verdict.detail == {"header": name}


@pytest.mark.parametrize("headers", MISSES)
def test_misses(headers: dict) -> None:
    assert not RULE.check(make_mail(headers=headers), make_context()).matched


def test_customer_forwarding_a_newsletter_is_not_bulk() -> None:
    """The customer asks how a sender got their address; the newsletter's headers are inside."""
    forwarded = ForwardedMessage(sender="news@shop.example.jp", subject="セール", date=None, links=())
    mail = make_mail(
        subject="Fwd: セール（このメールアドレスをどこで入手したのですか）",
        text="List-Unsubscribe: <https://shop.example.jp/u>\nPrecedence: bulk\n",
        forwarded=(forwarded,),
    )
    assert not RULE.check(mail, make_context()).matched
