"""Collect a request in the chat, then open its case.

The form's questions and re-asks are templates; the rules for what a request
needs live in cases.requirements, and opening the case in cases.intake.
"""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.escalation import escalate
from bot.actions.form_filling import Filled, fill, flag
from bot.actions.procedure import REQUEST_TYPES
from bot.actions.questions import buttons_for, form_values, review_items
from bot.actions.turn import Turn
from cases.clock import utc_now
from cases.db import session_factory
from cases.intake import open_request
from cases.requirements import (
    DEPENDENTS,
    DETAILS_FOR,
    FORM_SLOTS,
    FORM_STATE,
    deputy_kinds,
    lives_abroad,
    regime,
    reply_options,
    required_slots,
)
from cases.service import NewCase
from cases.views import CaseView, RequesterView

log = logging.getLogger(__name__)
TOKYO = ZoneInfo("Asia/Tokyo")


class ActionStartRequest(Action):
    """Starts the offered request afresh, with every detail the customer gave since asking for it.

    Answers from an earlier request in this conversation are dropped; what the
    request's own messages said (name, address, "for my daughter"...) is kept,
    so the form never asks for it.
    """

    def name(self) -> str:
        return "action_start_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        chat = Turn(tracker, dispatcher)
        request_type = tracker.get_slot("request_type")  # set by the offer the customer said yes to
        chat.say("form/intro", request_type=request_type)
        slots: dict[str, Any] = dict.fromkeys((*FORM_SLOTS, *FORM_STATE))
        messages, asked = _request_messages(tracker)
        if asked and request_type in DETAILS_FOR:  # the request as the customer put it; the review shows it
            slots["request_details"] = answers.as_written(messages[0][0])
        for text, when in messages:
            filled = _read(chat, text, None, current=slots, now=when)
            slots.update(filled.slots)
            for template, context in filled.notes:
                chat.say(template, **context)
        return [
            *chat.events(),
            *(SlotSet(slot, value) for slot, value in slots.items()),
            SlotSet("request_type", request_type),
            SlotSet("request_offered", False),
        ]


def _request_messages(tracker: Tracker) -> tuple[list[tuple[str, dt.datetime]], bool]:
    """The customer's messages from the one that asked for this request to the "yes" that started it,
    and whether the first of them is that request (a tracker may have lost it to a new session)."""
    messages: list[tuple[str, dt.datetime]] = []
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        if not text.startswith("/"):
            messages.append((text, _sent_at(event)))
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") in REQUEST_TYPES:
            return list(reversed(messages)), True
    return list(reversed(messages)), False


def _sent_at(event: dict[str, Any]) -> dt.datetime:
    """When the customer wrote it, in Tokyo time ("yesterday" is the customer's yesterday)."""
    stamp = event.get("timestamp")
    when = dt.datetime.fromtimestamp(stamp, dt.UTC) if isinstance(stamp, int | float) else utc_now()
    return when.astimezone(TOKYO).replace(tzinfo=None)


Validated = dict[str, Any]  # what checking one answer returns: the slots to set
# Choices asked with buttons: an answer that is none of them is asked again, never taken as written.
_CHOSEN = {"acting_for", "deputy_kind", "incident_channel", "reply_channel"}


