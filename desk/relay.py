"""The gateway's line to Rasa: the REST channel while the bot has the conversation, the tracker API around it.

Pausing the tracker keeps the bot silent while a person has the conversation;
staff lines are written into the tracker as bot events so the bot knows what
was said when it resumes (NOTES.md: verified on Rasa 3.6).
"""

from __future__ import annotations

from typing import Any

import httpx

from desk.errors import RasaUnavailable


class RasaRelay:
    def __init__(self, rasa_url: str, timeout: float = 30.0) -> None:
        self.client = httpx.AsyncClient(base_url=rasa_url, timeout=timeout)

    async def send(self, conversation_id: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        body = {"sender": conversation_id, "message": text, "metadata": metadata}
        return await self._post("/webhooks/rest/webhook", body)

    async def pause(self, conversation_id: str) -> None:
        await self._post(f"/conversations/{conversation_id}/tracker/events", {"event": "pause"})

    async def resume(self, conversation_id: str) -> None:
        await self._post(f"/conversations/{conversation_id}/tracker/events", {"event": "resume"})

    async def record_staff_line(self, conversation_id: str, text: str) -> None:
        await self._post(f"/conversations/{conversation_id}/tracker/events", {"event": "bot", "text": text})

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        try:
            response = await self.client.post(path, json=body)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        return response.json()

    async def close(self) -> None:
        await self.client.aclose()
