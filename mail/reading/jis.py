"""ISO-2022-JP and EUC-JP as Japanese mailers really write them: through CP932, not strict JIS.

Python's iso2022_jp and euc_jp codecs reject the NEC and IBM extensions
(①, ㈱, 髙) and half-width katakana that CP50220/CP50221 and CP51932 send,
so mail.reading.charsets decodes both encodings here instead. The JIS X 0208 rows
are mapped to CP932 arithmetically, which is how Windows reads them.
"""

from __future__ import annotations

import re

_HAS_JIS = re.compile(rb"\x1b(\$[@B]|\$\(|\(I)")
_JIS_SPLIT = re.compile(rb"(\x1b\$[@B]|\x1b\$\([A-Z@]|\x1b\([A-Z]|\x1b&@|[\x0e\x0f]|\x1b)")
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


def has_jis_escapes(data: bytes) -> bool:
    """Whether the bytes switch into a JIS character set, so ISO-2022-JP is worth a try."""
    return bool(_HAS_JIS.search(data))


def decode_iso2022jp(data: bytes, strict: bool) -> str:
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


def decode_euc(data: bytes, strict: bool) -> str:
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
