"""Postcodes, postal addresses (Japanese and abroad) and where a customer lives."""

from __future__ import annotations

import re
from functools import lru_cache

from cases.extraction import postcodes
from cases.extraction.contacts import Found
from cases.regimes import place_names, residence_area

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_POSTCODE = re.compile(
    r"(?:〒|郵便番号\s*(?:は|:)?|postcode\s*:?|post code\s*:?|zip\s*(?:code)?\s*:?)?\s*(?<!\d)(\d{3})-?(\d{4})(?![\d-])",
    re.IGNORECASE,
)
# Where a Japanese address ends: a polite ending, punctuation, or the next detail ("メールは…").
_JA_END = re.compile(
    r"(?:です|でした|になります|となります|に住|在住|まで|宛|あて|よろしく|宜しく|から|でお願い|へ|、|。|,|!|\?|\n|\s/|\.(?:\s|$)"
    r"|\s+(?=[^\s\d]{1,8}(?:は|:))|\s+(?=[\u3040-\u309f]{1,3}(?:は|が|を|に|で|も|ね|よ))|\u2003|$)"
)
_JA_CUE_LATIN = re.compile(r"(?:住所は|住所:|ご住所は)\s*(?=[A-Za-z0-9])")
_JA_CUE = re.compile(r"(?:住所は|住所:|住所、|ご住所は|住まいは|住所が)\s*")
_EN_CUE = re.compile(
    r"\b(?:my (?:postal |mailing |home |current |new )?ad+ress is|(?:postal |mailing |home )?address\s*:|"
    r"i live at|i reside at|send (?:it|the form|them|everything) to|post (?:it|the form) to)\s*",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|Room)\s+\w+,?\s+)?\d{1,5}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:[A-Z][\w.'-]*\s+){0,4}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|"
    r"Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Court|Ct\.?|Place|Pl\.?|Terrace|Crescent|Close|Square)\b"
    r"|(?<![A-Za-z0-9])[A-Z][\wäöüß]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring)\s+\d{1,4}[a-z]?\b"
    r"|(?<![A-Za-z0-9])(?:rue|via|calle|avenida|avenue)\s+[\w' ]{2,30}?\s*,?\s*\d{0,4}"
    r"|\b\d{1,4}-\d{1,4}(?:-\d{1,4})?\s+[A-Z][a-z]+(?:-(?:cho|machi))?,\s*[A-Z][a-z]+-(?:ku|shi|cho|machi|gun)\b",
)
_EN_END = re.compile(
    r"(?:\s*です|\s*。|\s*、|\.\s+(?=[A-Za-z])|\.\s*$|\s+(?:and|my|i|please|thanks|email|e-mail|phone|tel)\b|\s*[(/;!?\n]|\u2003|$)",
    re.IGNORECASE,
)
_RESIDENCE_CUE = re.compile(
    r"(?:country(?: of residence)?\s*[:：]|residence\s*[:：]|居住国\s*[:：は]|国\s*[:：]|に住んで|に住ん|に住み|在住|に住|に居住|に暮らし|住まいは|住まい|から(?:です|連絡|問い合わせ|書いて)|の居住者|に引っ越)"
    r"|\b(?:live|living|reside|residing|resident|based|located|staying|am from|i'm from|im from|moved to)\b"
    r"|\b(?:i'm|i am|im)\s+(?:[A-Z][\w'-]*\s+){1,3}from\b",
    re.IGNORECASE,
)


def postcode(text: str) -> Found | None:
    for match in _POSTCODE.finditer(text):
        prefix = match.group(0)[: match.start(1) - match.start()]
        before = text[max(0, match.start() - 4) : match.start()]
        if re.search(r"(?i)prv-?\d{0,4}$|\d-$", before):
            continue
        if not prefix.strip() and re.match(r"\s*-\d", text[match.end() :]):
            continue  # part of a longer number
        return Found(f"{match.group(1)}-{match.group(2)}", match.start(), match.end())
    return None


