"""One way to summarise timings, so every benchmark reports p50/p95 alike."""

from __future__ import annotations

import math
import statistics


def latency_summary(samples: list[float], unit: str = "ms") -> dict[str, float | int | None]:
    """n, p50 and p95 (nearest rank) of samples in seconds, reported in ms or seconds."""
    ordered = sorted(samples)
    scale, digits = (1000.0, 1) if unit == "ms" else (1.0, 2)
    if not ordered:
        return {"n": 0, f"p50_{unit}": None, f"p95_{unit}": None}
    rank = max(math.ceil(len(ordered) * 0.95) - 1, 0)
    return {
        "n": len(ordered),
        f"p50_{unit}": round(statistics.median(ordered) * scale, digits),
        f"p95_{unit}": round(ordered[rank] * scale, digits),
    }
