"""Charset fallbacks: the declared charset first, then what Japanese mail really uses; never an exception."""

from __future__ import annotations

import base64

import pytest

from mail.reading.charsets import decode_header_value, decode_header_with_note, decode_text

JA = "日本語のテキストです。"
# JIS X 0208 row 13 (NEC specials) and row 92 (NEC-selected IBM extensions) as CP50221 writes them.
NEC_SPECIALS = b"\x1b$B-!-j-b\x1b(B"  # ①㈱№
IBM_TAKA = b"\x1b$B|b\x1b(B"  # 髙
KATAKANA_ESC = b"\x1b(I6@6E\x1b(B"  # ｶﾀｶﾅ
KATAKANA_SO_SI = b"\x0e6@6E\x0f"


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (JA.encode("iso2022_jp"), "ISO-2022-JP", JA),
        (NEC_SPECIALS, "iso-2022-jp", "①㈱№"),
        (IBM_TAKA + NEC_SPECIALS, "iso-2022-jp-ms", "髙①㈱№"),
        (b"abc " + KATAKANA_ESC + b" def", "CP50221", "abc ｶﾀｶﾅ def"),
        (KATAKANA_SO_SI, "cp50220", "ｶﾀｶﾅ"),
        (b"\x1b$@F|K\\\x1b(B", "iso-2022-jp", "日本"),  # ESC $ @, the 1978 designation
        (b"\x1b&@\x1b$BF|K\\\x1b(B", "iso-2022-jp", "日本"),  # with the 1990 announcer
        ("①～".encode("cp932"), "Shift_JIS", "①～"),  # CP932's FULLWIDTH TILDE, not WAVE DASH
        ("①～".encode("cp932"), "sjis", "①～"),
        ("①～".encode("cp932"), "x-sjis", "①～"),
        ("①～".encode("cp932"), "windows-31j", "①～"),
        ("髙﨑".encode("cp932"), "shift-jis", "髙﨑"),
        ("日本①".encode("euc_jis_2004"), "EUC-JP", "日本①"),
        ("日本".encode("euc_jp") + b"\xad\xf0", "euc-jp", "日本≒"),  # CP51932 row 13, not in JIS X 0213
        (JA.encode(), "UTF-8", JA),
        ("Café".encode("latin-1"), "iso-8859-1", "Café"),
        (b"plain ascii", None, "plain ascii"),
        (b"plain ascii", "us-ascii", "plain ascii"),
    ],
)
def test_declared_charset_that_fits_decodes_cleanly(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_text(data, declared) == (expected, None)


@pytest.mark.parametrize(
    ("data", "declared", "expected", "used"),
    [
        (JA.encode(), "us-ascii", JA, "utf-8"),
        (JA.encode(), "iso-8859-1", JA, "utf-8"),
        (JA.encode("cp932"), "iso-8859-1", JA, "cp932"),
        ("住所の訂正㈱".encode("cp932"), "utf-8", "住所の訂正㈱", "cp932"),
        (JA.encode("utf-8"), "iso-2022-jp", JA, "utf-8"),
        (JA.encode("iso2022_jp"), "utf-8", JA, "iso-2022-jp"),
        (JA.encode("euc_jp"), "shift_jis", JA, "euc-jp"),
    ],
)
def test_wrong_declared_charset_is_detected(data: bytes, declared: str, expected: str, used: str) -> None:
    text, note = decode_text(data, declared)
    assert text == expected
    assert note == f"charset {declared} did not fit; decoded as {used}"


@pytest.mark.parametrize(
    ("data", "expected", "used"),
    [
        (JA.encode(), JA, "utf-8"),
        (JA.encode("cp932"), JA, "cp932"),
        (JA.encode("euc_jp"), JA, "euc-jp"),
        (NEC_SPECIALS + JA.encode("iso2022_jp"), "①㈱№" + JA, "iso-2022-jp"),
        (b"\xef\xbb\xbf" + JA.encode(), JA, "utf-8-sig"),
    ],
)
def test_missing_charset_is_guessed(data: bytes, expected: str, used: str) -> None:
    assert decode_text(data, None) == (expected, f"no charset declared; decoded as {used}")


@pytest.mark.parametrize("label", ["x-unknown", "utf-42", "unicode_escape", "base64", "rot13", "", "\"'*"])
def test_unknown_or_unsafe_label_is_ignored(label: str) -> None:
    text, note = decode_text(JA.encode("cp932"), label)
    assert text == JA
    assert note is not None and "cp932" in note


def test_a_single_byte_charset_is_not_overridden_without_kana() -> None:
    # "Sévérine" happens to be valid CP932 (kanji), but without kana it stays Latin-1.
    assert decode_text("Sévérine".encode("latin-1"), "iso-8859-1") == ("Sévérine", None)


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b"\xff\xfe\x00\x81garbage\x80", None),
        (b"\xff\xfe\x00\x81garbage\x80", "utf-8"),
        (b"\x1b$B\x21", "iso-2022-jp"),  # a half pair
        (b"\x1b$Z\x1b(Q\xff", "iso-2022-jp"),  # unknown escapes and an 8-bit byte
        (b"\x8e", "euc-jp"),
        (b"\xa4", "euc-jp"),
    ],
)
def test_undecodable_bytes_never_raise(data: bytes, declared: str | None) -> None:
    text, note = decode_text(data, declared)
    assert isinstance(text, str)
    assert note is not None and note.endswith("possibly lossy")


