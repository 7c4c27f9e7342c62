"""Handing a conversation to a person: on request, after a complaint, or when we fail twice."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import answers
from bot.actions.turn import Turn
from cases.clock import utc_now
from responses.profiles.schema import Hours

_OPEN_DAYS = {"weekdays": range(5), "weekdays_and_saturday": range(6), "every_day": range(7)}


def desk_open(hours: Hours | None, now: dt.datetime) -> bool:
    """Whether staff are in now; without stated hours we cannot promise, so say no."""
    if hours is None:
        return False
    local = now.astimezone(ZoneInfo(hours.timezone))
    clock = local.strftime("%H:%M")
    return local.weekday() in _OPEN_DAYS[hours.days] and hours.open <= clock < hours.close


UPSET_TURNS_BEFORE_A_PERSON = 2


def escalate(chat: Turn, reason: str) -> list[EventType]:
    """Tell the customer a person is coming and flag the conversation for the desk's queue.

    The desk's gateway moves the conversation to staff when it sees the `handoff` custom message.
    """
    open_now = desk_open(chat.profile.desk.hours, utc_now())
    chat.say("handoff", open_now=open_now, reason=reason)
    chat.dispatcher.utter_message(json_message={"handoff": {"reason": reason}})
    return [SlotSet("handoff", reason)]


def escalate_if_upset(chat: Turn) -> list[EventType]:
    """Count upset turns; the second goes to a person's queue without waiting for a button."""
    if not answers.sounds_upset(chat.tracker.latest_message.get("text")):
        return []
    count = int(chat.tracker.get_slot("upset_count") or 0) + 1
    events: list[EventType] = [SlotSet("upset_count", count)]
    if count == UPSET_TURNS_BEFORE_A_PERSON:
        events += escalate(chat, "upset")
    return events


class ListeningAction(Action, ABC):
    """An action that answers what the customer said, unless this is their second upset turn:
    then a person takes over and nothing else is said."""

    understood = True  # whether this action's turn counts as understood (resets the fallback count)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        upset = escalate_if_upset(chat)
        if chat.handed_off(upset):
            return [*chat.events(understood=self.understood), *upset]
        return [*upset, *self.reply(chat)]

    @abstractmethod
    def reply(self, chat: Turn) -> list[EventType]:
        """What this action says and the events it returns, once it is known a person is not needed."""


class ActionHandoff(Action):
    """The customer asked for a person."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        return [*chat.events(), *escalate(chat, "request_human")]


class ActionFallback(ListeningAction):
    """Ask again once; the second time in a row, offer a person."""

    understood = False

    def name(self) -> str:
        return "action_fallback"

    def reply(self, chat: Turn) -> list[EventType]:
        failures = int(chat.tracker.get_slot("fallback_count") or 0) + 1
        if failures == 1:
            chat.say("fallback_rephrase")
            return [*chat.events(understood=False), SlotSet("fallback_count", failures)]
        chat.say("fallback_offer_human", ["talk_to_person"])
        return [
            *chat.events(understood=False),
            SlotSet("fallback_count", 0),
            SlotSet("handoff", "not_understood"),
        ]
