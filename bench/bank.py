"""The customer bank's pass rate per company, against a running assistant (`make run`).

    PYTHONPATH=. .venv/bin/python bench/bank.py [--rasa-url http://127.0.0.1:5005] [--failures]

Prints JSON: per company and language, messages, passed, and the intent the NLU gave
compared with the bank's; with --failures, each failing message with what was missing.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections import defaultdict

from bot.client import Assistant
from madoguchi.cli.talk import visible_text
from madoguchi.settings import settings
from tests.bank import all_cases, judge


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rasa-url", default=settings().rasa_url)
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args()
    assistant = Assistant(args.rasa_url)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures = []
    for case in all_cases():
        reply = visible_text(
            assistant.send(f"bench-{uuid.uuid4().hex}", case.text, {"profile": case.company})
        )
        intent = assistant.parse(case.text).get("intent", {}).get("name")
        verdict = judge(case, reply)
        row = totals[f"{case.company}/{case.lang}"]
        row["messages"] += 1
        row["passed"] += verdict.passed
        row["intent_as_bank"] += intent == case.intent
        if not verdict.passed:
            failures.append(
                {
                    "id": case.id,
                    "text": case.text,
                    "intent": intent,
                    "missing": verdict.missing,
                    "forbidden": verdict.forbidden,
                    "reply": reply,
                }
            )
    companies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, row in totals.items():
        for name, value in row.items():
            companies[key.split("/")[0]][name] += value
    report = {
        "per_company": {
            c: {**r, "pass_rate": round(r["passed"] / r["messages"], 3)} for c, r in sorted(companies.items())
        },
        "per_company_language": {k: dict(v) for k, v in sorted(totals.items())},
    }
    if args.failures:
        report["failures"] = failures
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
