"""new_text keeps what the sender wrote now; inline_forwards and find_links read pasted mail."""

from __future__ import annotations

import pytest

from mail.reading.message import ForwardedMessage
from mail.reading.quotes import find_links, inline_forwards, new_text

CASES = {
    "plain text is kept": ("開示請求をお願いします。\n", "開示請求をお願いします。"),
    "gmail english": (
        "Please delete my data.\n\n"
        "On Fri, Nov 20, 2026 at 10:00 AM Desk <desk@example.jp> wrote:\n> Hello\n> bye\n",
        "Please delete my data.",
    ),
    "gmail english wrapped in two lines": (
        "Stop the mails.\n\n"
        "On Fri, Nov 20, 2026 at 10:00 AM Privacy Desk <\ndesk@example.jp> wrote:\n\n> Hi\n",
        "Stop the mails.",
    ),
    "gmail english wrapped before the address": (
        "Stop.\n\nOn Fri, 20 Nov 2026 10:00:00 +0900\nPrivacy Desk <desk@example.jp> wrote:\n> Hi\n",
        "Stop.",
    ),
    "gmail japanese": (
        "承知しました。\n\n"
        "2026年11月20日(金) 10:00 山田太郎 <taro@example.jp>:\n\n> 本人確認書類を\n> ご提出ください。\n",
        "承知しました。",
    ),
    "gmail japanese wrapped": (
        "承知しました。\n\n2026年11月20日(金) 10:00 個人情報保護窓口 <\nprivacy@example.jp>:\n> 引用\n",
        "承知しました。",
    ),
    "apple mail japanese": (
        "了解です。\n\n2026/11/20 10:00、窓口 <desk@example.jp>のメール:\n\n> 引用\n",
        "了解です。",
    ),
    "thunderbird japanese san wa kakimashita": (
        "よろしくお願いします。\n\n山田太郎さんは書きました:\n> 引用文\n",
        "よろしくお願いします。",
    ),
    "full-width quote marks": ("削除希望です。\n\n＞以前のメール\n＞続き\n", "削除希望です。"),
    "interleaved answers are kept": (
        "On Fri, Nov 20, 2026 Desk <d@example.jp> wrote:\n"
        "> Which service?\nThe newsletter.\n> Since when?\n2024.\n",
        "The newsletter.\n2024.",
    ),
    "original message marker": (
        "Yes.\n\n-----Original Message-----\nFrom: Desk\nSent: Friday\nOld text\n",
        "Yes.",
    ),
    "japanese original message marker": (
        "はい。\n\n----- 元のメッセージ -----\n差出人: 窓口\n古い本文\n",
        "はい。",
    ),
    "outlook english block": (
        "Yes, go ahead.\n\nRegards,\nJohn\n\n________________________________\nFrom: Desk <d@example.jp>\n"
        "Sent: Friday, November 20, 2026 10:00 AM\nTo: John\nSubject: Data\n\nOld\n",
        "Yes, go ahead.\n\nRegards,\nJohn",
    ),
    "outlook japanese block": (
        "訂正します。\n\n差出人: 窓口 <d@example.jp>\n送信日時: 2026年11月20日 10:00\n"
        "宛先: 山田\n件名: 訂正\n\n古い本文\n",
        "訂正します。",
    ),
    "outlook bold labels from html": (
        "OK\n\n*From:* Desk <d@example.jp>\n*Sent:* Friday\n*Subject:* x\n\nOld\n",
        "OK",
    ),
    "a lone From: line is not history": (
        "From: 山田太郎\n住所変更をお願いします。\n",
        "From: 山田太郎\n住所変更をお願いします。",
    ),
    "gmail forward marker": (
        "見てください。\n\n---------- Forwarded message ---------\nFrom: x <x@example.com>\n\n詐欺です\n",
        "見てください。",
    ),
    "thunderbird japanese forward marker": (
        "確認をお願いします。\n\n-------- 転送メッセージ --------\n件名: 当選\n\n本文\n",
        "確認をお願いします。",
    ),
    "apple forward marker": ("FYI\n\nBegin forwarded message:\n\nFrom: x@example.com\n", "FYI"),
    "signature delimiter": ("削除してください。\n\n-- \n山田太郎\ntaro@example.jp\n", "削除してください。"),
    "signature delimiter without trailing space": ("Delete it.\n--\nJohn\n", "Delete it."),
    "signature then quote": (
        "了解です。\n-- \n山田\n\n2026年11月20日(金) 10:00 窓口 <d@example.jp>:\n> 引用\n",
        "了解です。",
    ),
    "heavy rule signature": (
        "お世話になっております。\n利用停止をお願いします。\n\n━━━━━━━━━━━━\n山田 太郎\n株式会社サンプル\n"
        "TEL: 03-1234-5678\n━━━━━━━━━━━━\n",
        "お世話になっております。\n利用停止をお願いします。",
    ),
    "light rule signature": ("ご確認ください。\n────────\n山田\nMail: taro@example.jp\n", "ご確認ください。"),
    "full-width equals signature": ("以上です。\n＝＝＝＝＝＝\n佐藤花子\n〒100-0001 東京都\n", "以上です。"),
    "asterisk signature": ("Thanks.\n*****\nJohn Smith\nExample Co., Ltd.\n+81 3 1234 5678\n", "Thanks."),
    "dash rule signature": ("よろしく。\n----\n山田\n090-1234-5678\n", "よろしく。"),
    "rule followed by real content is kept": (
        "件名の件です。\n-----\n1. 氏名の訂正\n2. 住所の訂正\n",
        "件名の件です。\n-----\n1. 氏名の訂正\n2. 住所の訂正",
    ),
    "rule followed by a long block is kept": (
        "本文\n━━━━\n" + "".join(f"{i}行目\n" for i in range(12)) + "TEL 03-1234-5678\n",
        "本文\n━━━━\n" + "".join(f"{i}行目\n" for i in range(12)) + "TEL 03-1234-5678",
    ),
    "crlf line endings": ("Delete.\r\n\r\nOn Fri, X <x@example.jp> wrote:\r\n> old\r\n", "Delete."),
    "only quoted text falls back to the first paragraph": (
        "> 引用だけ\n> です\n\n> 二段落\n",
        "> 引用だけ\n> です",
    ),
    "only a forward falls back to the first paragraph": (
        "---------- Forwarded message ---------\nFrom: x@example.com\n\n本文\n",
        "---------- Forwarded message ---------\nFrom: x@example.com",
    ),
    "empty": ("", ""),
    "whitespace": (" \n\u3000\n", ""),
}


