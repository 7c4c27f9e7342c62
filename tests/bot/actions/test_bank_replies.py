"""The customer bank offline: with the intent the bank gives, each first reply carries its facts.

tests/e2e/test_bank.py sends the same messages through the real Rasa server, where a misread
intent also fails; here the NLU is scripted with the bank's own intent, so a failure is the
reply's (a fact missing from the profile or the template), never the classifier's.
"""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.escalation import ListeningAction
from bot.actions.procedure import ActionOfferRequest
from bot.actions.replies import ActionRespond
from madoguchi.cli.talk import visible_text
from tests.bank import BankCase, all_cases, judge

pytestmark = pytest.mark.anyio

CASES = all_cases()


def first_turn(case: BankCase) -> Tracker:
    metadata = {"profile": case.company}
    return Tracker.from_dict(
        {
            "sender_id": f"bank-{case.id}",
            "slots": {},
            "latest_message": {
                "text": case.text,
                "intent": {"name": case.intent, "confidence": 0.9},
                "entities": [],
                "metadata": metadata,
            },
            "events": [
                {"event": "action", "timestamp": 1.0, "name": "action_listen"},
                {"event": "user", "timestamp": 2.0, "text": case.text, "metadata": metadata},
            ],
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def action_for(intent: str) -> ListeningAction:
    """As bot/data/rules.yml routes a first message: a question is answered, a request offered."""
    return ActionRespond() if intent.startswith("ask_") else ActionOfferRequest()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_the_reply_to_each_bank_message_carries_its_facts(case, domain):
    dispatcher = CollectingDispatcher()
    await action_for(case.intent).run(dispatcher, first_turn(case), domain)
    reply = visible_text(dispatcher.messages)
    verdict = judge(case, reply)
    assert verdict.passed, f"missing {verdict.missing}, forbidden {verdict.forbidden}\n{reply}"
