"""The SMTP intake for the privacy address: store the bytes, then say 250; else 451.

Parsing happens later in the runner; this handler only makes the message
durable, so a sender whose message we could not keep is told to retry.
"""

from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from mail.intake.store import store

log = logging.getLogger(__name__)

# The replies this handler gives, named by code as aiosmtpd's testing/statuscodes names its own.
S250_OK = "250 OK"
S250_STORED = "250 2.0.0 Message accepted"
S451_NOT_STORED = "451 4.3.0 Message could not be stored, please try again later"
S550_UNKNOWN_RECIPIENT = "550 5.1.1 No such mailbox here"

DEFAULT_SIZE_LIMIT = 25 * 1024 * 1024


class IntakeHandler:
    """aiosmtpd handler: implements only the hooks it needs (RCPT, DATA)."""

    def __init__(self, sessions: sessionmaker[Session], recipients: frozenset[str] | None = None) -> None:
        self.sessions = sessions
        self.recipients = recipients  # None accepts any recipient (a dedicated intake host)

    async def handle_RCPT(self, server, session, envelope, address: str, rcpt_options) -> str:  # noqa: N802
        if self.recipients is not None and address.lower() not in self.recipients:
            return S550_UNKNOWN_RECIPIENT
        envelope.rcpt_tos.append(address)
        return S250_OK

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._store, raw)
        except Exception:  # the sender keeps the message and retries; we lose nothing
            log.exception("intake: could not store a message")
            return S451_NOT_STORED
        return S250_STORED

    def _store(self, raw: bytes) -> None:
        with self.sessions.begin() as session:
            store(session, raw, "smtp")


def start_intake(
    sessions: sessionmaker[Session],
    host: str,
    port: int,
    recipients: frozenset[str] | None = None,
    size_limit: int = DEFAULT_SIZE_LIMIT,
) -> Controller:
    controller = Controller(
        IntakeHandler(sessions, recipients),
        hostname=host,
        port=port,
        data_size_limit=size_limit,
        decode_data=False,
    )
    controller.start()
    return controller
