"""Precision and recall of the detail extractor per slot, on the test corpora (tests/cases/extraction).

    PYTHONPATH=. .venv/bin/python bench/extraction.py [--holdout] [--failures] [--lang ja|en]

--holdout reads bench/extraction_holdout/, messages written apart from the code and never tuned on.

A value counts as right only when it is exactly the expected one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import yaml

from cases.extraction import extract

CORPORA = Path(__file__).parents[1] / "tests" / "cases" / "extraction"
HOLDOUT = Path(__file__).with_name("extraction_holdout")
NOW = dt.datetime(2026, 12, 8, 10, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=["ja", "en"], action="append")
    parser.add_argument("--failures", action="store_true", help="print each message read wrong")
    parser.add_argument("--holdout", action="store_true", help="the held-out corpora, not the test corpora")
    args = parser.parse_args()
    figures = {}
    for lang in args.lang or ["ja", "en"]:
        path = (HOLDOUT if args.holdout else CORPORA) / f"{lang}.yaml"
        if not path.exists():
            continue
        right, found, expected = Counter(), Counter(), Counter()
        exact = 0
        corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in corpus:
            expecting = case.get("expecting")
            expecting = "address" if expecting == "postal_address" else expecting
            got = extract(case["text"], now=NOW, expecting=expecting).values
            want = case.get("expect") or {}
            exact += got == want
            for slot, value in got.items():
                found[slot] += 1
                right[slot] += want.get(slot) == value
            for slot in want:
                expected[slot] += 1
            if args.failures and got != want:
                print(
                    json.dumps(
                        {"text": case["text"], "expecting": expecting, "got": got, "want": want},
                        ensure_ascii=False,
                    )
                )
        slots = sorted(set(found) | set(expected))
        figures[lang] = {
            "messages": len(corpus),
            "exact": round(exact / len(corpus), 3),
            "slots": {
                slot: {
                    "precision": round(right[slot] / found[slot], 3) if found[slot] else None,
                    "recall": round(right[slot] / expected[slot], 3) if expected[slot] else None,
                    "expected": expected[slot],
                }
                for slot in slots
            },
        }
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
