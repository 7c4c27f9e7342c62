"""The IMAP poller: fetch, store, process, and only then move the message on the server.

UIDs identify messages, checked against UIDVALIDITY; a message whose row
already exists is never stored twice, only finished (processed if it was not,
moved if it was). IDLE waits for new mail where the server offers it.
"""

from __future__ import annotations

import logging
import ssl
import time
from dataclasses import dataclass

from imapclient import IMAPClient
from sqlalchemy.orm import Session, sessionmaker

from bot.cases.models import InboundMail
from mail import store
from mail.lease import MailboxLease
from mail.runner import Runner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str | None = None
    oauth2_token: str | None = None  # XOAUTH2 instead of a password
    security: str = "tls"  # tls, starttls or none (tests on loopback)
    folder: str = "INBOX"
    processed_folder: str = "Madoguchi/Processed"
    held_folder: str = "Madoguchi/Held"
    timeout: float = 60.0

    @property
    def source(self) -> str:
        return f"imap:{self.user}@{self.host}/{self.folder}"


def connect(config: ImapConfig) -> IMAPClient:
    context = ssl.create_default_context()
    client = IMAPClient(
        config.host,
        port=config.port,
        ssl=config.security == "tls",
        ssl_context=context,
        timeout=config.timeout,
    )
    if config.security == "starttls":
        client.starttls(context)
    if config.oauth2_token:
        client.oauth2_login(config.user, config.oauth2_token)
    else:
        client.login(config.user, config.password or "")
    for folder in (config.processed_folder, config.held_folder):
        if not client.folder_exists(folder):
            client.create_folder(folder)
    return client


class ImapPoller:
    def __init__(
        self, config: ImapConfig, sessions: sessionmaker[Session], runner: Runner, lease: MailboxLease
    ) -> None:
        self.config, self.sessions, self.runner, self.lease = config, sessions, runner, lease

    def poll_once(self, client: IMAPClient) -> int:
        """Handle every message in the folder; return how many were handled."""
        uidvalidity = int(client.select_folder(self.config.folder)[b"UIDVALIDITY"])
        uids = client.search("ALL")
        for uid in uids:
            self.lease.ensure()  # stop at once if another worker took the mailbox
            self._handle(client, uidvalidity, int(uid))
        return len(uids)

    def _handle(self, client: IMAPClient, uidvalidity: int, uid: int) -> None:
        with self.sessions.begin() as session:
            row = store.find(session, self.config.source, uidvalidity, uid)
            if row is None:
                fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid)
                if fetched is None:  # expunged by someone else meanwhile
                    return
                row = store.store(session, fetched[b"BODY[]"], self.config.source, uidvalidity, uid)
            row_id = row.id
        status = self.runner.process(row_id)
        if status in {"processed", "quarantined"}:
            target = self.config.processed_folder if status == "processed" else self.config.held_folder
            self._move(client, uid, target)
            with self.sessions.begin() as session:
                session.get(InboundMail, row_id).settled_on_server = True

    @staticmethod
    def _move(client: IMAPClient, uid: int, folder: str) -> None:
        if client.has_capability("MOVE"):
            client.move([uid], folder)
        else:
            client.copy([uid], folder)
            client.delete_messages([uid])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge([uid])
            else:
                client.expunge()

    def wait_for_mail(self, client: IMAPClient, seconds: float) -> None:
        """IDLE until the server reports a change (or the time is up); plain sleep without IDLE."""
        if not client.has_capability("IDLE"):
            client.noop()
            time.sleep(seconds)
            return
        client.idle()
        try:
            client.idle_check(timeout=seconds)
        finally:
            client.idle_done()
