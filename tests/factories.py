"""Values tests start from; a test changes only what it is about."""

from __future__ import annotations

from typing import Any

from cases.service import NewCase


def new_request(**changes: Any) -> NewCase:
    """A disclosure request by chat from a customer in Japan (APPI), in Japanese."""
    values: dict[str, Any] = {
        "request_type": "request_disclosure",
        "regime": "appi",
        "language": "ja",
        "channel": "chat",
        "requester_name": "山田 太郎",
        "requester_email": "taro@example.jp",
    }
    return NewCase(**(values | changes))
