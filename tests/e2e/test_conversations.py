"""Request conversations through the real Rasa and action servers: what a customer said is never asked.

Each conversation in conversations/<lang>.yaml starts with a request that may
carry details, says yes to the offer, then answers whatever the form asks from
its `answers` (keyed by the slot asked). The test fails if the form asks for a
slot the customer already gave (`volunteered`), asks one slot twice without a
reason, or stores anything but `case`. bench/conversations.py prints the
figures (re-asks, turns per request) from the same files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.e2e.test_chat import REFERENCE, Chat, case

CONVERSATIONS = Path(__file__).with_name("conversations")
MAX_TURNS = 16


def conversations() -> list:
    found = []
    for path in sorted(CONVERSATIONS.glob("*.yaml")):
        for number, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found.append(pytest.param(item, id=f"{path.stem}-{number}-{item['profile']}"))
    return found


@dataclass
class Played:
    asked: list[str] = field(default_factory=list)  # the slots the form asked, in order
    turns: int = 0  # customer messages from the request to the case
    reference: str | None = None


def play(chat: Chat, script: dict) -> Played:
    """Run one scripted conversation; answer each question from the script."""
    played = Played()
    for text in [
        script["request"],
        *script.get("before_yes", []),
        "はい" if script["lang"] == "ja" else "yes",
    ]:
        reply = chat.say(text)
        played.turns += 1
    corrections = list(script.get("corrections", []))
    for _ in range(MAX_TURNS):
        found = REFERENCE.search(reply)
        slots = chat.slots()
        if found and slots.get("requested_slot") is None:
            played.reference = found.group(0)
            return played
        asked = slots.get("requested_slot")
        assert asked, f"the form stopped without a case: {reply}"
        played.asked.append(asked)
        if asked == "review":
            answer = corrections.pop(0) if corrections else ("はい" if script["lang"] == "ja" else "yes")
        else:
            assert asked in script["answers"], f"asked for {asked}, which the script does not answer: {reply}"
            answer = script["answers"][asked]
        reply = chat.say(answer)
        played.turns += 1
    raise AssertionError(f"no case after {MAX_TURNS} answers; asked {played.asked}")


@pytest.mark.parametrize("script", conversations())
def test_a_request_conversation_asks_only_for_what_is_missing_and_stores_it_clean(stack, script):
    chat = Chat(stack, script["profile"], script["lang"])
    played = play(chat, script)
    volunteered = set(script.get("volunteered", {}))
    assert not volunteered & set(played.asked), f"asked again for what was given: {played.asked}"
    questions = [slot for slot in played.asked if slot != "review"]
    reasked = set(script.get("reasked", []))
    assert all(questions.count(slot) == 1 or slot in reasked for slot in questions), played.asked
    stored = case(stack, played.reference)
    for name, value in script["case"].items():
        assert getattr(stored, name) == value, name
