"""The small readings of a turn (cancel, yes, e-mail, reference) and what a request needs, table-driven."""

import pytest

from bot.actions import answers
from cases.requirements import regime, required_slots
from responses.profiles import load_profile


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (answers.email, "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
        (answers.email, "my address is Anna@Example.de thanks", "anna@example.de"),
        (answers.email, "taro-at-example", None),
        (answers.incident_channel, "SMSでした", "sms"),
        (answers.incident_channel, "a phone call", "phone"),
        (answers.reference, "ＰＲＶ－２０２６－０００１２３の件", "PRV-2026-000123"),
        (answers.reference, "prv 2026 000123", "PRV-2026-000123"),
        (answers.as_written, "  山田　花子  です ", "山田 花子 です"),
    ],
)
def test_answers_are_checked_and_tidied(parse, text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["キャンセル", "やめます", "Cancel", "never mind!"])
def test_cancel_words(text):
    assert answers.is_cancel(text)


def test_a_request_about_stopping_something_is_not_a_cancel():
    assert not answers.is_cancel("stop using my data")


def test_required_slots_follow_request_company_and_answers():
    actio = load_profile("actio")  # deputies allowed, requests by post
    assert required_slots("request_disclosure", actio, {}) == [
        "requester_name",
        "email",
        "country",
        "acting_for",
        "postal_address",
        "review",
    ]
    assert required_slots("request_disclosure", actio, {"acting_for": "deputy"})[4:6] == [
        "principal_name",
        "deputy_kind",
    ]
    assert "phone" in required_slots("request_disclosure", load_profile("japanet-holdings"), {})
    assert required_slots("report_suspicious", actio, {})[2:6] == [
        "incident_channel",
        "incident_date",
        "incident_asked_for",
        "incident_sender",
    ]
    assert required_slots("optout_catalog", actio, {})[:2] == ["requester_name", "postal_address"]
    assert required_slots("request_deletion", actio, {"review": "cancelled"}) == []


def test_without_e_mail_the_form_asks_how_to_reply_and_what_that_needs():
    actio = load_profile("actio")
    assert required_slots("request_disclosure", actio, {"no_email": True})[1:2] == ["reply_channel"]
    by_phone = required_slots("request_disclosure", actio, {"no_email": True, "reply_channel": "phone"})
    assert "email" not in by_phone and "phone" in by_phone
    by_post = required_slots("optout_catalog", actio, {"no_email": True, "reply_channel": "post"})
    assert by_post == ["requester_name", "postal_address", "reply_channel", "review"]


@pytest.mark.parametrize(
    ("request_type", "country", "expected"),
    [
        ("request_disclosure", "I live in Berlin, Germany", "gdpr"),
        ("request_deletion", "California", "ccpa"),
        ("request_disclosure", "上海", "pipl"),
        ("request_disclosure", "日本", "appi"),
        ("report_suspicious", None, "appi"),
    ],
)
def test_regime_follows_residence(request_type, country, expected):
    assert regime(request_type, country) == expected


@pytest.mark.parametrize("text", ["はい", "yes", "Yes.", "OK", "looks good"])
def test_yes_words(text):
    assert answers.is_yes(text)
