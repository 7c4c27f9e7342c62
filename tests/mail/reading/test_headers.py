"""Header fields as parse_mail reads them: Message-IDs, recipients, date and decoded values."""

from __future__ import annotations

import datetime as dt

from mail.reading.decode import parse_mail
from tests import MAIL_FIXTURES

FIXTURES = MAIL_FIXTURES / "decoding"
CAP = 1024
JST = dt.timezone(dt.timedelta(hours=9))
DESK = ("privacy@madoguchi.example.jp",)


def _parse(name: str):
    return parse_mail((FIXTURES / name).read_bytes(), attachment_cap=CAP)


def test_ids_keep_brackets_and_lose_whitespace() -> None:
    mail = _parse("16_reply_gmail_ja.eml")
    assert mail.message_id == "<16.reply@mail.example.jp>"
    assert mail.in_reply_to == "<case-0042.1@madoguchi.example.jp>"
    assert mail.references == ("<case-0042.0@madoguchi.example.jp>", "<case-0042.1@madoguchi.example.jp>")


def test_ids_without_brackets_or_with_junk() -> None:
    mail = _parse("20_malformed_headers.eml")
    assert mail.message_id == "20.noangle@example.jp"
    assert mail.references == ("<a@x>", "<b@y>")
    assert mail.in_reply_to is None


def test_recipients_from_to_and_cc_lower_cased_without_groups() -> None:
    assert _parse("20_malformed_headers.eml").recipients == (
        "privacy@madoguchi.example.jp",
        "desk2@madoguchi.example.jp",
    )
    assert _parse("01_iso2022jp_plain.eml").recipients == DESK


def test_date_is_aware() -> None:
    assert _parse("01_iso2022jp_plain.eml").date == dt.datetime(2026, 11, 20, 10, 0, tzinfo=JST)
    assert _parse("23_no_mime_sjis.eml").date == dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    assert _parse("20_malformed_headers.eml").date is None


def test_headers_are_lower_cased_decoded_first_values() -> None:
    headers = _parse("02_iso2022jp_nec_ibm_kana.eml").headers
    assert headers["subject"] == "【①件目】㈱サンプルへの請求"
    assert headers["from"] == "髙橋 﨑子 <takahashi@example.jp>"
    assert headers["content-type"] == "text/plain; charset=iso-2022-jp"
    assert "Subject" not in headers
