"""Rasa's own checks on the project: the data validates, and the test stories pass."""

from __future__ import annotations

import subprocess

from madoguchi import ROOT
from madoguchi.processes import MODELS_DIR, RASA_PYTHON, base_env


def rasa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RASA_PYTHON), "-m", "rasa", *args], cwd=ROOT, env=base_env(), capture_output=True, text=True
    )


def test_rasa_data_validate():
    result = rasa(
        "data",
        "validate",
        "--fail-on-warnings",
        "--domain",
        "bot/domain.yml",
        "--data",
        "intents",
        "bot/data",
        "--config",
        "bot/config.yml",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_rasa_test_stories_cover_every_intent_in_both_languages(tmp_path):
    result = rasa(
        "test",
        "core",
        "--model",
        str(MODELS_DIR / "madoguchi.tar.gz"),
        "--stories",
        "tests/stories/test_stories.yml",
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert result.returncode == 0 and "None of the test stories failed" in failed, failed[-4000:]
