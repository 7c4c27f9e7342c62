"""The bounce rule and `original_message_id`, which lets the runner mark our outgoing mail failed."""

from __future__ import annotations

import pytest

from mail.reading.message import Attachment, ForwardedMessage
from mail.rules.bounce import Bounce, original_message_id
from tests.mail.rules.conftest import OUR_MESSAGE_ID, make_context, make_mail

RULE = Bounce()
DSN = 'multipart/report; report-type=delivery-status; boundary="b1"'
RETURNED_HEADERS = (
    f"Return-Path: <privacy@madoguchi.example>\nMessage-ID: {OUR_MESSAGE_ID}\n"
    "In-Reply-To: <20260501093000.1@mail.example.jp>\nSubject: =?UTF-8?B?5Y+X5LuY?=\n"
)


def _headers_part(text: str, content_type: str = "text/rfc822-headers") -> Attachment:
    data = text.encode()
    return Attachment(filename=None, content_type=content_type, size=len(data), sha256="0" * 64, data=data)


MATCHES = [
    pytest.param(
        {"content_type": "multipart/report", "headers": {"Content-Type": DSN}},
        "delivery-status report",
        id="dsn",
    ),
    pytest.param({"sender": "mailer-daemon@mx.example.jp"}, "daemon sender", id="mailer-daemon"),
    pytest.param({"sender": "MAILER-DAEMON@MX.EXAMPLE.JP"}, "daemon sender", id="upper-case-daemon"),
    pytest.param({"sender": "postmaster@example.jp"}, "daemon sender", id="postmaster"),
    pytest.param(
        {"sender": None, "headers": {"From": "MAILER-DAEMON (Mail Delivery System)"}},
        "daemon sender",
        id="bare-daemon-in-from",
    ),
    pytest.param(
        {"sender": None, "headers": {"From": "Mail Delivery System <MAILER-DAEMON@mx.example.jp>"}},
        "daemon sender",
        id="daemon-in-from-header",
    ),
    pytest.param({"headers": {"Return-Path": "<>"}}, "null return path", id="null-sender"),
    pytest.param({"headers": {"Return-Path": "< >"}}, "null return path", id="null-sender-spaced"),
    pytest.param(
        {"sender": "mailer-daemon@mx.example.jp", "headers": {"Auto-Submitted": "auto-replied"}},
        "daemon sender",
        id="postfix-sets-auto-submitted-too",
    ),
]

MISSES = [
    pytest.param({}, id="ordinary-customer"),
    pytest.param({"headers": {"Return-Path": f"<{'hanako.sato@example.jp'}>"}}, id="normal-return-path"),
    pytest.param(
        {"headers": {"Return-Path": "<>", "Auto-Submitted": "auto-replied"}},
        id="null-sender-auto-reply-is-not-a-bounce",
    ),
    pytest.param(
        {
            "content_type": "multipart/report",
            "headers": {"Content-Type": "multipart/report; report-type=disposition-notification"},
        },
        id="read-receipt",
    ),
    pytest.param({"sender": "daemon.fan@example.jp"}, id="daemon-in-local-part-only"),
    pytest.param({"sender": "hanako@postmaster.example.jp"}, id="postmaster-domain"),
    pytest.param(
        {"text": "Undelivered Mail Returned to Sender\nMessage-ID: <x@y>\n"}, id="bounce-words-in-body"
    ),
]


@pytest.mark.parametrize(("changes", "signal"), MATCHES)
def test_matches(changes: dict, signal: str) -> None:
    verdict = RULE.check(make_mail(**changes), make_context())
    assert verdict.matched
    assert verdict.detail["signal"] == signal


@pytest.mark.parametrize("changes", MISSES)
def test_misses(changes: dict) -> None:
    assert not RULE.check(make_mail(**changes), make_context()).matched


def test_dsn_names_our_failed_message() -> None:
    bounce = make_mail(
        sender="mailer-daemon@mx.madoguchi.example",
        content_type="multipart/report",
        headers={"Content-Type": DSN},
        attachments=(_headers_part(RETURNED_HEADERS),),
    )
    verdict = RULE.check(bounce, make_context())
    assert verdict.detail == {
        "signal": "delivery-status report",
        "original_message_id": OUR_MESSAGE_ID,
        "ours": True,
    }


def test_bounce_of_a_message_not_ours() -> None:
    bounce = make_mail(sender="mailer-daemon@mx.example.jp", text="Message-ID: <other@example.jp>\n")
    verdict = RULE.check(bounce, make_context())
    assert verdict.detail["original_message_id"] == "<other@example.jp>"
    assert verdict.detail["ours"] is False


def test_bounce_without_returned_headers() -> None:
    verdict = RULE.check(make_mail(sender="mailer-daemon@mx.example.jp"), make_context())
    assert verdict.detail["original_message_id"] is None
    assert verdict.detail["ours"] is False


ORIGINALS = [
    pytest.param({"attachments": (_headers_part(RETURNED_HEADERS),)}, id="rfc822-headers-part"),
    pytest.param(
        {"attachments": (_headers_part(RETURNED_HEADERS + "\nbody\nMessage-ID: <q@x>\n", "message/rfc822"),)},
        id="message-rfc822-part-header-block-only",
    ),
    pytest.param(
        {"text": f"The mail system\n\n<a@example.jp>: host said: 550 no such user\n\n{RETURNED_HEADERS}"},
        id="headers-in-text",
    ),
    pytest.param(
        {"text": f"Original headers:\n  Message-ID:\n {OUR_MESSAGE_ID}\n"}, id="folded-and-indented"
    ),
    pytest.param(
        {"text": f"Message-ID: <first@example.jp>\n\nMessage-ID: {OUR_MESSAGE_ID}\n"},
        id="ours-wins-over-earlier",
    ),
]


@pytest.mark.parametrize("changes", ORIGINALS)
def test_original_message_id(changes: dict) -> None:
    ours = make_context().our_message_ids
    assert original_message_id(make_mail(**changes), ours) == OUR_MESSAGE_ID


def test_original_message_id_ignores_quoted_lines_and_missing_data() -> None:
    cut = Attachment(
        filename=None, content_type="text/rfc822-headers", size=10**9, sha256="0" * 64, data=None
    )
    mail = make_mail(text=f"> Message-ID: {OUR_MESSAGE_ID}\n", attachments=(cut,))
    assert original_message_id(mail) is None


def test_original_message_id_without_preference_takes_the_first() -> None:
    mail = make_mail(text=f"Message-ID: <first@example.jp>\nMessage-ID: {OUR_MESSAGE_ID}\n")
    assert original_message_id(mail) == "<first@example.jp>"


def test_forwarded_message_without_an_id_is_skipped() -> None:
    forwarded = ForwardedMessage(sender="x@example.jp", subject="s", date=None, links=())
    assert original_message_id(make_mail(forwarded=(forwarded,))) is None
