"""Intent classification scores; stdlib only, so both environments can use it."""

from __future__ import annotations

from typing import Any


def scores(gold: list[str], predicted: list[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(overall accuracy and macro-F1, per-intent precision/recall/F1/support) over gold labels."""
    pairs = list(zip(gold, predicted, strict=True))
    per_intent = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label != g for g, p in pairs)
        fn = sum(g == label != p for g, p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    macro = sum(item["f1"] for item in per_intent.values()) / len(per_intent) if per_intent else 0.0
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "support": len(pairs)}, per_intent
