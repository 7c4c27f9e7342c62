"""Which law governs a request, from where the person lives."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

_VOCAB = Path(__file__).with_name("residence.yaml")
_REGIME_OF = {"gdpr": "gdpr", "ccpa": "ccpa", "pipl": "pipl", "japan": "appi", "elsewhere": "appi"}


@lru_cache(maxsize=1)
def _places() -> list[tuple[str, str]]:
    """(lower-cased place name, area), longest names first so 'New Mexico' beats 'Mexico'."""
    data = yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))
    pairs = [(str(name).lower(), area) for area, names in data.items() for name in names]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def place_names() -> list[str]:
    """Every place name the residence vocabulary knows, longest first."""
    return [name for name, _ in _places()]


def residence_area(text: str | None) -> str | None:
    """gdpr, ccpa, pipl, japan or elsewhere for a free-text place; None if we know no place in it."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    for name, area in _places():
        if name.isascii():
            if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", folded):
                return area
        elif name in folded:
            return area
    return None


def regime_for_residence(text: str | None) -> str | None:
    area = residence_area(text)
    return _REGIME_OF[area] if area else None
