"""The running Rasa server, over HTTP: the REST channel, the tracker and /model/parse.

Chat tools, the mail runner and the web gateway all classify through this one
client, so mail is read by exactly the NLU the chat uses.
"""

from __future__ import annotations

from typing import Any

import httpx


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
