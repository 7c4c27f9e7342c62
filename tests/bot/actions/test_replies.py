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


@pytest.mark.parametrize(
    ("widget", "text", "lang"),
    [
        ("en", "PRV-2026-000123", "en"),  # a reference, an emoji or an address is no sentence
        ("en", "🙂", "en"),
        ("en", "東京都港区芝公園4-2-8", "en"),
        ("ja", "123 Main Street, Springfield, IL 62701", "ja"),
        ("ja", "john.smith@example.com", "ja"),
        ("en", "こんにちは", "ja"),  # a sentence in the other language switches
        ("ja", "Hello, can you help me please", "en"),
    ],
)
async def test_the_widgets_language_is_the_default_and_only_a_sentence_switches(
    widget, text, lang, dispatcher, domain
):
    tracker = load_tracker("greet_forced_en", text=text, intent="greet")
    tracker.latest_message["metadata"]["lang"] = widget
    events = await ActionRespond().run(dispatcher, tracker, domain)
    assert events[:2] == turn_slots(lang, "actio")[:2]
