"""The text being read, with what has been taken out of it already blanked, so offsets stay true."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_DASHES = re.compile(r"(?<=\d)\s*[\-‐‑‒–—―−ーｰ─]\s*(?=\d)")
_BLANK = "\u2003"  # an em space: never part of a word, a digit or an address


def fold(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), with every dash between digits as '-'.

    The dash replacement keeps the length, so spans into the folded text stay valid.
    """
    folded = unicodedata.normalize("NFKC", text or "")
    return _DASHES.sub(lambda match: "-".center(len(match.group(0))), folded)


@dataclass
class Reading:
    """One message being read: its folded text and the spans already taken by a slot."""

    text: str
    taken: list[tuple[int, int]] = field(default_factory=list)

    @property
    def rest(self) -> str:
        """The text with every taken span blanked out (same length, same offsets)."""
        chars = list(self.text)
        for start, end in self.taken:
            chars[start:end] = _BLANK * (end - start)
        return "".join(chars)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))

    def remainder(self) -> str:
        """What no slot took, as one line."""
        return re.sub(r"\s+", " ", self.rest.replace(_BLANK, " ")).strip()