class ValidateRequestForm(FormValidationAction):
    """Reads each turn for every slot it fills; the asked one, if missing, is re-asked once with a reason."""

    def name(self) -> str:
        return "validate_request_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        chat = Turn(tracker, dispatcher)
        return required_slots(tracker.get_slot("request_type"), chat.profile, form_values(tracker))

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The slots this turn fills (rasa-sdk's `validate_<slot>` methods only see the slot asked for)."""
        requested = tracker.get_slot("requested_slot")
        if requested is None:  # the form starting: ActionStartRequest has read the request's messages
            return []
        text = tracker.latest_message.get("text") or ""
        choice = _choice(tracker)
        if answers.is_cancel(text) or choice == "cancel":
            return [
                *([SlotSet(requested, None)] if requested != "review" else []),
                SlotSet("review", "cancelled"),
            ]
        if _answered_a_question_first(tracker):
            # Back from a question answered mid-form: keep what the message gave, re-ask nothing.
            checked = dict(_filled(tracker, Turn(tracker, dispatcher)).slots)
        elif requested == "review":
            checked = self.review(text, dispatcher, tracker)
        else:
            checked = self.answer(requested, text, choice, dispatcher, tracker)
        return [SlotSet(slot, value) for slot, value in checked.items()]

    @staticmethod
    def answer(
        requested: str, text: str, choice: str | None, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Validated:
        """Every slot the answer fills; the asked one re-asked once with the reason, then taken as written."""
        chat = Turn(tracker, dispatcher)
        current = form_values(tracker)
        filled = _read(chat, text, requested, choice, current=current)
        slots: Validated = {requested: None, **filled.slots}
        for template, context in filled.notes:
            chat.say(template, **context)
        if filled.problem is None:
            return slots
        reasked = list(current.get("reasked_slots") or [])
        if filled.problem.startswith(requested) and requested in reasked and requested not in _CHOSEN:
            pending = current.get("pending_address") if requested == "postal_address" else None
            slots[requested] = pending or answers.as_written(
                text
            )  # asked twice: keep what they wrote, for staff to check
            slots["flagged"] = flag(current, requested)
            return slots
        abroad = lives_abroad(current.get("country"))
        chat.say(
            f"invalid/{filled.problem}",
            buttons_for(requested, chat.profile),
            request_type=tracker.get_slot("request_type"),
            abroad=abroad,
            options=reply_options(chat.profile),
            postcode=current.get("postcode"),
        )
        return {**slots, "reasked": requested, "reasked_slots": [*reasked, requested]}

    @staticmethod
    def review(text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Validated:
        """Yes opens the case; a value said outright replaces its answer; naming an item asks it again."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm" or answers.is_yes(text):
            return {"review": "confirmed"}
        chat = Turn(tracker, dispatcher)
        filled = _read(chat, text, "review")
        corrected = {slot: value for slot, value in filled.slots.items() if slot in FORM_SLOTS and value}
        if corrected or filled.problem:
            for template, context in filled.notes:
                chat.say(template, **context)
            if filled.problem:
                chat.say(
                    f"invalid/{filled.problem}", request_type=tracker.get_slot("request_type"), abroad=False
                )
            return {**filled.slots, "review": None}
        slot = _named_item(text, review_items(tracker, chat))
        if slot is None:
            if intent == "deny":  # a plain "no": AskReview asks which item
                return {"review": None}
            chat.say("invalid/review", request_type=tracker.get_slot("request_type"))
            return {"review": None, "reasked": "review"}
        return {"review": None, slot: None, **dict.fromkeys(DEPENDENTS.get(slot, ()))}


# Answers recognisable by their form alone: a message read as a question may still be one of these.
_RECOGNISABLE = {
    "email",
    "phone",
    "country",
    "acting_for",
    "deputy_kind",
    "incident_channel",
    "incident_date",
    "reply_channel",
}


def _read(
    chat: Turn,
    text: str,
    requested: str | None,
    choice: str | None = None,
    current: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> Filled:
    """One customer text read against the form so far (the tracker's, unless given), for this company."""
    return fill(
        text,
        requested=requested,
        current=form_values(chat.tracker) if current is None else current,
        now=now or _now(chat.tracker),
        lang=chat.lang,
        choice=choice,
        deputy_kinds=deputy_kinds(chat.profile),
    )


def _filled(tracker: Tracker, chat: Turn) -> Filled:
    """What a message read as a question gives the form; a free-text answer (a name) is not guessed."""
    text = tracker.latest_message.get("text") or ""
    requested = tracker.get_slot("requested_slot")
    return _read(chat, text, requested if requested in _RECOGNISABLE else None, _choice(tracker))


def answers_the_question(tracker: Tracker, chat: Turn) -> bool:
    """Whether a message read as a policy question in fact answers what the form asked ("娘の代わりです")."""
    requested = tracker.get_slot("requested_slot")
    if tracker.active_loop_name != "request_form" or requested not in _RECOGNISABLE:
        return False
    return _filled(tracker, chat).slots.get(requested) not in (None, "")


_FORM_STEPS = {"action_listen", "action_extract_slots", "request_form", "validate_request_form"}


def _answered_a_question_first(tracker: Tracker) -> bool:
    """Whether another action (a policy answer) ran between the customer's message and this form turn."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in _FORM_STEPS:
            return True
    return False


def _choice(tracker: Tracker) -> str | None:
    """The choice a button sent (`/inform{"choice": ...}`), if this turn is a button press."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "choice":
            return str(entity.get("value"))
    return None


def _now(tracker: Tracker) -> dt.datetime:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return _sent_at(event)
    return utc_now().astimezone(TOKYO).replace(tzinfo=None)


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
        cleared = [SlotSet(slot, None) for slot in (*FORM_SLOTS, *FORM_STATE, "request_type")]
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
        reply_channel="email" if slot("email") else slot("reply_channel") or "post",
        flagged=list(slot("flagged") or []),
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