def test_notes_never_quote_the_content() -> None:
    _, note = decode_text(JA.encode("cp932"), "秘密の<charset>")
    assert note is not None and "秘密" not in note and "<" not in note


def _b(data: bytes, charset: str = "UTF-8") -> str:
    return f"=?{charset}?B?{base64.b64encode(data).decode()}?="


SPLIT = "個人情報".encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (_b(b"\x1b$B-!-j\x1b(B", "ISO-2022-JP"), "①㈱"),
        (_b("【重要】①".encode("iso2022_jp_2004"), "iso-2022-jp-2004"), "【重要】①"),
        (_b("件名テスト～".encode("cp932"), "shift_jis"), "件名テスト～"),
        ("=?utf-8?Q?caf=C3=A9_au_lait?=", "café au lait"),
        (f"{_b(SPLIT[:4])}\r\n {_b(SPLIT[4:])}", "個人情報"),  # a character split across words
        (f"{_b(SPLIT[:5])}{_b(SPLIT[5:])}", "個人情報"),  # joined without whitespace
        (f"Re: {_b('開示'.encode())} の件", "Re: 開示 の件"),
        (f"{_b(b'ab')} {_b('開示'.encode('cp932'), 'shift_jis')}", "ab開示"),
        (_b("お問い合わせ".encode("cp932"), "x-unknown"), "お問い合わせ"),
        (_b("お問い合わせ".encode("cp932"), "utf-8"), "お問い合わせ"),  # wrong label on the word
        (_b("開示".encode(), "UTF-8*ja"), "開示"),  # RFC 2231 language suffix
        ("=?utf-8?B?5pel5pys6Kqe=?=", "日本語"),  # bad padding
        ("=?utf-8?B?5pel5pys6Kqe?", "=?utf-8?B?5pel5pys6Kqe?"),  # unterminated: left alone
        ("件名".encode("cp932").decode("ascii", "surrogateescape"), "件名"),  # raw 8-bit header
        ("件名".encode("iso2022_jp").decode("ascii"), "件名"),  # raw ISO-2022-JP header
        ("  folded\r\n value ", "folded value"),
        ("", ""),
    ],
)
def test_decode_header_value(value: str, expected: str) -> None:
    assert decode_header_value(value) == expected


def test_header_note_says_what_was_guessed() -> None:
    assert decode_header_with_note("plain") == ("plain", None)
    _, note = decode_header_with_note("件名".encode("cp932").decode("ascii", "surrogateescape"))
    assert note == "no charset declared; decoded as cp932"
