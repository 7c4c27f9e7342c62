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
from bot.actions.escalation import escalate
from bot.actions.questions import review_items
from bot.actions.turn import Turn
from cases.db import session_factory
from cases.intake import open_request
from cases.requirements import DEPENDENTS, FORM_SLOTS, lives_abroad, regime, required_slots
from cases.service import NewCase
from cases.views import CaseView, RequesterView

log = logging.getLogger(__name__)


class ActionStartRequest(Action):
    """Starts the offered request afresh: answers from an earlier request in this conversation are dropped."""

    def name(self) -> str:
        return "action_start_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        request_type = tracker.get_slot("request_type")  # set by the offer the customer said yes to
        chat.say("form/intro", request_type=request_type)
        cleared = [SlotSet(slot, None) for slot in FORM_SLOTS]
        return [
            *chat.events(),
            *cleared,
            SlotSet("request_type", request_type),
            SlotSet("request_offered", False),
        ]


Validated = dict[str, Any]  # what checking one answer returns: the slots to set

# How each form answer is read; None means ask again. The tracker is there for
# answers read against earlier ones (an address abroad needs no Japanese postcode).
PARSERS: dict[str, Callable[[Any, Tracker], str | None]] = {
    "requester_name": lambda value, _: answers.name(value),
    "principal_name": lambda value, _: answers.name(value),
    "email": lambda value, _: answers.email(value),
    "country": lambda value, _: answers.country(value),
    "acting_for": lambda value, _: answers.acting_for(value),
    "deputy_kind": lambda value, _: answers.deputy_kind(value),
    "postal_address": lambda value, tracker: answers.postal_address(
        value, abroad=lives_abroad(tracker.get_slot("country"))
    ),
    "phone": lambda value, _: answers.phone(value),
    "request_details": lambda value, _: answers.free_text(value, minimum=4),
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

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The answers given this turn, each checked by its parser in PARSERS, the review by `review`.

        rasa-sdk's own version calls a `validate_<slot>` method per slot; one table says the same
        without a method per slot that differs only in its parser. As in rasa-sdk, each check sees
        the answers checked before it.
        """
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        slots = {slot: value for slot, value in tracker.slots_to_validate().items() if slot in required}
        for slot, value in list(slots.items()):
            if slot == "review":
                checked = self.review(value, dispatcher, tracker)
            else:
                checked = self.answer(slot, value, dispatcher, tracker)
            slots.update(checked)
            tracker.slots.update(checked)
        return [SlotSet(slot, value) for slot, value in slots.items()]

    @staticmethod
    def answer(slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Validated:
        """One answer: cancel, re-ask with a reason, or keep it tidied."""
        if answers.is_cancel(value):
            return {slot: None, "review": "cancelled"}
        said_no = (tracker.latest_message.get("intent") or {}).get("name") == "deny"
        parsed = None if said_no else PARSERS[slot](value, tracker)
        if parsed is None:
            chat = Turn(tracker, dispatcher)
            abroad = lives_abroad(tracker.get_slot("country"))
            chat.say(f"invalid/{slot}", request_type=tracker.get_slot("request_type"), abroad=abroad)
            return {slot: None, "reasked": slot}
        return {slot: parsed}

    @staticmethod
    def review(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Validated:
        """Yes opens the case; naming an item asks it again; cancel ends the form."""
        if answers.is_cancel(value):
            return {"review": "cancelled"}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm" or answers.is_yes(value):
            return {"review": "confirmed"}
        chat = Turn(tracker, dispatcher)
        slot = _named_item(value, review_items(tracker, chat))
        if slot is None:
            if intent == "deny":  # a plain "no": AskReview asks which item
                return {"review": None}
            chat.say("invalid/review", request_type=tracker.get_slot("request_type"))
            return {"review": None, "reasked": "review"}
        return {"review": None, slot: None, **dict.fromkeys(DEPENDENTS.get(slot, ()))}


def _named_item(value: Any, items: list[SimpleNamespace]) -> str | None:
    """The item the customer named, by number or by (part of) its label: 'e-mail', '2'."""
    text = _squash(str(value or ""))
    for number, item in enumerate(items, start=1):
        label = _squash(item.label)
        if text == str(number) or label in text or (len(text) >= 2 and text in label):
            return item.slot
    return None


def _squash(text: str) -> str:
    return "".join(char for char in answers.fold(text).lower() if char.isalnum())


class ActionSubmitRequest(Action):
    """Opens the confirmed request's case; if the store fails, a person takes the request over."""

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
        try:
            with session_factory(chat.config.database_url).begin() as session:
                new = new_case(tracker, chat.lang)
                opened = open_request(session, new, chat.profile, chat.config.mail_from)
                case, requester = CaseView.of(opened), RequesterView.of(opened)
        except Exception:  # the answers stay in the tracker; a person picks the request up from there
            log.exception("could not open a case for conversation %s", tracker.sender_id)
            chat.say("submit_failed")
            return [*chat.events(), *cleared, *escalate(chat, "case_store_unavailable")]
        chat.say("case_opened", case=case, requester=requester)
        events = [*chat.events(), *cleared, SlotSet("case_reference", case.reference)]
        if request_type == "file_complaint":
            events += escalate(chat, "complaint")
        return events


def new_case(tracker: Tracker, lang: str) -> NewCase:
    """The form's answers as the case service takes them from any channel."""
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
