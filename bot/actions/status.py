"""Tell a customer where their case stands, only if they give the address on the case."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.turn import Turn
from cases.db import session_factory
from cases.service import CaseService
from cases.views import CaseView

_SLOTS = ("status_reference", "status_email")


class ActionStartStatus(Action):
    """Takes a reference or address already written in the question, so we don't ask twice."""

    def name(self) -> str:
        return "action_start_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        text = tracker.latest_message.get("text")
        return [
            *chat.events(),
            SlotSet("status_reference", answers.reference(text) or tracker.get_slot("case_reference")),
            SlotSet("status_email", answers.email(text)),
        ]


class ActionAskStatusReference(Action):
    def name(self) -> str:
        return "action_ask_status_reference"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        chat.say("status/ask_reference")
        return chat.events()


class ActionAskStatusEmail(Action):
    def name(self) -> str:
        return "action_ask_status_email"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        chat.say("status/ask_email")
        return chat.events()


class ValidateStatusForm(FormValidationAction):
    """Keeps a reference or address only in its tidied form; anything else is asked again."""

    def name(self) -> str:
        return "validate_status_form"

    async def validate_status_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"status_reference": answers.reference(value)}

    async def validate_status_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"status_email": answers.email(value)}


class ActionReportStatus(Action):
    """Answers from the case only when reference and address match, then forgets both."""

    def name(self) -> str:
        return "action_report_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        reference, address = tracker.get_slot("status_reference"), tracker.get_slot("status_email")
        with session_factory(chat.config.database_url)() as session:
            case = CaseService(session).find_for_requester(reference or "", address or "")
            view = CaseView.of(case) if case else None
        if view is None:
            chat.say("status/not_found")
        else:
            chat.say("status/result", case=view)
        return [*chat.events(), *(SlotSet(slot, None) for slot in _SLOTS)]
