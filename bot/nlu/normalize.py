"""NFKC normalisation that remembers where each normalised character came from.

Tokens must carry offsets into the text the customer typed, while features are
built from the normalised form (full-width ＰＲＶ and half-width ｶﾀﾛｸﾞ fold into
PRV and カタログ). Normalising cluster by cluster keeps that mapping exact.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Half-width voiced/semi-voiced marks join the preceding kana under NFKC.
_JOINERS = {"\uff9e", "\uff9f", "\u3099", "\u309a"}


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of text[i]; one past the end appended

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        original_end = self.origin[end] if end < len(self.origin) else self.origin[-1]
        return self.origin[start], max(original_end, self.origin[start] + 1)


def _clusters(text: str) -> list[tuple[int, str]]:
    clusters: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        joins = clusters and (char in _JOINERS or unicodedata.combining(char))
        if joins:
            start, chars = clusters[-1]
            clusters[-1] = (start, chars + char)
        else:
            clusters.append((index, char))
    return clusters


def normalize(text: str) -> Normalized:
    pieces: list[str] = []
    origin: list[int] = []
    for start, cluster in _clusters(text):
        folded = unicodedata.normalize("NFKC", cluster)
        pieces.append(folded)
        origin.extend([start] * len(folded))
    origin.append(len(text))
    return Normalized("".join(pieces), tuple(origin))
