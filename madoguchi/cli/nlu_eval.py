"""Score an NLU test file through the product's own path: the running server, language routing included."""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from bot.client import Assistant
from bot.nlu.scoring import scores
from responses.language import detect_language

_ENTITY = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file; entity markup is reduced to its text."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((_ENTITY.sub(lambda m: m.group(1) or m.group(2), text), block["intent"]))
    return pairs


def evaluate(assistant: Assistant, path: Path, workers: int = 4) -> dict[str, Any]:
    examples = read_examples(path)
    with ThreadPoolExecutor(workers) as pool:
        parsed = list(pool.map(lambda pair: assistant.parse(pair[0]), examples))
    predicted = [(result.get("intent") or {}).get("name") or "nlu_fallback" for result in parsed]
    gold = [intent for _, intent in examples]
    languages = [detect_language(text) or "en" for text, _ in examples]
    overall, by_intent = scores(gold, predicted)
    by_language = {}
    for lang in ("ja", "en"):
        picked = [i for i, value in enumerate(languages) if value == lang]
        by_language[lang] = scores([gold[i] for i in picked], [predicted[i] for i in picked])[0]
    errors = [
        {
            "text": text,
            "intent": intent,
            "predicted": guess,
            "language": lang,
            "confidence": round(float((result.get("intent") or {}).get("confidence") or 0.0), 4),
        }
        for (text, intent), guess, lang, result in zip(examples, predicted, languages, parsed, strict=True)
        if guess != intent
    ]
    return {
        "overall": overall,
        "by_language": by_language,
        "by_intent": by_intent,
        "fallbacks": Counter(predicted)["nlu_fallback"],
        "confusions": dict(Counter(f"{e['intent']} -> {e['predicted']}" for e in errors).most_common(15)),
        "errors": errors,
    }
