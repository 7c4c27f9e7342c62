"""Talking to the running assistant from a terminal, as the web gateway does."""

from __future__ import annotations

import uuid
from typing import Any

from bot.client import Assistant
from responses.language import detect_language


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
