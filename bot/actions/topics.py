"""Which policy topics one message asks about, so a two-part question gets both answers.

The NLU gives one intent per message; "how much is it and how do I apply?" is
ask_fee or ask_procedure, never both. The words in topics.yaml find the other
topics. Measured by tests/bot/actions/test_topics.py against a bank of
two-part questions (composed answers beat a multi-intent model here: the
linear classifier has one label per message and Rasa's multi-intents need
every combination in the training data).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.actions.answers import fold

_TOPICS = Path(__file__).with_name("topics.yaml")
MAX_TOPICS = 3  # more than this in one message is better answered by a person
# Each has its template, responses/templates/<lang>/chat/answer/<topic>.j2.
ANSWERABLE = (
    "ask_procedure",
    "ask_fee",
    "ask_documents",
    "ask_deputy",
    "ask_timeline",
    "ask_purpose",
    "ask_third_party",
    "ask_source",
    "ask_retention",
    "ask_security",
    "ask_contact",
    "ask_cookies",
)


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    data = yaml.safe_load(_TOPICS.read_text(encoding="utf-8"))
    return {
        topic: [fold(str(word)).lower() for word in words]
        for topic, words in data.items()
        if topic in ANSWERABLE
    }


def _first_match(text: str, words: list[str]) -> int | None:
    positions = []
    for word in words:
        if word.isascii():
            found = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text)
            if found:
                positions.append(found.start())
        elif (index := text.find(word)) >= 0:
            positions.append(index)
    return min(positions) if positions else None


def topics_in(text: str | None) -> list[str]:
    """The topics the message mentions, in the order it mentions them."""
    folded = fold(text).lower()
    found = [
        (pos, topic) for topic, words in _words().items() if (pos := _first_match(folded, words)) is not None
    ]
    return [topic for _, topic in sorted(found)]


def answer_topics(intent: str, text: str | None) -> list[str]:
    """The answers to give, the NLU's intent first: where did you get my data is its own answer."""
    mentioned = topics_in(text)
    if intent not in ANSWERABLE:
        return []
    first = "ask_source" if intent == "ask_third_party" and "ask_source" in mentioned else intent
    rest = [topic for topic in mentioned if topic not in {first, intent}]
    return [first, *rest][:MAX_TOPICS]