def japanese_address(text: str) -> Found | None:
    """From the prefecture (or the city, if no prefecture is written) to where the address ends."""
    start = None
    for name in postcodes.PREFECTURES:
        position = text.find(name)
        if position >= 0 and (start is None or position < start):
            start = position
    if start is None:
        cue = _JA_CUE.search(text)
        city = postcodes.city_in(text[cue.end() :] if cue else text)
        if city is None:
            return None
        start = (cue.end() if cue else 0) + city[0]
        if not cue and not re.match(r".{2,}?\d", text[start:]):
            return None  # a city named in passing ("大阪に住んでいます") is not an address
    end_match = _JA_END.search(text, start + 3)
    end = end_match.start() if end_match else len(text)
    value = _tidy_ja(text[start:end])
    if len(value) < 5:
        return None
    return Found(value, start, start + len(text[start:end].rstrip(" ./")))


def _tidy_ja(value: str) -> str:
    value = re.sub(r"\s*-\s*", "-", value.strip())
    return re.sub(r"\s+", " ", value).strip(" ,、./")


def foreign_address(text: str) -> Found | None:
    cue = _EN_CUE.search(text) or _JA_CUE_LATIN.search(text)
    start = cue.end() if cue else None
    if start is None:
        street = _STREET.search(text)
        if street is None:
            return None
        start = street.start()
    end_match = _EN_END.search(text, start + 1)
    end = end_match.start() if end_match else len(text)
    value = re.sub(r"\s+", " ", text[start:end]).strip(" ,./")
    if len(value) < 8 or not re.search(r"\d", value):
        return None
    return Found(value, start, start + len(text[start:end].rstrip(" ,.")))


@lru_cache(maxsize=1)
def _places() -> list[str]:
    return [name for name in place_names() if len(name) >= 2]


def place_in(text: str) -> Found | None:
    """The first place name of the residence vocabulary written in the text (the longest, at one position)."""
    folded = text.lower()
    best: Found | None = None
    for name in _places():
        low = name.lower()
        if low.isascii():
            match = re.search(rf"(?<![a-z]){re.escape(low)}(?![a-z])", folded)
            start = match.start() if match else -1
        else:
            start = folded.find(low)
        if start < 0:
            continue
        if best is None or start < best.start or (start == best.start and len(name) > best.end - best.start):
            best = Found(text[start : start + len(name)], start, start + len(name))
    return best


def country(text: str, address: Found | None) -> Found | None:
    """Where the writer lives: a place named with a residence cue, or the last part of an address abroad."""
    if address is not None and not _JAPANESE.search(address.value):
        tail = address.value.rsplit(",", 1)[-1].strip(" .")
        last = place_in(tail)
        in_japan = (
            last is not None and residence_area(last.value) == "japan" and last.value.lower() != "japan"
        )
        if last is not None and not in_japan and tail.lower().endswith(last.value.lower()):
            start = address.end - len(tail) if address.value.endswith(tail) else address.start
            return Found(last.value, start, address.end)
    for cue in _RESIDENCE_CUE.finditer(text):
        window_start = max(0, cue.start() - 25)
        before, after = text[window_start : cue.start()], text[cue.end() : cue.end() + 30]
        if _SOMEONE_ELSE.search(before):
            continue  # "姉がフランスに住んでいます": where someone else lives
        if _JAPANESE.match(cue.group(0)) and not re.search(r"[は:：]$", cue.group(0)):
            # フランスに住んでいる / スペイン在住: the place comes first
            place = _last_place(before)
            if place is not None:
                return Found(place.value, window_start + place.start, window_start + place.end)
            continue
        for segment, offset in ((after, cue.end()), (before, window_start)):
            place = place_in(segment)
            if place is not None:
                return Found(place.value, offset + place.start, offset + place.end)
    return None


_SOMEONE_ELSE = re.compile(
    r"(?:姉|兄|妹|弟|母|父|娘|息子|妻|夫|家族|友人|友達|祖母|祖父|親戚|叔母|叔父)(?:が|は)[^、。]*$"
    r"|\bmy\s+(?:sister|brother|mother|father|mum|mom|dad|daughter|son|wife|husband|friend|parents?)\s+\w*\s*$",
    re.IGNORECASE,
)


def _last_place(text: str) -> Found | None:
    """The place named nearest the end of the text (right before a Japanese residence cue)."""
    last = None
    position = 0
    while (place := place_in(text[position:])) is not None:
        last = Found(place.value, position + place.start, position + place.end)
        position += place.end
    return last
