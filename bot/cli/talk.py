"""Talking to the running assistant through Rasa's REST channel, as the web gateway does."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from bot.nlu.language import detect_language


class AssistantUnavailable(Exception):
    """The Rasa server did not answer."""


class Assistant:
    def __init__(self, rasa_url: str, timeout: float = 30.0) -> None:
        self.client = httpx.Client(base_url=rasa_url, timeout=timeout)

    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        try:
            response = self.client.post("/webhooks/rest/webhook", json=body)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise AssistantUnavailable(str(exc)) from exc
        return response.json()

    def tracker(self, sender: str) -> dict[str, Any]:
        response = self.client.get(f"/conversations/{sender}/tracker")
        response.raise_for_status()
        return response.json()

    def parse(self, text: str) -> dict[str, Any]:
        response = self.client.post("/model/parse", json={"text": text})
        response.raise_for_status()
        return response.json()


def visible_text(messages: list[dict[str, Any]]) -> str:
    """All the text a customer sees: messages, then the quick-reply buttons."""
    lines: list[str] = []
    for message in messages:
        if message.get("text"):
            lines.append(message["text"])
        lines.extend(f"[{button['title']}]" for button in message.get("buttons") or [])
    return "\n".join(lines)


def ask(assistant: Assistant, text: str, profile: str | None, lang: str | None) -> dict[str, Any]:
    """One turn in a fresh conversation, with what the assistant understood."""
    sender = f"ask-{uuid.uuid4().hex}"
    metadata = {key: value for key, value in {"profile": profile, "lang": lang}.items() if value}
    messages = assistant.send(sender, text, metadata)
    tracker = assistant.tracker(sender)
    intent = tracker.get("latest_message", {}).get("intent") or {}
    language = tracker.get("slots", {}).get("language") or lang or detect_language(text)
    return {
        "intent": intent.get("name"),
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
        "language": language,
        "reply": visible_text(messages),
    }


def chat(assistant: Assistant, profile: str | None) -> None:
    sender = f"cli-{uuid.uuid4().hex}"
    metadata = {"profile": profile} if profile else {}
    print("Type your message (Ctrl-D to leave).")
    while True:
        try:
            text = input("> ").strip()
        except EOFError:
            print()
            return
        if text:
            print(visible_text(assistant.send(sender, text, metadata)) or "…")
