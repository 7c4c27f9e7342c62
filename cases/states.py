"""The case state machine: one table says which status may follow which."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    AWAITING_IDENTITY = "awaiting_identity"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


_WORKING = {Status.RECEIVED, Status.AWAITING_IDENTITY, Status.IN_PROGRESS}
_ENDINGS = {Status.REJECTED, Status.WITHDRAWN, Status.ON_HOLD}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.AWAITING_IDENTITY, Status.IN_PROGRESS} | _ENDINGS),
    Status.AWAITING_IDENTITY: frozenset({Status.IN_PROGRESS} | _ENDINGS),
    Status.IN_PROGRESS: frozenset({Status.COMPLETED} | _ENDINGS),
    # Leaving a hold returns to the working status the case had (checked by the service).
    Status.ON_HOLD: frozenset(_WORKING | {Status.WITHDRAWN, Status.REJECTED}),
    Status.COMPLETED: frozenset({Status.CLOSED}),
    Status.REJECTED: frozenset({Status.CLOSED}),
    Status.WITHDRAWN: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

OPEN_STATUSES = frozenset(_WORKING | {Status.ON_HOLD})


def allowed(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]
