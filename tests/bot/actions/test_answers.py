"""What the request form accepts, table-driven."""

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
        (answers.name, "山田 太郎", "山田 太郎"),
        (answers.name, "090-1234-5678", None),
        (answers.name, "x@y.z", None),
        (answers.phone, "０９０－１２３４－５６７８", "090-1234-5678"),
        (answers.phone, "12", None),
        (answers.acting_for, "本人です", "self"),
        (answers.acting_for, "母の代理です", "deputy"),
        (answers.acting_for, "I'm acting for my mother", "deputy"),
        (answers.deputy_kind, "成年後見人です", "adult_guardian"),
        (answers.deputy_kind, "I am her lawyer", "mandatary"),
        (answers.incident_channel, "SMSでした", "sms"),
        (answers.incident_channel, "a phone call", "phone"),
        (answers.reference, "ＰＲＶ－２０２６－０００１２３の件", "PRV-2026-000123"),
        (answers.reference, "prv 2026 000123", "PRV-2026-000123"),
        (answers.country, "ドイツ", "ドイツ"),
        (answers.country, "Atlantis", None),
    ],
)
def test_answers_are_checked_and_tidied(parse, text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "abroad", "expected"),
    [
        ("〒150-0001 東京都渋谷区神宮前1-2-3", False, "〒150-0001 東京都渋谷区神宮前1-2-3"),
        ("1500001 東京都渋谷区神宮前1-2-3", False, "〒150-0001 東京都渋谷区神宮前1-2-3"),
        ("東京都渋谷区のどこか", False, None),
        ("Hauptstrasse 5, 10115 Berlin", True, "Hauptstrasse 5, 10115 Berlin"),
        ("Berlin", True, None),
    ],
)
def test_a_japanese_address_needs_its_postcode(text, abroad, expected):
    assert answers.postal_address(text, abroad) == expected


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
