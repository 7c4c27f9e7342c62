"""How the trained model treats keyboard mashing and filler: asked again, or given an intent.

Runs in the Rasa environment on the trained model, nothing else running:
    PYTHONPATH=. .venv-rasa/bin/python bench/nonsense.py [--model models/madoguchi.tar.gz]
Prints JSON: how many lines of bench/nonsense.txt fall below the FallbackClassifier threshold
(the customer is asked again) and, for the rest, the intent and confidence they were given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
from pathlib import Path

import structlog

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent


async def measure(model: Path) -> dict:
    from rasa.core.agent import Agent

    lines = [line.strip() for line in (ROOT / "bench" / "nonsense.txt").read_text("utf-8").splitlines()]
    texts = [line for line in lines if line]
    agent = Agent.load(str(model))
    given = {}
    for text in texts:
        intent = (await agent.parse_message(text))["intent"]
        if intent["name"] != "nlu_fallback":
            given[text] = {"intent": intent["name"], "confidence": round(intent["confidence"], 2)}
    return {"lines": len(texts), "asked_again": len(texts) - len(given), "given_an_intent": given}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "madoguchi.tar.gz")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    print(json.dumps(asyncio.run(measure(args.model)), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
