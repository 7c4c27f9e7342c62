"""Facts of the Rasa project that app code reads from its files, without importing Rasa."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

RASA_CONFIG = Path(__file__).with_name("config.yml")


@lru_cache(maxsize=1)
def fallback_threshold() -> float:
    """The chat's FallbackClassifier threshold, read from the Rasa config so that mail and chat
    hand over to staff at the same confidence whenever the threshold is retuned."""
    pipeline = yaml.safe_load(RASA_CONFIG.read_text(encoding="utf-8"))["pipeline"]
    return next(float(step["threshold"]) for step in pipeline if step["name"] == "FallbackClassifier")
