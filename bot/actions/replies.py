"""Answers to policy questions and small talk, each from its template."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet

from bot.actions import answers
from bot.actions.escalation import ListeningAction
from bot.actions.procedure import offer
from bot.actions.request_form import answers_the_question
from bot.actions.turn import Turn
from responses.topics import answer_topics

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
# What a request's procedure summary already says, so a question about it is not answered twice.
_IN_PROCEDURE = {"ask_procedure", "ask_fee", "ask_documents", "ask_timeline"}


class ActionRespond(ListeningAction):
    def name(self) -> str:
        return "action_respond"

    def reply(self, chat: Turn) -> list[EventType]:
        intent = chat.intent or "out_of_scope"
        if answers_the_question(chat.tracker, chat):
            return chat.events()  # the form takes the answer; a policy answer would only get in the way
        if intent.startswith("ask_"):
            return answer_question(chat, intent)
        offered = bool(chat.tracker.get_slot("request_offered"))
        chat.say(_TEMPLATES.get(intent, "out_of_scope"), declined=offered and intent == "deny")
        return [*chat.events(), *([SlotSet("request_offered", False)] if offered else [])]


def answer_question(chat: Turn, intent: str) -> list[EventType]:
    """Every topic the question asks about; "how do I ask for X" also offers to start X.

    An offer made earlier stays open while the customer asks questions about it.
    """
    text = chat.tracker.latest_message.get("text") or ""
    topics = answer_topics(intent, text)
    # "How do I ask for X", or a question about X from someone who wants it ("娘の代わりに開示請求したい").
    asks_for_it = "ask_procedure" in topics or answers.wants_to(text)
    kind = answers.request_kind(text) if asks_for_it else None
    if kind:
        return offer(chat, kind, before=[f"answer/{t}" for t in topics if t not in _IN_PROCEDURE])
    chat.say_text("\n\n".join(chat.text(f"answer/{topic}") for topic in topics))
    return chat.events()
