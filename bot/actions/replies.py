"""Answers to policy questions and small talk, each from its template."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.turn import Turn

_TEMPLATES = {
    "greet": "greet",
    "goodbye": "goodbye",
    "thank": "thank",
    "bot_challenge": "bot_challenge",
    "out_of_scope": "out_of_scope",
    "affirm": "affirm_idle",
    "deny": "deny_idle",
    "inform": "inform_idle",
}


class ActionRespond(Action):
    def name(self) -> str:
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        intent = chat.intent or "out_of_scope"
        template = f"answer/{intent}" if intent.startswith("ask_") else _TEMPLATES.get(intent)
        chat.say(template or "out_of_scope")
        return chat.events()
