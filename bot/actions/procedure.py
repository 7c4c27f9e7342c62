"""Before a request's form: how this company handles that request, then whether to start.

A customer who says "send me a copy of my data" first hears the company's own
procedure for it (channel, form, fee, identity documents, timeline, under the
regime their message points to) and decides; "yes" starts the form
(bot/data/rules.yml, `request_offered`).
"""

from __future__ import annotations

from typing import get_args

from rasa_sdk.events import EventType, SlotSet

from bot.actions import answers
from bot.actions.escalation import ListeningAction
from bot.actions.turn import Turn
from cases.requirements import regime
from responses.profiles.schema import RequestType

REQUEST_TYPES = get_args(RequestType)  # one list of request types: the profile schema's


def offer(chat: Turn, request_type: str, before: list[str] = ()) -> list[EventType]:
    """Say the procedure for this request (after any other answers) and ask whether to start."""
    text = chat.tracker.latest_message.get("text") or ""
    parts = [chat.text(template) for template in before]
    parts.append(
        chat.text(
            "procedure/offer",
            request_type=request_type,
            regime=regime(request_type, text),
            incident_channel=answers.incident_channel(text) if request_type == "report_suspicious" else None,
        )
    )
    chat.say_text("\n\n".join(parts), ["start_request", "not_now"])
    return [*chat.events(), SlotSet("request_type", request_type), SlotSet("request_offered", True)]


class ActionOfferRequest(ListeningAction):
    """A request's first reply: the company's procedure for it, then "shall I start?"."""

    def name(self) -> str:
        return "action_offer_request"

    def reply(self, chat: Turn) -> list[EventType]:
        request_type = chat.intent if chat.intent in REQUEST_TYPES else chat.tracker.get_slot("request_type")
        return offer(chat, request_type or "request_disclosure")
