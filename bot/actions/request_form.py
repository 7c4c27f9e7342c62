"""Collect a request in the chat, then open its case.

The form's questions and re-asks are templates; the rules for what a request
needs live in cases.requirements, and opening the case in cases.intake.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.config import action_config
from bot.actions.escalation import escalate
from bot.actions.turn import Turn
from cases.db import session_factory
from cases.intake import open_request
from cases.requirements import DEPENDENTS, FORM_SLOTS, lives_abroad, regime, required_slots
from cases.service import NewCase
from cases.views import CaseView, RequesterView
from responses.rendering import renderer

log = logging.getLogger(__name__)

_CHOICES = {"acting_for": ["self", "deputy"], "review": ["yes", "cancel"]}


class ActionStartRequest(Action):
    def name(self) -> str:
        return "action_start_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        chat.say("form/intro", request_type=chat.intent)
        cleared = [SlotSet(slot, None) for slot in FORM_SLOTS]
        return [*chat.events(), *cleared, SlotSet("request_type", chat.intent)]


def _make_ask_action(slot: str) -> type[Action]:
    async def run(self: Action, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        chat = Turn(tracker, dispatcher)
        if tracker.get_slot("reasked") == slot:  # the re-ask already asked again, with the reason
            return [*chat.events(), SlotSet("reasked", None)]
        request_type = tracker.get_slot("request_type")
        if slot == "review":
            items = review_items(tracker, chat)
            which = chat.intent == "deny"
            chat.say(
                "form/review_which" if which else "form/review",
                _CHOICES["review"],
                request_type=request_type,
                items=items,
            )
        else:
            deputy = tracker.get_slot("acting_for") == "deputy"
            chat.say(f"ask/{slot}", _CHOICES.get(slot), request_type=request_type, deputy=deputy)
        return chat.events(understood=True)

    name = f"action_ask_{slot}"
    attributes = {"name": lambda self: name, "run": run, "__module__": __name__}
    return type(f"AskFor_{slot}", (Action,), attributes)


# Sanic pickles the action registry into its worker, so each class must be a module attribute.
for _slot in FORM_SLOTS:
    _action = _make_ask_action(_slot)
    globals()[_action.__name__] = _action


def review_items(tracker: Tracker, chat: Turn) -> list[SimpleNamespace]:
    text = renderer(chat.lang)
    slots = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
    asked = required_slots(tracker.get_slot("request_type"), chat.profile, slots)
    items = []
    for slot in asked:
        value = slots.get(slot)
        if slot == "review" or value is None:
            continue
        if slot in {"acting_for", "deputy_kind", "incident_channel"}:
            value = text.label(f"{slot}.{value}")
        items.append(SimpleNamespace(slot=slot, label=text.label(f"field.{slot}"), value=value))
    return items


# How each answer is checked; the tracker is there for answers that depend on earlier ones.
PARSERS: dict[str, Callable[[Any, Tracker], Any]] = {
    "requester_name": lambda value, _: answers.name(value),
    "principal_name": lambda value, _: answers.name(value),
    "email": lambda value, _: answers.email(value),
    "country": lambda value, _: answers.country(value),
    "acting_for": lambda value, _: answers.acting_for(value),
    "deputy_kind": lambda value, _: answers.deputy_kind(value),
    "postal_address": lambda value, tracker: answers.postal_address(
        value, lives_abroad(tracker.get_slot("country"))
    ),
    "phone": lambda value, _: answers.phone(value),
    "request_details": lambda value, _: answers.free_text(value, 4),
    "incident_channel": lambda value, _: answers.incident_channel(value),
    "incident_date": lambda value, _: answers.free_text(value),
    "incident_asked_for": lambda value, _: answers.free_text(value),
    "incident_sender": lambda value, _: answers.free_text(value),
}


class ValidateRequestForm(FormValidationAction):
    """Checks each answer; an unusable one is re-asked with a reason, 'cancel' ends the form."""

    def name(self) -> str:
        return "validate_request_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        chat = Turn(tracker, dispatcher)
        slots = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
        return required_slots(tracker.get_slot("request_type"), chat.profile, slots)

    def _check(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Shared by every validate_<slot>: cancel, re-ask with a reason, or keep the tidied answer."""
        if answers.is_cancel(value):
            return {slot: None, "review": "cancelled"}
        said_no = (tracker.latest_message.get("intent") or {}).get("name") == "deny"
        parsed = None if said_no else PARSERS[slot](value, tracker)
        if parsed is None:
            chat = Turn(tracker, dispatcher)
            chat.say(f"invalid/{slot}", request_type=tracker.get_slot("request_type"))
            return {slot: None, "reasked": slot}
        return {slot: parsed}

    async def validate_review(self, value: Any, dispatcher, tracker, domain) -> dict[str, Any]:
        """Yes opens the case; naming an item asks it again; cancel ends the form."""
        if answers.is_cancel(value):
            return {"review": "cancelled"}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm" or answers.is_yes(value):
            return {"review": "confirmed"}
        chat = Turn(tracker, dispatcher)
        slot = self._named_item(value, review_items(tracker, chat))
        if slot is None:
            if intent == "deny":
                return {"review": None}
            chat.say("invalid/review", request_type=tracker.get_slot("request_type"))
            return {"review": None, "reasked": "review"}
        return {"review": None, slot: None, **dict.fromkeys(DEPENDENTS.get(slot, ()))}

    @staticmethod
    def _named_item(value: Any, items: list[SimpleNamespace]) -> str | None:
        """The item the customer named, by number or by (part of) its label: 'e-mail', '2'."""
        text = _squash(str(value or ""))
        for number, item in enumerate(items, start=1):
            label = _squash(item.label)
            if text == str(number) or label in text or (len(text) >= 2 and text in label):
                return item.slot
        return None


