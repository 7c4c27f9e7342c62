"""Which language a customer wrote in, decided per message.

Script is a strong signal: any kana or kanji means Japanese. Latin text means
English only when it reads as words, so a bare e-mail address, phone number or
reference typed into a form keeps the conversation's current language.
"""

from __future__ import annotations

import re
import unicodedata

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_NOISE = re.compile(r"\S+@\S+|https?://\S+|PRV-\d{4}-\d+|[\d\s()+\-]+", re.IGNORECASE)
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_WORD = re.compile(r"[A-Za-z]{1,}")
# Words that show a sentence rather than a name or an address.
_ENGLISH_CUES = frozenset(
    (
        "i me my you your we our the a an is are was do does can could would please what how when where "
        "why which who hi hello hey thanks thank yes no ok okay not want need"
    ).split()
)


def fold(text: str | None) -> str:
    """Customer text as it is compared with our word lists: NFKC (full-width ＰＲＶ is PRV), trimmed."""
    return unicodedata.normalize("NFKC", text or "").strip()


def detect_language(text: str, current: str | None = None) -> str | None:
    """Return "ja", "en", or `current` when the text gives no clear signal.

    Without a current language any Japanese script or any English word decides.
    With one, only a sentence in the other language switches: kana (Japanese
    is not written without it), or English words that read as a sentence. A
    name in kanji or romaji, a place, an emoji keep the current language.
    """
    text = _NOISE.sub(" ", unicodedata.normalize("NFKC", text or ""))
    words = [word.lower() for word in _WORD.findall(text)]
    if current is None:
        if _JAPANESE.search(text):
            return "ja"
        return "en" if words else None
    if current != "ja" and len(_KANA.findall(text)) >= 2:
        return "ja"
    if (
        current != "en"
        and not _KANA.search(text)
        and (len(words) >= 5 or (len(words) >= 2 and _ENGLISH_CUES.intersection(words)))
    ):
        return "en"
    return current
