"""What decoding one mail finds, and the guard that turns a failed step into a defect note.

Every module of the decoder writes into one Collector, so the defects of a
mail stay in one list in the order they arose, and no malformed input can
raise past parse_mail: one odd mail must not stop the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mail.reading.message import Attachment, ForwardedMessage

T = TypeVar("T")


class Collector:
    """What the walk over the MIME tree finds; branches share all but the text."""

    def __init__(self, cap: int, defects: list[str] | None = None) -> None:
        self.cap = cap
        self.texts: list[str] = []
        self.attachments: list[Attachment] = []
        self.forwarded: list[ForwardedMessage] = []
        self.defects: list[str] = defects if defects is not None else []

    def branch(self) -> Collector:
        other = Collector(self.cap, self.defects)
        other.attachments, other.forwarded = self.attachments, self.forwarded
        return other

    def note(self, where: str, what: str | None) -> None:
        if what and f"{where}: {what}" not in self.defects:
            self.defects.append(f"{where}: {what}")


def guarded(out: Collector, where: str, step: Callable[[], T], default: T | None = None) -> T | None:
    """Run one decoding step; a failure becomes a defect, never an exception for the runner."""
    try:
        return step()
    except Exception as exc:  # malformed mail can trip the email package in many ways
        out.note(where, f"could not be read ({type(exc).__name__})")
        return default