def _validator(slot: str) -> Callable:
    async def validate(self: ValidateRequestForm, value: Any, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._check(slot, value, dispatcher, tracker)

    return validate


# rasa-sdk finds validators by name (validate_<slot>); one per parser, all alike.
for _slot in PARSERS:
    setattr(ValidateRequestForm, f"validate_{_slot}", _validator(_slot))


def _squash(text: str) -> str:
    return "".join(char for char in answers.fold(text).lower() if char.isalnum())


class ActionSubmitRequest(Action):
    def name(self) -> str:
        return "action_submit_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        request_type = tracker.get_slot("request_type")
        cleared = [SlotSet(slot, None) for slot in (*FORM_SLOTS, "request_type")]
        if tracker.get_slot("review") != "confirmed" or request_type is None:
            chat.say("form/cancelled", request_type=request_type)
            return [*chat.events(), *cleared]
        config = action_config()
        try:
            with session_factory(config.database_url).begin() as session:
                opened = open_request(session, new_case(tracker, chat.lang), chat.profile, config.mail_from)
                case, requester = CaseView.of(opened), RequesterView.of(opened)
        except Exception:  # the answers stay in the tracker; a person picks the request up from there
            log.exception("could not open a case for conversation %s", tracker.sender_id)
            chat.say("submit_failed")
            return [*chat.events(), *cleared, *await escalate(chat, "case_store_unavailable")]
        chat.say("case_opened", case=case, requester=requester)
        events = [*chat.events(), *cleared, SlotSet("case_reference", case.reference)]
        if request_type == "file_complaint":
            events += await escalate(chat, "complaint")
        return events


def new_case(tracker: Tracker, lang: str) -> NewCase:
    slot = tracker.get_slot
    request_type = slot("request_type")
    incident = None
    if request_type == "report_suspicious":
        incident = {key: slot(f"incident_{key}") for key in ("channel", "date", "asked_for", "sender")}
    return NewCase(
        request_type=request_type,
        regime=regime(request_type, slot("country")),
        language=lang,
        channel="chat",
        requester_name=slot("requester_name"),
        requester_email=slot("email"),
        acting_for=slot("acting_for") or "self",
        country=slot("country"),
        postal_address=slot("postal_address"),
        phone=slot("phone"),
        principal_name=slot("principal_name"),
        deputy_kind=slot("deputy_kind"),
        details=slot("request_details"),
        incident=incident,
        conversation_id=tracker.sender_id,
    )
