"""Which policy topics one message asks about, so a two-part question gets both answers.

The NLU gives one intent per message; "how much is it and how do I apply?" is
ask_fee or ask_procedure, never both. The words in topics.yaml find the other
topics, for the chat and for mail alike. Measured by tests/responses/test_topics.py against a bank of
two-part questions (composed answers beat a multi-intent model here: the
linear classifier has one label per message and Rasa's multi-intents need
every combination in the training data).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from responses.language import fold

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


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        if word.isascii():
            pattern = rf"(?<![a-z]){re.escape(word)}(?![a-z])"
            spans += [(found.start(), found.end()) for found in re.finditer(pattern, text)]
        else:
            start = text.find(word)
            while start >= 0:
                spans.append((start, start + len(word)))
                start = text.find(word, start + 1)
    return spans


def topics_in(text: str | None) -> list[str]:
    """The topics the message mentions, in the order it mentions them.

    A match inside a longer match of another topic does not count: "how long do you keep"
    asks about retention, not about how long a request takes.
    """
    folded = fold(text).lower()
    found = [(span, topic) for topic, words in _words().items() for span in _spans(folded, words)]

    def inside_another(span: tuple[int, int], topic: str) -> bool:
        start, end = span
        return any(
            other != topic and o_start <= start and end <= o_end and o_end - o_start > end - start
            for (o_start, o_end), other in found
        )

    first: dict[str, int] = {}
    for span, topic in found:
        if not inside_another(span, topic):
            first[topic] = min(first.get(topic, span[0]), span[0])
    return sorted(first, key=first.__getitem__)


def answer_topics(intent: str, text: str | None) -> list[str]:
    """The answers to give, the NLU's intent first: where did you get my data is its own answer."""
    mentioned = topics_in(text)
    if intent not in ANSWERABLE:
        return []
    first = "ask_source" if intent == "ask_third_party" and "ask_source" in mentioned else intent
    rest = [topic for topic in mentioned if topic not in {first, intent}]
    return [first, *rest][:MAX_TOPICS]
