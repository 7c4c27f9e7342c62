"""Bytes to text for Japanese mail, where declared charsets are often missing, wrong or extended.

ISO-2022-JP in the wild is CP50220/CP50221 (NEC and IBM extensions, half-width
katakana), Shift_JIS is CP932 and a declared charset is a hint, not a fact. So
every decode tries the declared charset, then the usual suspects, keeps the
first result that reads like real text, and never raises. This module is the
guessing; label mapping is in mail.reading.charset_names, the JIS decoders in
mail.reading.jis and RFC 2047 syntax in mail.reading.encoded_words.
"""

from __future__ import annotations

import codecs
import re

from mail.reading.charset_names import EUC, ISO2022, codec_for, label
from mail.reading.encoded_words import encoded_runs, has_raw_bytes, unfold
from mail.reading.jis import decode_euc, decode_iso2022jp, has_jis_escapes

_SINGLE_BYTE = re.compile(r"^(iso8859-\d+|cp125\d|latin-1|mac-roman|koi8-[ru]|cp874)$")
_GOOD_ENOUGH = 0.9
_DECLARED_ENOUGH = 0.5


def decode_text(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """Decode mail bytes; the note says what was guessed (None when the declared charset fitted)."""
    data = bytes(data)
    codec = codec_for(declared)
    expected = codec or (None if declared else "ascii")  # RFC 2045: no charset means US-ASCII
    best: tuple[float, str, str] | None = None
    for candidate in _candidates(expected, data):
        text = _decode(data, candidate, strict=True)
        if text is None:
            continue
        score = _quality(text, candidate)
        if _acceptable(score, candidate, expected, text):
            return text, _note(declared, expected, candidate)
        if best is None or score > best[0]:
            best = (score, candidate, text)
    if best is not None and best[0] >= _DECLARED_ENOUGH:
        return best[2], _note(declared, expected, best[1])
    candidate, text = _lenient(data, codec)
    reason = f"{label(declared)} did not fit" if declared else "no charset declared"
    return text, f"{reason}; decoded as {candidate}, possibly lossy"


def decode_header_value(value: str) -> str:
    """Decode an RFC 2047 header value (also raw 8-bit or ISO-2022-JP bytes) to text."""
    return decode_header_with_note(value)[0]


def decode_header_with_note(value: str) -> tuple[str, str | None]:
    """Like decode_header_value, also saying which charset had to be guessed."""
    value = unfold(value)
    note = None
    if has_raw_bytes(value):
        value, note = decode_text(value.encode("utf-8", "surrogateescape"), None)
    pieces: list[str] = []
    for charset, payload, plain in encoded_runs(value):
        if charset is None:
            pieces.append(plain)
            continue
        text, word_note = decode_text(payload, charset)
        pieces.append(text)
        note = note or word_note
    return "".join(pieces).strip(), note


# -- choosing the codec ---------------------------------------------------------------------------


def _candidates(expected: str | None, data: bytes) -> list[str]:
    """Codecs to try in order; a single-byte declared charset goes last because it never fails."""
    guesses = ["utf-8", ISO2022, "cp932", EUC] if has_jis_escapes(data) else ["utf-8", "cp932", EUC]
    if data.startswith(codecs.BOM_UTF8):
        guesses.insert(0, "utf-8-sig")
    if expected is None:
        order = guesses
    elif _SINGLE_BYTE.match(expected) and not data.isascii():
        order = [*guesses, expected]
    else:
        order = [expected, *guesses]
    return list(dict.fromkeys(order))


def _acceptable(score: float, candidate: str, expected: str | None, text: str) -> bool:
    """Whether a strict decode reads well enough to stop looking.

    The declared charset gets the benefit of the doubt; overriding a declared
    single-byte charset (which never fails) needs UTF-8 or text with kana in it.
    """
    if candidate == expected:
        return score >= _DECLARED_ENOUGH
    if score < _GOOD_ENOUGH:
        return False
    if expected is None or not _SINGLE_BYTE.match(expected):
        return True
    return candidate.startswith("utf-8") or bool(_KANA.search(text))


def _note(declared: str | None, expected: str | None, used: str) -> str | None:
    if used == expected:
        return None
    if not declared:
        return f"no charset declared; decoded as {used}"
    if expected is None:
        return f"{label(declared)}; decoded as {used}"
    return f"{label(declared)} did not fit; decoded as {used}"


def _lenient(data: bytes, codec: str | None) -> tuple[str, str]:
    """Last resort: the declared codec with replacements, else the best-reading guess."""
    if codec is not None:
        text = _decode(data, codec, strict=False)
        if text is not None:
            return codec, text
    scored = []
    for candidate in ("utf-8", "cp932", EUC):
        text = _decode(data, candidate, strict=False) or ""
        scored.append((_quality(text, candidate), candidate, text))
    score, candidate, text = max(scored, key=lambda item: item[0])
    return (candidate, text) if score >= 0.5 else ("latin-1", data.decode("latin-1"))


def _decode(data: bytes, codec: str, strict: bool) -> str | None:
    """One decoding attempt; None when the bytes do not fit the codec."""
    errors = "strict" if strict else "replace"
    try:
        if codec == ISO2022:
            return decode_iso2022jp(data, strict)
        if codec == EUC:
            return decode_euc(data, strict)
        return data.decode(codec, errors)
    except (UnicodeError, ValueError, LookupError, TypeError):
        return None


# -- judging a result -----------------------------------------------------------------------------

_UNUSUAL = re.compile("[^\t\n\f\r\x20-\x7e]")
# Controls, C1, replacement and private use (CP932's user area and unmapped bytes).
_SUSPECT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]")
_KANA = re.compile("[\u3001\u3002\u300c\u300d\u3041-\u30fa\u30fc]")


def _quality(text: str, codec: str) -> float:
    """Share of non-ASCII characters that are plausible text (1.0 for plain ASCII).

    Half-width katakana counts against CP932 only: it is what EUC-JP bytes
    read as CP932 look like, while ISO-2022-JP has to ask for it explicitly.
    """
    unusual = len(_UNUSUAL.findall(text))
    if not unusual:
        return 1.0
    suspect = len(_SUSPECT.findall(text))
    if codec == "cp932":
        suspect += len(_HALF_WIDTH_KANA.findall(text))
    return 1 - suspect / unusual
