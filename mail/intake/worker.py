"""The mail worker process: intake (SMTP and/or IMAP), the runner, and the outbox.

Each part runs only where configured: the embedded default is the SMTP intake
on loopback plus the local relay; an IMAP mailbox is polled when
MADOGUCHI_IMAP_HOST is set. One worker at a time holds each mailbox (a lease
in the database), so several machines can run this safely.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from imapclient.exceptions import IMAPClientError
from sqlalchemy.orm import Session, sessionmaker

from cases.outbox import sender_address
from mail.errors import LeaseLost
from mail.intake import store
from mail.intake.imap import ImapConfig, ImapPoller, connect
from mail.intake.lease import MailboxLease
from mail.intake.runner import Runner
from mail.intake.smtp import start_intake
from mail.intake.triage import Nlu
from mail.outbox.compose import CaseOpenedComposer
from mail.outbox.local_relay import start_sink
from mail.outbox.sender import OutboxSender, Relay
from responses.profiles.schema import Profile

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
IMAP_WAIT_SECONDS = 25.0


def imap_config(values: dict[str, str]) -> ImapConfig | None:
    """The IMAP mailbox from MADOGUCHI_IMAP_* values (lower-cased, prefix removed); None: no mailbox."""
    if not values.get("host"):
        return None
    optional = {
        key: values[key] for key in ("folder", "processed_folder", "held_folder", "ca_file") if key in values
    }
    return ImapConfig(
        host=values["host"],
        port=int(values.get("port", "993")),
        user=values.get("user", ""),
        password=values.get("password"),
        oauth2_token=values.get("oauth2_token"),
        oauth2_token_command=values.get("oauth2_token_command"),
        security=values.get("security", "tls"),
        **optional,
    )


@dataclass(frozen=True)
class WorkerConfig:
    """What the worker is configured with; built from the settings by the composition root."""

    mail_from: str | None  # None: the profile's desk address
    relay: Relay
    sink_port: int  # the local relay runs when the relay is this port on loopback
    sink_maildir: Path
    intake_host: str
    intake_port: int  # 0 turns the SMTP intake off
    intake_max_bytes: int
    imap: ImapConfig | None
    lease_seconds: int


class MailWorker:
    def __init__(
        self, config: WorkerConfig, sessions: sessionmaker[Session], assistant: Nlu, profile: Profile
    ) -> None:
        self.config, self.sessions, self.profile = config, sessions, profile
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.runner = Runner(sessions, assistant, profile, config.mail_from)
        self.sender = OutboxSender(
            sessions,
            config.relay,
            sender_address(profile, config.mail_from),
            CaseOpenedComposer(config.mail_from),
        )
        self._recovered = False

    def lease(self, name: str) -> MailboxLease:
        return MailboxLease(self.sessions, name, self.holder, dt.timedelta(seconds=self.config.lease_seconds))

    def process_stored(self) -> int:
        """Run the runner over messages the SMTP intake stored (one worker at a time)."""
        lease = self.lease("inbound:stored")
        if not lease.acquire():
            return 0
        try:
            with self.sessions() as session:
                waiting = store.pending(session)
            for inbound_id in waiting:
                lease.ensure()
                self.runner.process(inbound_id)
            return len(waiting)
        finally:
            lease.release()

    def send_outbox(self) -> int:
        """Send what is due while holding the outbox lease, so two workers never send one mail twice."""
        lease = self.lease("outbox")
        if not lease.acquire():
            return 0
        try:
            if not self._recovered:
                self.sender.recover()
                self._recovered = True
            return self.sender.send_due()
        finally:
            lease.release()

    def poll_imap(self, stop: threading.Event, once: bool = False) -> None:
        """Poll the mailbox while holding its lease; reconnect after any server trouble."""
        lease = self.lease(self.config.imap.source)
        poller = ImapPoller(self.config.imap, self.sessions, self.runner, lease)
        while not stop.is_set():
            if not lease.acquire():
                stop.wait(self.config.lease_seconds / 3)
                continue
            try:
                client = connect(self.config.imap)
                try:
                    while not stop.is_set():
                        poller.poll_once(client)
                        if once:
                            return
                        poller.wait_for_mail(client, min(IMAP_WAIT_SECONDS, self.config.lease_seconds / 3))
                        lease.ensure()
                finally:
                    _logout(client)
            except (OSError, IMAPClientError, LeaseLost) as exc:
                log.warning("imap: %s; reconnecting", type(exc).__name__)
                if once:
                    raise
                stop.wait(2.0)

    def run(self, stop: threading.Event, intake: bool = True, imap: bool = True) -> None:
        servers = self._start_servers(intake)
        poller = None
        if imap and self.config.imap is not None:
            poller = threading.Thread(target=self.poll_imap, args=(stop,), name="imap", daemon=True)
            poller.start()
        try:
            while not stop.is_set():
                try:
                    self.process_stored()
                    self.send_outbox()
                except Exception:  # the worker never dies on one bad round; the next one retries
                    log.exception("mail round failed")
                stop.wait(POLL_SECONDS)
        finally:
            for server in servers:
                server.stop()
            if poller is not None:
                poller.join(timeout=30)

    def _start_servers(self, intake: bool) -> list:
        config, servers = self.config, []
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's INFO lines name peers
        if config.relay.host in {"127.0.0.1", "localhost"} and config.relay.port == config.sink_port:
            try:
                servers.append(start_sink(config.sink_maildir, config.relay.host, config.sink_port))
                log.info(
                    "local relay on %s:%d, filing sent mail in %s",
                    config.relay.host,
                    config.sink_port,
                    config.sink_maildir,
                )
            except OSError:  # another worker on this machine runs it already; send through that one
                log.info("local relay already running on %s:%d", config.relay.host, config.sink_port)
        if intake and config.intake_port:
            servers.append(
                start_intake(
                    self.sessions, config.intake_host, config.intake_port, size_limit=config.intake_max_bytes
                )
            )
            log.info("SMTP intake on %s:%d", config.intake_host, config.intake_port)
        return servers


def _logout(client) -> None:
    with contextlib.suppress(OSError, IMAPClientError):
        client.logout()
