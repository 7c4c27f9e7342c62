"""RFC 2047 encoded words split out of a header value, before any charset is applied.

Kept apart from mail.reading.charsets because finding and joining the words is
syntax, while turning their bytes into text is the charset guessing that
header and body share. Real encoders break the rules (bad padding, characters
and ISO-2022-JP shift states split across words), so the scanner forgives.
"""

from __future__ import annotations

import binascii
import re

_ENCODED_WORD = re.compile(r"=\?([^?\s]*)\?([bBqQ])\?([^?]*)\?=")


def unfold(value: str) -> str:
    """The header value on one line: folds removed, stray CR and LF dropped."""
    return re.sub(r"[\r\n]", "", re.sub(r"\r?\n(?=[ \t])", "", value))


def has_raw_bytes(value: str) -> bool:
    """Whether the value holds undecoded 8-bit bytes (as surrogates) or a JIS escape."""
    return "\x1b" in value or any("\udc80" <= ch <= "\udcff" for ch in value)


def encoded_runs(value: str) -> list[tuple[str | None, bytes, str]]:
    """(charset, bytes, "") for runs of adjacent same-charset encoded words, (None, b"", text) else.

    Adjacent words are joined as bytes before decoding because encoders split
    multi-byte characters and ISO-2022-JP shift states across words.
    """
    runs: list[tuple[str | None, bytes, str]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        gap = value[position : match.start()]
        if gap and not (gap.isspace() and runs and runs[-1][0] is not None):
            runs.append((None, b"", gap))
        charset = match.group(1).split("*")[0] or "us-ascii"
        payload = _word_bytes(match.group(2), match.group(3))
        last = runs[-1] if runs else (None, b"", "")
        if last[0] is not None and last[0].lower() == charset.lower():
            runs[-1] = (last[0], last[1] + payload, "")
        else:
            runs.append((charset, payload, ""))
        position = match.end()
    if position < len(value):
        runs.append((None, b"", value[position:]))
    return runs


def _word_bytes(encoding: str, text: str) -> bytes:
    """The payload of one encoded word, forgiving bad padding and stray characters."""
    raw = text.encode("utf-8", "surrogateescape")
    if encoding.lower() == "q":
        return binascii.a2b_qp(raw, header=True)
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]
    return binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))
