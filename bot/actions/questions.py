"""The request form's questions: one `action_ask_<slot>` class per slot, so each can be found by name.

rasa-sdk registers every concrete subclass of `Action` it has imported and skips
abstract ones, so `AskForSlot` stays abstract (its `slot` is unset) and each
question is a module-level class: Sanic pickles the registry into its workers,
and pickle finds a class only by its module attribute.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import SimpleNamespace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.turn import Turn
from cases.requirements import (
    FORM_SLOTS,
    FORM_STATE,
    deputy_kinds,
    lives_abroad,
    reply_options,
    required_slots,
)
from responses.profiles.schema import Profile
from responses.rendering import renderer

_LABELLED = {"acting_for", "deputy_kind", "incident_channel", "reply_channel"}  # codes shown by their label
# The choices a question offers as buttons; a button's payload is understood as the answer.
BUTTONS: dict[str, tuple[str, ...]] = {
    "acting_for": ("self", "deputy"),
    "reply_channel": ("post", "phone"),
    "review": ("yes", "cancel"),
}


class AskForSlot(Action, ABC):
    """Asks for one answer with chat/ask/<slot>, unless its re-ask has just asked again."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The form slot asked for; a subclass sets it as a class attribute."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        if tracker.get_slot("reasked") == self.slot:  # the re-ask already asked again, with the reason
            return [*chat.events(), SlotSet("reasked", None)]
        self.ask(chat, tracker)
        return chat.events()

    def ask(self, chat: Turn, tracker: Tracker) -> None:
        deputy = tracker.get_slot("acting_for") == "deputy"
        chat.say(
            f"ask/{self.slot}",
            self.buttons(chat),
            request_type=tracker.get_slot("request_type"),
            deputy=deputy,
            abroad=lives_abroad(tracker.get_slot("country")),
            options=reply_options(chat.profile),
        )

    def buttons(self, chat: Turn) -> list[str]:
        return buttons_for(self.slot, chat.profile)


def buttons_for(slot: str, profile: Profile) -> list[str]:
    """The buttons a question (and its re-ask) offers: some depend on what the company accepts."""
    if slot == "deputy_kind":
        return deputy_kinds(profile)
    if slot == "reply_channel":
        return [f"reply_{option}" for option in reply_options(profile)]
    return list(BUTTONS.get(slot, ()))


class AskRequesterName(AskForSlot):
    slot = "requester_name"


class AskEmail(AskForSlot):
    slot = "email"


class AskCountry(AskForSlot):
    slot = "country"


class AskActingFor(AskForSlot):
    slot = "acting_for"


class AskPrincipalName(AskForSlot):
    slot = "principal_name"


class AskDeputyKind(AskForSlot):
    slot = "deputy_kind"


class AskPostalAddress(AskForSlot):
    slot = "postal_address"


class AskPhone(AskForSlot):
    slot = "phone"


class AskRequestDetails(AskForSlot):
    slot = "request_details"


class AskIncidentChannel(AskForSlot):
    slot = "incident_channel"


class AskIncidentDate(AskForSlot):
    slot = "incident_date"


class AskIncidentAskedFor(AskForSlot):
    slot = "incident_asked_for"


class AskIncidentSender(AskForSlot):
    slot = "incident_sender"


class AskReplyChannel(AskForSlot):
    slot = "reply_channel"


class AskReview(AskForSlot):
    """Shows the answers to confirm; after a plain "no", asks which one to change."""

    slot = "review"

    def ask(self, chat: Turn, tracker: Tracker) -> None:
        template = "form/review_which" if chat.intent == "deny" else "form/review"
        items = review_items(tracker, chat)
        chat.say(template, self.buttons(chat), request_type=tracker.get_slot("request_type"), items=items)


def form_values(tracker: Tracker) -> dict[str, Any]:
    """The form's answers and the state it keeps between turns, as the tracker has them."""
    return {slot: tracker.get_slot(slot) for slot in (*FORM_SLOTS, *FORM_STATE)}


def review_items(tracker: Tracker, chat: Turn) -> list[SimpleNamespace]:
    """The answers given so far, in the order asked, labelled in the conversation's language."""
    text = renderer(chat.lang)
    slots = form_values(tracker)
    flagged = set(slots.get("flagged") or [])
    items = []
    for slot in required_slots(tracker.get_slot("request_type"), chat.profile, slots):
        value = slots.get(slot)
        if slot == "review" or value is None:
            continue
        if slot in _LABELLED:
            value = text.label(f"{slot}.{value}")
        elif slot == "incident_asked_for":
            value = text.codes(value, slot)
        items.append(
            SimpleNamespace(
                slot=slot, label=text.label(f"field.{slot}"), value=value, as_written=slot in flagged
            )
        )
    return items
