"""5-fold cross-validation of intent classification, per language, for our pipeline and Rasa's default.

Runs in the Rasa environment:
    PYTHONPATH=. .venv-rasa/bin/python bench/nlu_cv.py [--pipelines ours,default] [--folds 5]
Prints one JSON object: macro-F1 and accuracy per language and pipeline, training time per fold;
--out is rewritten after every fold, with the number of folds evaluated so far.
Language is the training file's folder (intents/ja, intents/en), so a mixed-script example
counts where its author put it. `nlu_fallback` predictions count as errors ("product") and,
separately, are replaced by the classifier's best intent ("classifier").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import structlog
import yaml

from bot.nlu.scoring import scores

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"ours": ROOT / "bot" / "config.yml", "default": ROOT / "bench" / "configs" / "rasa_default.yml"}


def load_examples() -> list[tuple[str, str, str]]:
    examples = []
    for lang in ("ja", "en"):
        for path in sorted((ROOT / "intents" / lang).glob("*.yml")):
            for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
                for line in block["examples"].splitlines():
                    text = line.strip().removeprefix("- ").strip()
                    if text:
                        examples.append((text, block["intent"], lang))
    return examples


def folds(examples: list, k: int, seed: int = 42) -> list[list[int]]:
    """Stratified by (intent, language) so every fold sees every intent in both languages."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (_, intent, lang) in enumerate(examples):
        groups[(intent, lang)].append(index)
    parts: list[list[int]] = [[] for _ in range(k)]
    rng = random.Random(seed)
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for position, index in enumerate(members):
            parts[position % k].append(index)
    return parts


def write_nlu(path: Path, examples: list[tuple[str, str, str]]) -> None:
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent, _ in examples:
        by_intent[intent].append(text)
    nlu = [
        {"intent": intent, "examples": "".join(f"- {t}\n" for t in texts)}
        for intent, texts in by_intent.items()
    ]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True), encoding="utf-8")


async def run_fold(config: Path, train: list, test: list, workdir: Path) -> tuple[list[dict], float]:
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    write_nlu(workdir / "train.yml", train)
    started = time.perf_counter()
    model = train_nlu(str(config), str(workdir / "train.yml"), str(workdir / "model"))
    seconds = time.perf_counter() - started
    agent = Agent.load(model)
    parsed = [await agent.parse_message(text) for text, _, _ in test]
    return parsed, seconds


def sweep(gold: list[str], classifier: list[str], results: list[dict]) -> dict[str, dict]:
    """For candidate FallbackClassifier thresholds: how often the customer would be asked again,
    and how often an answer given was right, so the threshold is chosen on evidence."""
    top = [next(r for r in result["intent_ranking"] if r["name"] != "nlu_fallback") for result in results]
    out = {}
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        product = [
            c if t["confidence"] >= threshold else "nlu_fallback"
            for c, t in zip(classifier, top, strict=True)
        ]
        kept = [g == p for g, p in zip(gold, product, strict=True) if p != "nlu_fallback"]
        out[str(threshold)] = {
            "fallback_rate": round(1 - len(kept) / len(gold), 4),
            "accuracy_when_answered": round(sum(kept) / len(kept), 4) if kept else None,
            "wrong_answers_per_100": round(100 * kept.count(False) / len(gold), 1),
            "macro_f1_product": scores(gold, product)[0]["macro_f1"],
        }
    return out


def summarise(examples: list, results: dict[int, dict]) -> dict:
    out = {}
    for lang in ("ja", "en"):
        picked = [i for i, example in enumerate(examples) if example[2] == lang and i in results]
        gold = [examples[i][1] for i in picked]
        product = [results[i]["intent"]["name"] for i in picked]
        classifier = [
            next(r["name"] for r in results[i]["intent_ranking"] if r["name"] != "nlu_fallback")
            for i in picked
        ]
        out[lang] = {
            "examples": len(picked),
            "macro_f1_classifier": scores(gold, classifier)[0]["macro_f1"],
            "macro_f1_product": scores(gold, product)[0]["macro_f1"],
            "accuracy_classifier": scores(gold, classifier)[0]["accuracy"],
            "fallback_rate": round(product.count("nlu_fallback") / len(gold), 4),
            "fallback_threshold_sweep": sweep(gold, classifier, [results[i] for i in picked]),
        }
    return out


def misclassified(examples: list, results: dict[int, dict]) -> list[dict]:
    """What the classifier got wrong (fallback aside), to read when improving the training data."""
    wrong = []
    for index, result in sorted(results.items()):
        text, gold, lang = examples[index]
        best = next(r for r in result["intent_ranking"] if r["name"] != "nlu_fallback")
        if best["name"] != gold:
            wrong.append(
                {
                    "lang": lang,
                    "text": text,
                    "intent": gold,
                    "predicted": best["name"],
                    "confidence": best["confidence"],
                }
            )
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipelines", default="ours,default")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    parser.add_argument("--errors", type=Path, help="write each pipeline's misclassified examples here")
    parser.add_argument("--only-folds", type=int, help="evaluate just the first N folds of the split (time)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    examples = load_examples()
    parts = folds(examples, args.folds)
    report = {
        "examples": len(examples),
        "folds": args.folds,
        "pipelines": {},
    }
    errors: dict[str, list[dict]] = {}
    for name in args.pipelines.split(","):
        results: dict[int, dict] = {}
        times = []
        for fold, held_out in enumerate(parts[: args.only_folds]):
            held = set(held_out)
            train = [e for i, e in enumerate(examples) if i not in held]
            test = [examples[i] for i in held_out]
            with tempfile.TemporaryDirectory() as tmp:
                parsed, seconds = asyncio.run(run_fold(CONFIGS[name], train, test, Path(tmp)))
            times.append(round(seconds, 1))
            results.update(zip(held_out, parsed, strict=True))
            print(f"{name} fold {fold + 1}/{args.folds}: trained in {seconds:.0f}s", flush=True)
            # Written after every fold: a run cut short (Rasa's default pipeline takes about
            # half an hour a fold on two cores) still reports the folds it finished.
            report["pipelines"][name] = {
                "evaluated_folds": fold + 1,
                "by_language": summarise(examples, results),
                "train_seconds": times,
            }
            errors[name] = misclassified(examples, results)
            write_report(report, errors, out=args.out, errors_out=args.errors)
    print(json.dumps(report, ensure_ascii=False, indent=2))


def write_report(
    report: dict, errors: dict[str, list[dict]], *, out: Path | None, errors_out: Path | None
) -> None:
    if errors_out:
        errors_out.write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
    if out:
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
