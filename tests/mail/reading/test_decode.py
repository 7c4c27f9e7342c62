"""parse_mail over real .eml fixtures: header, body text, attachments, forwards, defects; and non-mail."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mail.errors import MailDecodeError
from mail.reading.decode import parse_mail
from mail.reading.message import ForwardedMessage
from mail.reading.quotes import new_text
from tests import MAIL_FIXTURES

FIXTURES = MAIL_FIXTURES / "decoding"
CAP = 1024  # small, so fixture 12's 3 KiB scan is over it
TARO = "taro.yamada@example.jp"


@dataclass(frozen=True)
class Expected:
    subject: str
    sender: str | None = TARO
    sender_name: str | None = "Taro Yamada"
    text: tuple[str, ...] = ()  # snippets of the whole text
    new: str | None = None  # new_text(text), when the fixture is about quotes
    attachments: tuple[tuple[str | None, str, int, bool], ...] = ()  # filename, type, size, data kept
    forwarded: tuple[ForwardedMessage, ...] = ()
    defects: tuple[str, ...] = ()  # snippets; () means no defects at all
    content_type: str = "text/plain"
    absent: tuple[str, ...] = field(default=())  # must not be in the text


CASES = {
    "01_iso2022jp_plain.eml": Expected(
        "個人情報の開示請求について",
        sender_name="山田 太郎",
        text=("御社が保有する私の個人情報の開示を請求します。",),
    ),
    "02_iso2022jp_nec_ibm_kana.eml": Expected(
        "【①件目】㈱サンプルへの請求",
        sender="takahashi@example.jp",
        sender_name="髙橋 﨑子",
        text=("㈱と書きます", "№12345 の件、①と②", "髙橋より ｶﾀｶﾅ"),
    ),
    "03_shift_jis_qp.eml": Expected("利用停止のお願い", text=("会員番号：①２３４５\n～以上～",)),
    "04_utf8_declared_us_ascii.eml": Expected(
        "Deletion request",
        text=("私のデータを削除してください。",),
        defects=("body: charset us-ascii did not fit; decoded as utf-8",),
    ),
    "05_cp932_declared_utf8.eml": Expected(
        "訂正のお願い",
        text=("訂正してください。㈱サンプル",),
        defects=("charset utf-8 did not fit; decoded as cp932",),
    ),
    "06_no_charset_euc_jp.eml": Expected(
        "開示請求",
        text=("開示請求の手続きを教えてください。",),
        defects=("body: no charset declared; decoded as euc-jp",),
    ),
    "07_cp932_declared_latin1.eml": Expected(
        "Web form",
        text=("ご用件：第三者提供の停止を希望します。",),
        defects=("charset ISO-8859-1 did not fit; decoded as cp932",),
    ),
    "08_base64_split_words.eml": Expected(
        "【問い合わせ】個人情報について(No.42)", text=("保有個人データの利用目的を教えてください。\n保有",)
    ),
    "09_html_only.eml": Expected(
        "HTML only",
        text=(
            "ご案内\n\nいつもご利用ありがとうございます&よろしく。",
            "・開示請求\n・訂正請求",
            "こちら (https://madoguchi.example.jp/faq)",
        ),
        absent=("alert", "color", "ignored title", "<p>"),
        content_type="text/html",
    ),
    "10_alternative.eml": Expected(
        "Alternative",
        text=("プレーンテキスト版です。",),
        absent=("HTML版",),
        content_type="multipart/alternative",
    ),
    "11_attachments_rfc2231.eml": Expected(
        "Documents",
        text=("本人確認書類を添付します。",),
        absent=("id,name",),
        attachments=(
            ("本人確認書類.pdf", "application/pdf", 14, True),
            ("運転免許証.jpg", "image/jpeg", 8, True),
            ("申請書①.xlsx", "application/octet-stream", 8, True),
            (None, "text/csv", 14, True),
        ),
        content_type="multipart/mixed",
    ),
    "12_oversized_attachment.eml": Expected(
        "Large scan",
        text=("スキャンを送ります。",),
        absent=("small note",),
        attachments=(("scan.png", "image/png", 3072, False), ("note.txt", "text/plain", 10, True)),
        content_type="multipart/mixed",
    ),
    "13_forwarded_rfc822_phishing.eml": Expected(
        "Fwd: 不審なメール",
        sender="hanako.suzuki@example.jp",
        sender_name="Hanako Suzuki",
        text=("このメールは御社からのものでしょうか？",),
        absent=("アカウントを確認",),
        forwarded=(
            ForwardedMessage(
                sender="support@madoguchi-secure.example.net",
                subject="【重要】アカウント確認のお願い",
                date="Sun, 22 Nov 2026 23:59:00 +0900",
                links=(
                    "https://madoguchi.example.jp/verify",
                    "https://madoguchi-verify.example.net/login?id=123",
                ),
            ),
        ),
        content_type="multipart/mixed",
    ),
    "14_inline_forward_gmail.eml": Expected(
        "Fwd: Your parcel",
        text=("---------- Forwarded message ---------", "再配達はこちら"),
        new="こんなメールが届きました。御社の名前が使われています。",
        forwarded=(
            ForwardedMessage(
                sender="notice@parcel-track.example.com",
                subject="ご不在連絡",
                date="2026年11月19日(木) 8:12",
                links=("http://parcel-track.example.com/r?no=998877", "https://madoguchi.example.jp/"),
            ),
        ),
    ),
    "15_inline_forward_thunderbird_ja.eml": Expected(
        "転送: 当選のお知らせ",
        new="確認をお願いします。",
        forwarded=(
            ForwardedMessage(
                sender="campaign@lucky-prize.example.org",
                subject="当選のお知らせ",
                date="Wed, 18 Nov 2026 12:00:00 +0900",
                links=("https://lucky-prize.example.org/claim?u=1",),
            ),
        ),
    ),
    "16_reply_gmail_ja.eml": Expected(
        "Re: 【受付番号 MD-2026-0042】開示請求",
        text=("> 本人確認書類をご提出ください。",),
        new="本人確認書類は郵送で送ります。\n住所は登録のとおりです。",
    ),
    "17_reply_outlook_en.eml": Expected(
        "RE: Data deletion",
        sender="john.smith@corp.example.com",
        sender_name="Smith, John",
        new="Yes, please delete all of my data, including the newsletter list.\n\nRegards,\nJohn",
    ),
    "18_reply_outlook_ja_signature.eml": Expected(
        "RE: 訂正の件",
        text=("送信日時: 2026年11月20日 10:00",),
        new="お世話になっております。\n訂正内容は添付のとおりです。",
    ),
    "19_truncated_garbled.eml": Expected(
        "切れた",
        text=("途中で切れた本文です。途中で切れた本文です。",),
        absent=("This line is not a header", "Content-Type"),
        defects=("header: stray lines", "base64 data truncated", "CloseBoundaryNotFoundDefect"),
        content_type="multipart/mixed",
    ),
    "20_malformed_headers.eml": Expected(
        "【至急】 お問い合わせ",
        sender="sales@example.jp",
        sender_name="営業部",
        text=("本文は cp932 です。",),
        defects=(
            "body: unknown charset x-user-defined; decoded as cp932",
            "header subject: no charset declared; decoded as cp932",
            "header date: unparseable",
        ),
    ),
    "21_wrapped_attribution.eml": Expected(
        "Re: Opt out",
        text=("I asked twice already.",),  # format=flowed lines joined
        new="Please stop sending me marketing mail. I asked twice already.",
    ),
    "22_bounce_report.eml": Expected(
        "Undelivered Mail Returned to Sender",
        sender="mailer-daemon@mx.example.jp",
        sender_name="Mail Delivery Subsystem",
        text=("could not be delivered",),
        attachments=((None, "message/delivery-status", 107, True), (None, "text/rfc822-headers", 56, True)),
        content_type="multipart/report",
    ),
    "23_no_mime_sjis.eml": Expected(
        "no mime",
        sender="sato@example.jp",
        sender_name=None,
        text=("ダイレクトメールを止めてください。",),
        defects=("no charset declared; decoded as cp932", "no time zone"),
    ),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(path.name for path in FIXTURES.glob("*.eml")) == sorted(CASES)
    assert all(path.stat().st_size < 20_000 for path in FIXTURES.glob("*.eml"))


@pytest.mark.parametrize(("name", "expected"), list(CASES.items()), ids=list(CASES))
def test_fixture(name: str, expected: Expected) -> None:
    mail = parse_mail((FIXTURES / name).read_bytes(), attachment_cap=CAP)
    assert (mail.subject, mail.sender, mail.sender_name) == (
        expected.subject,
        expected.sender,
        expected.sender_name,
    )
    assert mail.content_type == expected.content_type
    for snippet in expected.text:
        assert snippet in mail.text
    for snippet in expected.absent:
        assert snippet not in mail.text
    if expected.new is not None:
        assert new_text(mail.text) == expected.new
    got = tuple((a.filename, a.content_type, a.size, a.data is not None) for a in mail.attachments)
    assert got == expected.attachments
    assert mail.forwarded == expected.forwarded
    if expected.defects:
        for snippet in expected.defects:
            assert any(snippet in defect for defect in mail.defects), (snippet, mail.defects)
    else:
        assert mail.defects == ()


@pytest.mark.parametrize(
    "raw", [b"", b"   \r\n\r\n  ", b"\r\n", b"this is not mail at all", b"\x00\x01\x02", bytearray()]
)
def test_input_that_is_not_mail_raises_mail_decode_error(raw: bytes) -> None:
    with pytest.raises(MailDecodeError):
        parse_mail(raw)


def test_mail_decode_error_message_has_no_content() -> None:
    with pytest.raises(MailDecodeError) as caught:
        parse_mail(b"secret customer text without headers")
    assert "secret" not in str(caught.value)


def test_leading_blank_lines_are_tolerated() -> None:
    assert parse_mail(b"\r\n\r\nFrom: a@example.jp\r\nSubject: ok\r\n\r\nbody\r\n").subject == "ok"
