"""What every action needs to know about the conversation: company, language, reply helpers."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.config import action_config
from cases.extraction import extract
from responses.errors import ProfileError
from responses.language import detect_language
from responses.profiles import load_profile
from responses.profiles.schema import Lang, Profile
from responses.rendering import renderer

log = logging.getLogger(__name__)


def _metadata(tracker: Tracker) -> dict[str, Any]:
    return tracker.latest_message.get("metadata") or {}


def _profile(requested: str | None, default: str) -> tuple[str, Profile]:
    """The conversation's company; an unknown name falls back to the configured one."""
    if requested:
        try:
            return requested, load_profile(requested)
        except ProfileError:
            log.warning("unknown profile requested; using the configured one")
    return default, load_profile(default)


# Answers that are not sentences, whatever script they are typed in: they never switch the language.
_AS_WRITTEN = {"requester_name", "principal_name", "postal_address", "incident_sender", "phone", "email"}


def _language(tracker: Tracker, metadata: dict[str, Any]) -> Lang:
    """The widget's language by default; the customer's own words switch it only when they are a sentence.

    A toggle of the widget (its language differs from the previous message's) wins.
    Details (an address, a name, an e-mail, a reference) are set aside before
    the text is weighed, so a US address typed on the Japanese widget stays Japanese.
    """
    chosen = metadata.get("lang") if metadata.get("lang") in ("ja", "en") else None
    current = tracker.get_slot("language")
    base = (
        chosen if chosen and (current is None or chosen != _previous_choice(tracker)) else current or chosen
    )
    text = tracker.latest_message.get("text") or ""
    answering = tracker.active_loop_name and tracker.get_slot("requested_slot") in _AS_WRITTEN
    if text.startswith("/") or answering:
        return base or "ja"
    found = extract(text)
    rest = list(found.text)
    for start, end in found.spans.values():
        rest[start:end] = " " * (end - start)
    return detect_language("".join(rest), base) or "ja"


def _previous_choice(tracker: Tracker) -> str | None:
    """The widget's language on the customer's message before this one."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen += 1
            if seen == 2:
                return (event.get("metadata") or {}).get("lang")
    return None


_BUTTON_INTENTS = {
    "talk_to_person": "/request_human",
    "start_request": "/affirm",
    "not_now": "/deny",
    "yes": "/affirm",
}
# Buttons that answer a form question: the payload carries the choice, so no classifier reads it.
_CHOICES = {
    "self": "self",
    "deputy": "deputy",
    "parent_of_minor": "parent_of_minor",
    "legal_representative": "legal_representative",
    "adult_guardian": "adult_guardian",
    "mandatary": "mandatary",
    "reply_post": "post",
    "reply_phone": "phone",
    "cancel": "cancel",
}


class Turn:
    """The company and language of one turn, and a way to reply in them."""

    def __init__(self, tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
        self.tracker, self.dispatcher = tracker, dispatcher
        self.config = action_config()  # every turn needs it, so a server started without it fails at once
        metadata = _metadata(tracker)
        requested = metadata.get("profile") or tracker.get_slot("profile")
        self.profile_id, self.profile = _profile(requested, self.config.default_profile)
        self.lang: Lang = _language(tracker, metadata)

    @property
    def intent(self) -> str | None:
        return (self.tracker.latest_message.get("intent") or {}).get("name")

    def text(self, template: str, **context: Any) -> str:
        """Render responses/templates/<lang>/chat/<template>.j2."""
        return renderer(self.lang).render(f"chat/{template}", self.profile, **context)

    def say(self, template: str, buttons: list[str] | None = None, **context: Any) -> None:
        """Send a rendered template; button keys become labelled quick replies."""
        self.say_text(self.text(template, **context), buttons)

    def say_text(self, text: str, buttons: list[str] | None = None) -> None:
        """Send text already rendered from templates (several answers in one message)."""
        payload = [self._button(key) for key in buttons or []]
        self.dispatcher.utter_message(text=text, buttons=payload or None)

    def _button(self, key: str) -> dict[str, str]:
        """A quick reply; buttons that answer a yes/no or call a person send the intent itself."""
        title = renderer(self.lang).label(f"button.{key}")
        if key in _CHOICES:
            return {"title": title, "payload": f'/inform{{"choice": "{_CHOICES[key]}"}}'}
        return {"title": title, "payload": _BUTTON_INTENTS.get(key, title)}

    @staticmethod
    def handed_off(events: list[EventType]) -> bool:
        """Whether these events pass the conversation to a person (nothing else should be said)."""
        return any(event.get("name") == "handoff" and event.get("value") for event in events)

    def events(self, understood: bool = True) -> list[EventType]:
        """Slots every action keeps current: the customer's language and company."""
        events: list[EventType] = [SlotSet("language", self.lang), SlotSet("profile", self.profile_id)]
        if understood:
            events.append(SlotSet("fallback_count", 0))
        return events
