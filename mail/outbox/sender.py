"""The outbox sender: what `cases.outbox` queued leaves through the SMTP relay.

The body is composed when the mail leaves (rendering the PDF form
is the slow part, and intake should not wait for it), and kept as sent. The
sender retries with exponential backoff while the relay is down.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cases.clock import Clock, utc_now
from cases.models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
BASE_DELAY = dt.timedelta(seconds=5)
MAX_DELAY = dt.timedelta(hours=1)

# Turns a queued row whose bytes were left to send time into those bytes (see mail.outbox.compose).
OutboxComposer = Callable[[Session, OutboxMessage], bytes]


@dataclass(frozen=True)
class Relay:
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    def send(self, sender: str, recipients: list[str], raw: bytes) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user and self.password:
                smtp.login(self.user, self.password)
            smtp.sendmail(sender, recipients, raw)


def backoff(attempts: int) -> dt.timedelta:
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


class OutboxSender:
    """Sends what is due; one message per transaction so a crash resends at most one."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        relay: Relay,
        sender: str,
        composer: OutboxComposer,
        clock: Clock = utc_now,
    ) -> None:
        self.sessions, self.relay, self.sender = sessions, relay, sender
        self.composer, self.clock = composer, clock

    def send_due(self, limit: int = 50) -> int:
        """Send up to `limit` due messages; return how many left."""
        with self.sessions() as session:
            due = session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= self.clock())
                .order_by(OutboxMessage.next_attempt_at)
                .limit(limit)
            ).all()
        return sum(self._send_one(message_id) for message_id in due)

    def _send_one(self, message_id: int) -> bool:
        """Claim, send, record: a crash while sending leaves 'sending', never a second copy."""
        raw, recipient = self._claim(message_id)
        if raw is None:
            return False
        try:
            self.relay.send(self.sender, [recipient], raw)
        except (OSError, smtplib.SMTPException) as exc:
            self._record(message_id, exc, permanent=isinstance(exc, smtplib.SMTPRecipientsRefused))
            return False
        self._record(message_id, None)
        log.info("outbox: sent message %s", message_id)
        return True

    def _claim(self, message_id: int) -> tuple[bytes | None, str]:
        with self.sessions.begin() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.status != "queued":
                return None, ""
            message.attempts += 1
            try:
                if message.raw is None:
                    message.raw = self.composer(session, message)
            except Exception as exc:  # a mail we cannot compose will not compose next time either
                log.exception("outbox: message %s could not be composed", message.id)
                self._failed(message, exc, permanent=True)
                return None, ""
            message.status = "sending"
            return message.raw, message.recipient

    def _record(self, message_id: int, exc: Exception | None, permanent: bool = False) -> None:
        with self.sessions.begin() as session:
            message = session.get(OutboxMessage, message_id)
            if exc is None:
                message.status, message.sent_at, message.last_error = "sent", self.clock(), None
                return
            message.status = "queued"
            self._failed(message, exc, permanent)

    def recover(self) -> int:
        """Rows a crashed sender left 'sending' may have left: fail them for staff, never resend."""
        with self.sessions.begin() as session:
            stuck = session.scalars(select(OutboxMessage).where(OutboxMessage.status == "sending")).all()
            for message in stuck:
                message.status, message.last_error = "failed", "interrupted while sending"
            return len(stuck)

    def _failed(self, message: OutboxMessage, exc: Exception, permanent: bool) -> None:
        message.last_error = type(exc).__name__
        if permanent or message.attempts >= MAX_ATTEMPTS:
            message.status = "failed"
        else:
            message.next_attempt_at = self.clock() + backoff(message.attempts)
        log.warning(
            "outbox: message %s attempt %d failed (%s)", message.id, message.attempts, message.last_error
        )
