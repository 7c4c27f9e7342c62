"""Wakes the websockets of a conversation when something new is stored for it.

In-process only: a socket also re-reads the database every second, so a
message stored by another web process still arrives (just up to a second
later); the hub makes the common case instant.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict


class Hub:
    def __init__(self) -> None:
        self._events: dict[str, set[asyncio.Event]] = defaultdict(set)

    def notify(self, conversation_id: str) -> None:
        for event in self._events.get(conversation_id, ()):
            event.set()

    async def wait(self, conversation_id: str, timeout: float) -> None:
        event = asyncio.Event()
        self._events[conversation_id].add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._events[conversation_id].discard(event)
            if not self._events[conversation_id]:
                del self._events[conversation_id]
