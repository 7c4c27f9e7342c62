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

from imapclient.exceptions import IMAPClientError

from bot.cases.db import session_factory
from bot.profiles import load_profile
from bot.rasa_client import Assistant
from bot.settings import Settings
from mail import store
from mail.compose import Composer, sender_address
from mail.imap import ImapConfig, ImapPoller, connect
from mail.lease import LeaseLost, MailboxLease
from mail.outbox import OutboxSender, Relay
from mail.runner import Runner
from mail.sink import start_sink
from mail.smtp_intake import start_intake

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
IMAP_WAIT_SECONDS = 25.0


def imap_config(values: dict[str, str]) -> ImapConfig | None:
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


class MailWorker:
    def __init__(self, config: Settings) -> None:
        self.config = config
        self.sessions = session_factory(config.database_url)
        self.profile = load_profile(config.profile)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.runner = Runner(self.sessions, Assistant(config.rasa_url), self.profile, config.mail_from)
        relay = Relay(
            config.smtp_host, config.smtp_port, config.smtp_user, config.smtp_password, config.smtp_starttls
        )
        self.sender = OutboxSender(
            self.sessions, relay, sender_address(self.profile, config.mail_from), Composer(config.mail_from)
        )
        self.imap = imap_config(config.imap)
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
        lease = self.lease(self.imap.source)
        poller = ImapPoller(self.imap, self.sessions, self.runner, lease)
        while not stop.is_set():
            if not lease.acquire():
                stop.wait(self.config.lease_seconds / 3)
                continue
            try:
                client = connect(self.imap)
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
        if imap and self.imap is not None:
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
        if config.smtp_host in {"127.0.0.1", "localhost"} and config.smtp_port == config.sink_port:
            try:
                servers.append(start_sink(config.sink_maildir, config.smtp_host, config.sink_port))
                log.info(
                    "local relay on %s:%d, filing sent mail in %s",
                    config.smtp_host,
                    config.sink_port,
                    config.sink_maildir,
                )
            except OSError:  # another worker on this machine runs it already; send through that one
                log.info("local relay already running on %s:%d", config.smtp_host, config.sink_port)
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
