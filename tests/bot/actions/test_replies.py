"""action_respond: each intent's template, in the customer's language and company."""

from __future__ import annotations

import pytest

from bot.actions.replies import ActionRespond
from tests.bot.actions.conftest import DEFAULT_PROFILE, load_domain, load_tracker, rendered, sent, turn_slots

pytestmark = pytest.mark.anyio

ANSWERED = [intent for intent in load_domain()["intents"] if intent.startswith("ask_")]  # policy questions


@pytest.mark.parametrize(
    ("intent", "template"),
    [
        ("greet", "greet"),
        ("goodbye", "goodbye"),
        ("thank", "thank"),
        ("bot_challenge", "bot_challenge"),
        ("out_of_scope", "out_of_scope"),
        ("affirm", "affirm_idle"),
        ("deny", "deny_idle"),
        ("inform", "inform_idle"),
        ("request_human", "out_of_scope"),  # not an intent this action answers
        *((intent, f"answer/{intent}") for intent in ANSWERED),
    ],
)
async def test_each_intent_is_answered_from_its_template(intent, template, dispatcher, domain):
    tracker = load_tracker("greet_ja", intent=intent)
    events = await ActionRespond().run(dispatcher, tracker, domain)
    assert events == turn_slots("ja", "actio")
    assert sent(dispatcher) == [{"text": rendered("ja", template, "actio")}]


async def test_english_with_no_profile_in_metadata_uses_the_configured_one(dispatcher, domain):
    events = await ActionRespond().run(dispatcher, load_tracker("ask_fee_en"), domain)
    assert events == turn_slots("en", DEFAULT_PROFILE)
    assert sent(dispatcher) == [{"text": rendered("en", "answer/ask_fee", DEFAULT_PROFILE)}]


async def test_the_profile_slot_is_kept_when_metadata_names_none(dispatcher, domain):
    events = await ActionRespond().run(dispatcher, load_tracker("profile_in_slot_en"), domain)
    assert events == turn_slots("en", "sesenergy")
    assert sent(dispatcher) == [{"text": rendered("en", "thank", "sesenergy")}]


async def test_an_unknown_profile_falls_back_to_the_configured_one(dispatcher, domain, caplog):
    events = await ActionRespond().run(dispatcher, load_tracker("unknown_profile_ja"), domain)
    assert events == turn_slots("ja", DEFAULT_PROFILE)
    assert sent(dispatcher) == [{"text": rendered("ja", "answer/ask_fee", DEFAULT_PROFILE)}]
    assert "unknown profile requested" in caplog.text
    assert "no-such-company" not in caplog.text


async def test_the_language_in_metadata_wins_over_the_text(dispatcher, domain):
    events = await ActionRespond().run(dispatcher, load_tracker("greet_forced_en"), domain)
    assert events == turn_slots("en", "actio")
    assert sent(dispatcher) == [{"text": rendered("en", "greet", "actio")}]
