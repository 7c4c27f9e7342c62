"""The customer bank through the real Rasa server: each reply carries its company's facts and no other's.

One test per bank message (tests/bank/<company>.yaml); `python bench/bank.py` prints the pass
rate per company against a running assistant.
"""

from __future__ import annotations

import uuid

import pytest

from madoguchi.cli.talk import visible_text
from tests.bank import all_cases, judge

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_first_reply_carries_the_companys_facts(stack, case):
    sender = f"bank-{uuid.uuid4().hex}"
    reply = visible_text(stack.assistant.send(sender, case.text, {"profile": case.company}))
    verdict = judge(case, reply)
    assert verdict.passed, f"missing {verdict.missing}, forbidden {verdict.forbidden}\n--- reply ---\n{reply}"


def test_the_bank_has_twenty_messages_per_company_in_each_language():
    for company in {case.company for case in CASES}:
        for lang in ("ja", "en"):
            assert sum(case.company == company and case.lang == lang for case in CASES) >= 10, (company, lang)
