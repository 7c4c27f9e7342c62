"""The running Rasa server, over HTTP: the REST channel, the tracker and /model/parse.

Chat tools, the mail runner and the web gateway all classify through this one
client, so mail is read by exactly the NLU the chat uses.
"""

from __future__ import annotations

from typing import Any

import httpx


class AssistantUnavailable(Exception):
    """The Rasa server did not answer, or answered with an error status."""


class Assistant:
    def __init__(self, rasa_url: str, timeout: float = 30.0) -> None:
        self.client = httpx.Client(base_url=rasa_url, timeout=timeout)

    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        return self._call("POST", "/webhooks/rest/webhook", json=body)

    def tracker(self, sender: str) -> dict[str, Any]:
        return self._call("GET", f"/conversations/{sender}/tracker")

    def parse(self, text: str) -> dict[str, Any]:
        return self._call("POST", "/model/parse", json={"text": text})

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request; any transport or status error becomes AssistantUnavailable.

        Callers then handle one error, not httpx's: the mail runner leaves the message
        stored and counts no try while the NLU is down.
        """
        try:
            response = self.client.request(method, path, **kwargs)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise AssistantUnavailable(str(exc)) from exc
        return response.json()
