"""Charset labels as mailers write them, mapped to the codec that really decodes such mail.

A label is a hint from the sender, not a fact: "Shift_JIS" means CP932,
"ISO-2022-JP" means CP50221, and some labels name codecs Python has but that
must never touch mail bytes. This table is the one place that knows.
"""

from __future__ import annotations

import codecs
import re

ISO2022 = "iso-2022-jp"  # our own CP50221-compatible decoder, in mail.reading.jis
EUC = "euc-jp"  # euc_jis_2004, then a CP51932-like reading, in mail.reading.jis
_ALIASES = {
    **dict.fromkeys("iso-2022-jp csiso2022jp iso-2022-jp-ms cp50220 cp50221 cp50222 jis".split(), ISO2022),
    **dict.fromkeys(
        "shift_jis shift-jis sjis x-sjis s-jis windows-31j cswindows31j csshiftjis ms_kanji cp932 ms932 "
        "x-ms-cp932 shift_jis-2004 shift_jisx0213".split(),
        "cp932",
    ),
    **dict.fromkeys(
        "euc-jp eucjp x-euc-jp cseucpkdfmtjapanese cp51932 euc-jp-ms eucjp-win euc-jis-2004 euc_jis_2004 "
        "euc-jisx0213".split(),
        EUC,
    ),
    "iso-2022-jp-1": "iso2022_jp_1",
    "iso-2022-jp-2": "iso2022_jp_2",
    "iso-2022-jp-3": "iso2022_jp_3",
    "iso-2022-jp-2004": "iso2022_jp_2004",
    "unicode-1-1-utf-8": "utf-8",
    "utf8mb4": "utf-8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-8-i": "iso8859-8",
    "windows-874": "cp874",
    "x-mac-roman": "mac-roman",
}
# Codecs Python knows that must never be applied to mail bytes.
_REFUSED = {"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined", "mbcs", "oem"}


def codec_for(declared: str | None) -> str | None:
    """Our codec name for a charset label, or None when missing, unknown or unsafe."""
    if not declared:
        return None
    label = declared.strip().strip("\"'").split("*")[0].strip().lower()
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    if name in _REFUSED or not getattr(codecs.lookup(name), "_is_text_encoding", True):
        return None
    return {"shift_jis": "cp932", "euc_jp": EUC, "iso2022_jp": ISO2022}.get(name, name)


def label(declared: str | None) -> str:
    """The declared charset for a defect note: short, printable, never message content."""
    if not declared:
        return "no charset"
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]", "", declared)[:40]
    known = "charset" if codec_for(declared) else "unknown charset"
    return f"{known} {cleaned or '?'}"
