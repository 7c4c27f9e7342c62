"""The running Rasa server, over HTTP: the REST channel, the tracker and /model/parse.

The CLI's chat tools and the mail runner classify through this one client, so
mail is read by exactly the NLU the chat uses (the web gateway has its async
twin, desk/relay.py).
"""

from __future__ import annotations

from typing import Any

import httpx

# Statuses that mean "not now" (a proxy or a server still loading its model), not "not this message".
_NOT_NOW = frozenset({502, 503, 504})


class AssistantError(Exception):
    """The Rasa server answered a request with an error: trying the same request again will not help."""


class AssistantUnavailable(AssistantError):
    """The Rasa server did not answer, or said it cannot answer now: try again later."""


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
        """One request; httpx's errors become ours, named without the URL (it holds a sender id).

        The mail runner leaves a message stored and counts no try while the NLU is
        unavailable, but counts a try when the NLU refuses that one message, so a
        message it can never read is quarantined rather than asked about forever.
        """
        try:
            response = self.client.request(method, path, **kwargs)
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            error = AssistantUnavailable if status in _NOT_NOW else AssistantError
            raise error(f"HTTP {status}") from exc
        except httpx.HTTPError as exc:  # no answer: refused, timed out, cut off
            raise AssistantUnavailable(type(exc).__name__) from exc
        return response.json()
