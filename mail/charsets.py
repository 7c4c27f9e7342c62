"""Bytes to text for Japanese mail, where declared charsets are often missing, wrong or extended.

ISO-2022-JP in the wild is CP50220/CP50221 (NEC and IBM extensions, half-width
katakana), Shift_JIS is CP932 and a declared charset is a hint, not a fact. So
every decode tries the declared charset, then the usual suspects, keeps the
first result that reads like real text, and never raises.
"""

from __future__ import annotations

import binascii
import codecs
import re

_ISO2022 = "iso-2022-jp"  # our own CP50221-compatible decoder
_EUC = "euc-jp"  # euc_jis_2004, then a CP51932-like reading
_SINGLE_BYTE = re.compile(r"^(iso8859-\d+|cp125\d|latin-1|mac-roman|koi8-[ru]|cp874)$")
_ALIASES = {
    **dict.fromkeys("iso-2022-jp csiso2022jp iso-2022-jp-ms cp50220 cp50221 cp50222 jis".split(), _ISO2022),
    **dict.fromkeys(
        "shift_jis shift-jis sjis x-sjis s-jis windows-31j cswindows31j csshiftjis ms_kanji cp932 ms932 "
        "x-ms-cp932 shift_jis-2004 shift_jisx0213".split(),
        "cp932",
    ),
    **dict.fromkeys(
        "euc-jp eucjp x-euc-jp cseucpkdfmtjapanese cp51932 euc-jp-ms eucjp-win euc-jis-2004 euc_jis_2004 "
        "euc-jisx0213".split(),
        _EUC,
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
_HAS_JIS = re.compile(rb"\x1b(\$[@B]|\$\(|\(I)")
_JIS_SPLIT = re.compile(rb"(\x1b\$[@B]|\x1b\$\([A-Z@]|\x1b\([A-Z]|\x1b&@|[\x0e\x0f]|\x1b)")
_GOOD_ENOUGH = 0.9
_DECLARED_ENOUGH = 0.5


def decode_text(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """Decode mail bytes; the note says what was guessed (None when the declared charset fitted)."""
    data = bytes(data)
    codec = _codec_for(declared)
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
    reason = f"{_label(declared)} did not fit" if declared else "no charset declared"
    return text, f"{reason}; decoded as {candidate}, possibly lossy"


def decode_header_value(value: str) -> str:
    """Decode an RFC 2047 header value (also raw 8-bit or ISO-2022-JP bytes) to text."""
    return decode_header_with_note(value)[0]


def decode_header_with_note(value: str) -> tuple[str, str | None]:
    """Like decode_header_value, also saying which charset had to be guessed."""
    value = _unfold(value)
    note = None
    if _has_raw_bytes(value):
        value, note = decode_text(value.encode("utf-8", "surrogateescape"), None)
    pieces: list[str] = []
    for charset, payload, plain in _encoded_runs(value):
        if charset is None:
            pieces.append(plain)
            continue
        text, word_note = decode_text(payload, charset)
        pieces.append(text)
        note = note or word_note
    return "".join(pieces).strip(), note


# -- choosing the codec ---------------------------------------------------------------------------


def _codec_for(declared: str | None) -> str | None:
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
    return {"shift_jis": "cp932", "euc_jp": _EUC, "iso2022_jp": _ISO2022}.get(name, name)


def _candidates(expected: str | None, data: bytes) -> list[str]:
    """Codecs to try in order; a single-byte declared charset goes last because it never fails."""
    guesses = ["utf-8", _ISO2022, "cp932", _EUC] if _HAS_JIS.search(data) else ["utf-8", "cp932", _EUC]
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
        return f"{_label(declared)}; decoded as {used}"
    return f"{_label(declared)} did not fit; decoded as {used}"


def _label(declared: str | None) -> str:
    """The declared charset for a defect note: short, printable, never message content."""
    if not declared:
        return "no charset"
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]", "", declared)[:40]
    known = "charset" if _codec_for(declared) else "unknown charset"
    return f"{known} {cleaned or '?'}"


def _lenient(data: bytes, codec: str | None) -> tuple[str, str]:
    """Last resort: the declared codec with replacements, else the best-reading guess."""
    if codec is not None:
        text = _decode(data, codec, strict=False)
        if text is not None:
            return codec, text
    scored = []
    for candidate in ("utf-8", "cp932", _EUC):
        text = _decode(data, candidate, strict=False) or ""
        scored.append((_quality(text, candidate), candidate, text))
    score, candidate, text = max(scored, key=lambda item: item[0])
    return (candidate, text) if score >= 0.5 else ("latin-1", data.decode("latin-1"))


def _decode(data: bytes, codec: str, strict: bool) -> str | None:
    """One decoding attempt; None when the bytes do not fit the codec."""
    errors = "strict" if strict else "replace"
    try:
        if codec == _ISO2022:
            return _decode_iso2022jp(data, strict)
        if codec == _EUC:
            return _decode_euc(data, strict)
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


# -- ISO-2022-JP and EUC-JP through CP932 ---------------------------------------------------------

_ASCII, _KATAKANA, _JIS0208, _JIS0212, _JIS0213 = "ascii", "kana", "0208", "0212", "0213"
_MODES = {
    b"\x1b(B": _ASCII,
    b"\x1b(J": _ASCII,
    b"\x1b(H": _ASCII,
    b"\x1b(I": _KATAKANA,
    b"\x1b$@": _JIS0208,
    b"\x1b$B": _JIS0208,
    b"\x1b$(B": _JIS0208,
    b"\x1b$(@": _JIS0208,
    b"\x1b$(D": _JIS0212,
    b"\x1b$(Q": _JIS0213,
    b"\x1b$(O": _JIS0213,
    b"\x1b&@": None,
}


def _decode_iso2022jp(data: bytes, strict: bool) -> str:
    """ISO-2022-JP as CP50221 decodes it: JIS X 0208 rows go through CP932 arithmetically."""
    pieces = _JIS_SPLIT.split(data)
    mode, before_shift = _ASCII, _ASCII
    out = [_segment(pieces[0], _ASCII, strict)]
    for sequence, chunk in zip(pieces[1::2], pieces[2::2], strict=True):
        mode, before_shift = _shift(sequence, mode, before_shift, strict)
        out.append(_segment(chunk, mode, strict))
    return "".join(out)


def _shift(sequence: bytes, mode: str, before_shift: str, strict: bool) -> tuple[str, str]:
    """The mode after an escape sequence, SO or SI (SO/SI is how CP50222 sends half-width kana)."""
    if sequence == b"\x0e":
        return _KATAKANA, mode
    if sequence == b"\x0f":
        return before_shift, before_shift
    if sequence in _MODES:
        return _MODES[sequence] or mode, before_shift
    if strict:
        raise ValueError("unknown escape sequence")
    return mode, before_shift


def _segment(chunk: bytes | None, mode: str, strict: bool) -> str:
    errors = "strict" if strict else "replace"
    if not chunk:
        return ""
    if mode == _ASCII:
        return chunk.decode("ascii" if strict else "cp932", errors)
    if mode == _KATAKANA:
        return bytes(b + 0x80 if 0x21 <= b <= 0x5F else b for b in chunk).decode("cp932", errors)
    pairs = _pairs(chunk, strict)
    if mode == _JIS0208:
        return "".join(_jis_to_cp932(pair, errors) for pair in pairs)
    prefix, codec = (b"\x8f", "euc_jp") if mode == _JIS0212 else (b"", "euc_jis_2004")
    return "".join(
        (pair.decode("ascii") if pair else "\ufffd")
        if len(pair) < 2
        else (prefix + bytes(b | 0x80 for b in pair)).decode(codec, errors)
        for pair in pairs
    )


def _pairs(chunk: bytes, strict: bool) -> list[bytes]:
    """Split a two-byte segment into pairs; controls and spaces pass through one byte at a time."""
    out, index = [], 0
    while index < len(chunk):
        if chunk[index] <= 0x20:
            out.append(chunk[index : index + 1])
            index += 1
            continue
        pair = chunk[index : index + 2]
        if len(pair) < 2 or not all(0x21 <= b <= 0x7E for b in pair):
            if strict:
                raise ValueError("broken two-byte sequence")
            pair = b""  # shown as U+FFFD
        out.append(pair)
        index += 2
    return out


def _jis_to_cp932(pair: bytes, errors: str) -> str:
    """A JIS row/cell pair as CP932 bytes: NEC row 13 and NEC-selected IBM rows 89-92 included."""
    if len(pair) < 2:
        return pair.decode("ascii", errors) if pair else "\ufffd"
    row, cell = pair
    lead = ((row - 0x21) >> 1) + 0x81
    lead += 0x40 if lead > 0x9F else 0
    trail = cell + (0x1F if row & 1 else 0x7E)
    trail += 1 if row & 1 and trail >= 0x7F else 0
    return bytes((lead, trail)).decode("cp932", errors)


def _decode_euc(data: bytes, strict: bool) -> str:
    """EUC-JP as euc_jis_2004, else a CP51932-like reading through CP932."""
    try:
        return data.decode("euc_jis_2004")
    except UnicodeDecodeError:
        pass
    errors = "strict" if strict else "replace"
    out, index = [], 0
    while index < len(data):
        step, text = _euc_char(data, index, errors)
        out.append(text)
        index += step
    return "".join(out)


def _euc_char(data: bytes, index: int, errors: str) -> tuple[int, str]:
    byte = data[index]
    if byte < 0x80:
        return 1, chr(byte)
    if byte == 0x8E:
        return 2, data[index + 1 : index + 2].decode("cp932", errors) or _broken(errors)
    if byte == 0x8F:
        return 3, data[index : index + 3].decode("euc_jp", errors)
    pair = data[index : index + 2]
    if len(pair) < 2 or not all(0xA1 <= b <= 0xFE for b in pair):
        return 1, _broken(errors)
    return 2, _jis_to_cp932(bytes(b & 0x7F for b in pair), errors)


def _broken(errors: str) -> str:
    if errors == "strict":
        raise ValueError("broken EUC-JP sequence")
    return "\ufffd"


# -- RFC 2047 encoded words -----------------------------------------------------------------------

_ENCODED_WORD = re.compile(r"=\?([^?\s]*)\?([bBqQ])\?([^?]*)\?=")


def _unfold(value: str) -> str:
    return re.sub(r"[\r\n]", "", re.sub(r"\r?\n(?=[ \t])", "", value))


def _has_raw_bytes(value: str) -> bool:
    return "\x1b" in value or any("\udc80" <= ch <= "\udcff" for ch in value)


def _encoded_runs(value: str) -> list[tuple[str | None, bytes, str]]:
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
