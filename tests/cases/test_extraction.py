"""The detail extractor on realistic customer messages, each with the exact slots it must give.

The corpora (tests/cases/extraction/<lang>.yaml) were written from the spec
in docs/extraction.md (at least 300 messages per language): every listed slot must come out with exactly that
value, and no other slot may come out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from cases.extraction import extract

CORPORA = Path(__file__).with_name("extraction")
NOW = dt.datetime(2026, 12, 8, 10, 0)  # a Tuesday, in Tokyo


def cases(lang: str) -> list:
    data = yaml.safe_load((CORPORA / f"{lang}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=f"{lang}-{number}") for number, case in enumerate(data)]


def read(case: dict) -> dict:
    expecting = case.get("expecting")
    expecting = "address" if expecting == "postal_address" else expecting
    return extract(case["text"], now=NOW, expecting=expecting).values


@pytest.mark.parametrize(
    "case", [case for path in sorted(CORPORA.glob("*.yaml")) for case in cases(path.stem)]
)
def test_every_detail_comes_out_cleaned_and_nothing_else(case):
    assert read(case) == (case["expect"] or {}), case["text"]