@pytest.mark.parametrize(("text", "expected"), list(CASES.values()), ids=list(CASES))
def test_new_text(text: str, expected: str) -> None:
    assert new_text(text) == expected


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "見て https://example.jp/a?b=1&c=2. と http://x.example.com/",
            ["https://example.jp/a?b=1&c=2", "http://x.example.com/"],
        ),
        ("FAQ (https://example.jp/faq) です", ["https://example.jp/faq"]),
        ("https://example.jp/日本語", ["https://example.jp/"]),
        ("dup https://a.example/ https://a.example/", ["https://a.example/"]),
        ("HTTPS://UPPER.example/X", ["HTTPS://UPPER.example/X"]),
        ("no links, ftp://x.example/ or www.example.jp", []),
    ],
)
def test_find_links(text: str, links: list[str]) -> None:
    assert find_links(text) == links


def test_inline_forwards_reads_each_pasted_mail() -> None:
    text = (
        "2件届きました。\n\n---------- Forwarded message ---------\n"
        "From: Notice <Notice@Parcel.example.com>\n"
        "Date: 2026年11月19日(木) 8:12\nSubject: ご不在連絡\nTo: <me@example.jp>\n\n"
        "再配達: http://parcel.example.com/r\n"
        "\n-------- 転送メッセージ --------\n件名: 当選\n日付: Wed, 18 Nov 2026 12:00:00 +0900\n"
        "差出人: 事務局 <win@lucky.example.org>\n\nhttps://lucky.example.org/claim\n"
    )
    assert inline_forwards(text) == [
        ForwardedMessage(
            "notice@parcel.example.com",
            "ご不在連絡",
            "2026年11月19日(木) 8:12",
            ("http://parcel.example.com/r",),
        ),
        ForwardedMessage(
            "win@lucky.example.org",
            "当選",
            "Wed, 18 Nov 2026 12:00:00 +0900",
            ("https://lucky.example.org/claim",),
        ),
    ]


def test_inline_forward_without_headers_still_has_links() -> None:
    assert inline_forwards("Begin forwarded message:\n\nhttps://x.example/") == [
        ForwardedMessage(None, None, None, ("https://x.example/",))
    ]
