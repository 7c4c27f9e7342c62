"""Details said in words (who the request is for, how a contact came, "I have no e-mail"), from phrases.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from cases.extraction.contacts import Found

_PHRASES = Path(__file__).with_name("phrases.yaml")


@lru_cache(maxsize=1)
def phrases() -> dict:
    return yaml.safe_load(_PHRASES.read_text(encoding="utf-8"))


def _positions(text: str, word: str) -> list[int]:
    word = word.lower()
    if word.isascii() and re.match(r"\w", word[0]):
        pattern = rf"(?<![a-z0-9]){re.escape(word)}(?![a-z])"
        return [match.start() for match in re.finditer(pattern, text)]
    found = [match.start() for match in re.finditer(re.escape(word), text)]
    if word.startswith("本人"):  # not the 本人 of 日本人
        found = [start for start in found if text[max(0, start - 1) : start] != "日"]
    return found


def contains(text: str, word: str) -> bool:
    """Whether the phrase is written (ASCII phrases as whole words), ignoring case."""
    return bool(_positions(text.lower(), word))


def choose(text: str, options: dict[str, list[str]]) -> Found | None:
    """The option whose phrase is written, the longest phrase winning."""
    folded = text.lower()
    best: Found | None = None
    for option, words in options.items():
        for word in words:
            for start in _positions(folded, str(word)):
                length = len(str(word))
                if best is None or length > best.end - best.start:
                    best = Found(option, start, start + length)
    return best


def every(text: str, options: dict[str, list[str]]) -> list[Found]:
    """Each option written, once, in the order they appear (its first, longest phrase)."""
    folded = text.lower()
    found: dict[str, Found] = {}
    for option, words in options.items():
        for word in sorted(map(str, words), key=len, reverse=True):
            positions = _positions(folded, word)
            if positions and option not in found:
                found[option] = Found(option, positions[0], positions[0] + len(word))
    return sorted(found.values(), key=lambda item: item.start)


def said(text: str, key: str) -> Found | None:
    """Whether one of the phrases under `key` is written."""
    return choose(text, {key: phrases()[key]})


# A sender written after its cue: an address or number, a quoted name, or a few words of a name.
_SENDER_AFTER_CUE = re.compile(
    r"\s*(?:from\s+)?(?:"
    r"[「『\"'](?P<quoted>[^」』\"']{1,60})[」』\"']"
    r"|(?P<number>\+?[\d][\d\s\-()]{6,}\d)"
    r"|(?P<article>(?:the|your|a|an|our)\s+[a-z][\w\-']*(?:\s+(?!(?:and|asking|saying|to|who|which|that|on|at|in|"
    r"about|for|with|but|i|we|they|it|asked|said|and)\b)[a-z][\w\-']*){0,2})(?=\s*(?:[,.!?]|and\b|asking\b|saying\b|who\b|$))"
    r"|(?P<words>(?:(?:the|your|a|an)\s+)?[A-Za-z0-9][\w.@\-']*(?:\s+(?!(?:and|asking|saying|to|who|which|that|on|at|in|"
    r"about|for|with|but|i|we|they|it)\b)[A-Z0-9][\w.@\-']*)*)"
    r"|(?P<japanese>[^\s「」『』\"'、。,!?]{2,40}?)(?=\s*(?:です|でした|と|から|という|を名乗|で|、|。|,|!|\?|\s|$))"
    r")"
)


def senders(text: str) -> Iterator[Found]:
    """Who a suspicious contact was or where it came from, after or before each cue, in cue order."""
    folded = text.lower()
    for cue in sorted(map(str, phrases()["sender_before"]), key=len, reverse=True):
        for start in _positions(folded, cue):
            match = _SENDER_AFTER_CUE.match(text, start + len(cue))
            if not match:
                continue
            if cue == "from" and re.search(r"(?:i'm|i am|im|am)\s+$", folded[:start]):
                continue  # "I'm from Canada" says where they live
            group = next(
                name for name in ("quoted", "number", "article", "words", "japanese") if match.group(name)
            )
            value = match.group(group).strip().rstrip(".")
            if len(value) >= 2 and value.lower() not in {"the", "your", "a", "an", "from"}:
                begin = match.start(group)
                yield Found(value, begin, begin + len(value))
    for cue in map(str, phrases()["sender_after"]):  # in the file's order: "を名乗" before "から電話"
        for start in _positions(folded, cue):
            before = text[:start]
            match = re.search(r"[「『\"']?([^\s「」『』\"'、。,!?]{2,40})[」』\"']?\s*$", before)
            if match:
                # The noun phrase right before the cue: "自宅に市役所の職員" -> "市役所の職員".
                value = re.split(r"(?<=[^\x00-\x7f])[にがはでをと]|を名乗る?|と名乗る?", match.group(1))[-1]
                value = re.sub(r"^[にがはでをと]+", "", value)
                begin = match.end(1) - len(value)
                if len(value) >= 2:
                    yield Found(value, begin, match.end(1))


def sender(text: str) -> Found | None:
    """The first of `senders`: what a report says the contact was."""
    return next(senders(text), None)
