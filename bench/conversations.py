"""Re-asks and turns per request, from the scripted conversations, against a running assistant (`make run`).

    PYTHONPATH=. .venv/bin/python bench/conversations.py [--rasa-url http://127.0.0.1:5005]

Plays every conversation in tests/e2e/conversations/ (as tests/e2e/test_conversations.py
does) and prints JSON: re-asks of a volunteered detail per conversation (target 0), slots
asked twice, and the customer turns each request type took from the request to its case,
over all conversations and over those whose first message gave everything (`complete`).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.client import Assistant
from madoguchi.settings import settings
from tests.e2e.test_chat import Chat
from tests.e2e.test_conversations import CONVERSATIONS, play


@dataclass
class RunningStack:
    """What Chat needs of the e2e stack, pointed at `make run`."""

    assistant: Assistant
    database_url: str


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rasa-url", default=settings().rasa_url)
    args = parser.parse_args()
    stack = RunningStack(Assistant(args.rasa_url), settings().database_url)
    reasks, repeats, failures = [], 0, []
    turns: dict[str, list[int]] = defaultdict(list)
    complete: dict[str, list[int]] = defaultdict(list)
    for path in sorted(Path(CONVERSATIONS).glob("*.yaml")):
        for number, script in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            try:
                played = play(Chat(stack, script["profile"], script["lang"]), script)
            except AssertionError as error:
                failures.append({"conversation": f"{path.stem}-{number}", "error": str(error)[:300]})
                continue
            asked = [slot for slot in played.asked if slot != "review"]
            reasks.append(len(set(asked) & set(script.get("volunteered", {}))))
            repeats += sum(asked.count(slot) > 1 for slot in set(asked))
            kind = script.get("request_type") or script["case"].get("request_type") or "unknown"
            turns[kind].append(played.turns)
            if script.get("complete"):
                complete[kind].append(played.turns)
    report = {
        "conversations": len(reasks) + len(failures),
        "failed": failures,
        "reasks_of_volunteered_per_conversation": round(statistics.mean(reasks), 3) if reasks else None,
        "conversations_with_a_reask": sum(1 for count in reasks if count),
        "slots_asked_twice": repeats,
        "turns_per_request_type": {kind: round(statistics.mean(v), 1) for kind, v in sorted(turns.items())},
        "turns_with_everything_in_the_first_message": {
            kind: round(statistics.mean(v), 1) for kind, v in sorted(complete.items())
        },
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
