"""Where a received message is in the pipeline: the values of `inbound_mail.status`.

A string enum (like `cases.states.Status`), so the stored values stay the
plain strings they always were while code names them once.
"""

from __future__ import annotations

from enum import StrEnum


class InboundStatus(StrEnum):
    STORED = "stored"  # kept, waiting for the runner (again, after a failed try or while the NLU is down)
    PROCESSED = "processed"  # the runner decided and acted; an escalated message waits for staff too
    QUARANTINED = "quarantined"  # failed MAX_TRIES times or could not be decoded; raw bytes kept for staff
