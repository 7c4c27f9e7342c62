"""The auto_reply rule: RFC 3834 headers, Microsoft and legacy flags, subject markers; never the body."""

from __future__ import annotations

import pytest

from mail.rules.auto_reply import AutoReply, subject_marks_auto_reply
from tests.mail.rules.conftest import make_context, make_mail

RULE = AutoReply()

MATCHES = [
    pytest.param({"headers": {"Auto-Submitted": "auto-replied"}}, "auto-submitted", id="auto-replied"),
    pytest.param({"headers": {"Auto-Submitted": "auto-generated"}}, "auto-submitted", id="auto-generated"),
    pytest.param(
        {"headers": {"Auto-Submitted": "Auto-Replied; owner-email=x@example.com"}},
        "auto-submitted",
        id="auto-submitted-with-parameter",
    ),
    pytest.param(
        {"headers": {"X-Auto-Response-Suppress": "All"}}, "x-auto-response-suppress", id="xarsa-all"
    ),
    pytest.param(
        {"headers": {"X-Auto-Response-Suppress": "DR, OOF, AutoReply"}},
        "x-auto-response-suppress",
        id="xarsa-oof",
    ),
    pytest.param({"headers": {"Precedence": "auto_reply"}}, "precedence", id="precedence-auto-reply"),
    pytest.param({"headers": {"X-Autoreply": "yes"}}, "x-autoreply", id="x-autoreply"),
    pytest.param({"headers": {"X-Autorespond": "Vacation"}}, "x-autorespond", id="x-autorespond"),
    pytest.param({"subject": "Automatic reply: Deletion request"}, "subject", id="outlook-en"),
    pytest.param({"subject": "Out of Office: Deletion request"}, "subject", id="out-of-office"),
    pytest.param({"subject": "Out of the office until 12 May"}, "subject", id="out-of-the-office"),
    pytest.param({"subject": "AUTO: Taro is away"}, "subject", id="notes-auto"),
    pytest.param({"subject": "Auto-Reply: your message"}, "subject", id="auto-reply"),
    pytest.param({"subject": "自動応答: 開示請求について"}, "subject", id="outlook-ja"),
    pytest.param({"subject": "自動応答：開示請求について"}, "subject", id="full-width-colon"),
    pytest.param({"subject": "【自動返信】お問い合わせありがとうございます"}, "subject", id="bracketed-ja"),
    pytest.param({"subject": "受付完了のお知らせ（自動返信メール）"}, "subject", id="trailing-bracket-ja"),
    pytest.param({"subject": "不在のお知らせ"}, "subject", id="fuzai-notice"),
    pytest.param({"subject": "【不在通知】5月6日まで"}, "subject", id="fuzai-tag"),
    pytest.param({"subject": "不在: 開示請求について"}, "subject", id="fuzai-colon"),
    pytest.param({"subject": "夏季休暇のお知らせ"}, "subject", id="kyuka-notice"),
    pytest.param({"subject": "［休暇中］"}, "subject", id="kyuka-full-width-bracket"),
]

MISSES = [
    pytest.param({}, id="ordinary-customer"),
    pytest.param(
        {
            "subject": "Call me after next week",
            "text": "I am out of the office next week, please call me after.\n",
        },
        id="out-of-office-in-body-only",
    ),
    pytest.param(
        {"text": "来週は不在です。休暇明けにご連絡ください。自動返信ではありません。"}, id="ja-body-only"
    ),
    pytest.param({"headers": {"Auto-Submitted": "no"}}, id="auto-submitted-no"),
    pytest.param({"headers": {"Auto-Submitted": ""}}, id="auto-submitted-blank"),
    pytest.param({"headers": {"X-Auto-Response-Suppress": "None"}}, id="xarsa-none"),
    pytest.param({"headers": {"X-Auto-Response-Suppress": "DR, RN, NRN"}}, id="xarsa-receipts-only"),
    pytest.param({"headers": {"X-Autoreply": "no"}}, id="x-autoreply-no"),
    pytest.param({"headers": {"Precedence": "bulk"}}, id="precedence-bulk-is-not-ours"),
    pytest.param({"subject": "Re: Out of Office: Deletion request"}, id="person-replying-to-oof"),
    pytest.param({"subject": "Fwd: Automatic reply: Deletion request"}, id="forwarded-oof"),
    pytest.param({"subject": "Automatically deleted data?"}, id="automatic-word"),
    pytest.param({"subject": "不在通知メールが届きました（不審メール）"}, id="phishing-report-fuzai"),
    pytest.param({"subject": "Fwd: 【佐川急便】不在通知のお知らせ"}, id="forwarded-phishing"),
    pytest.param({"subject": "自動返信が届きません"}, id="asks-about-our-ack"),
    pytest.param({"subject": "休暇中のお問い合わせについて"}, id="asks-about-holidays"),
    pytest.param({"subject": "PRV-2026-000123 の件（不在にしておりました）"}, id="fuzai-in-sentence"),
    pytest.param(
        {
            "content_type": "multipart/report",
            "headers": {"Content-Type": "multipart/report; report-type=delivery-status"},
        },
        id="delivery-status-is-bounce-rule",
    ),
]


@pytest.mark.parametrize(("changes", "header"), MATCHES)
def test_matches(changes: dict, header: str) -> None:
    verdict = RULE.check(make_mail(**changes), make_context())
    assert verdict.matched
    assert verdict.detail["header"] == header


@pytest.mark.parametrize("changes", MISSES)
def test_misses(changes: dict) -> None:
    verdict = RULE.check(make_mail(**changes), make_context())
    assert not verdict.matched, verdict.reason


def test_read_receipt_is_an_automatic_report() -> None:
    mdn = make_mail(
        content_type="multipart/report",
        headers={"Content-Type": 'multipart/report; report-type="disposition-notification"; boundary=x'},
    )
    verdict = RULE.check(mdn, make_context())
    assert verdict.matched
    assert verdict.detail == {"report_type": "disposition-notification"}


def test_reason_never_quotes_the_subject() -> None:
    verdict = RULE.check(make_mail(subject="自動応答: 佐藤花子の開示請求"), make_context())
    assert "佐藤" not in verdict.reason + repr(verdict.detail)


@pytest.mark.parametrize(
    "subject", ["ＯＵＴ ＯＦ ＯＦＦＩＣＥ", "  Out of office", "[Out of Office] back Monday"]
)
def test_subject_normalised(subject: str) -> None:
    assert subject_marks_auto_reply(subject)
