"""The IMAP poller: fetch, store, process, and only then move the message on the server.

UIDs identify messages, checked against UIDVALIDITY; a message whose row
already exists is never stored twice, only finished (processed if it was not,
moved if it was). IDLE waits for new mail where the server offers it.
"""

from __future__ import annotations

import contextlib
import logging
import shlex
import ssl
import subprocess
import time
from dataclasses import dataclass

from imapclient import IMAPClient
from sqlalchemy.orm import Session, sessionmaker

from mail.errors import TokenCommandError
from mail.intake import store
from mail.intake.lease import MailboxLease
from mail.intake.models import InboundMail
from mail.intake.runner import Runner
from mail.intake.states import InboundStatus

log = logging.getLogger(__name__)

BATCH = 50  # messages fetched, then moved, per IMAP command


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str | None = None
    oauth2_token: str | None = None  # XOAUTH2 instead of a password
    # Access tokens expire within the hour: a command run at every login that prints a fresh one
    # (the provider's refresh flow, e.g. `oauth2l fetch ...`) takes precedence over a fixed token.
    oauth2_token_command: str | None = None
    security: str = "tls"  # tls, starttls or none (tests on loopback)
    ca_file: str | None = None  # a private CA or self-signed server certificate to trust
    folder: str = "INBOX"
    processed_folder: str = "Madoguchi/Processed"
    held_folder: str = "Madoguchi/Held"
    timeout: float = 60.0

    @property
    def source(self) -> str:
        return f"imap:{self.user}@{self.host}/{self.folder}"


def access_token(config: ImapConfig) -> str | None:
    """The XOAUTH2 token for this login: fresh from the command when one is set. Never logged.

    Raises TokenCommandError (an OSError too, so the worker reconnects later).
    """
    if not config.oauth2_token_command:
        return config.oauth2_token
    try:
        done = subprocess.run(
            shlex.split(config.oauth2_token_command), capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TokenCommandError(f"the OAuth2 token command could not run: {type(exc).__name__}") from None
    token = done.stdout.strip()
    if done.returncode != 0 or not token or "\n" in token:
        raise TokenCommandError(f"the OAuth2 token command printed no token (exit {done.returncode})")
    return token


def connect(config: ImapConfig) -> IMAPClient:
    context = ssl.create_default_context(cafile=config.ca_file)
    client = IMAPClient(
        config.host,
        port=config.port,
        ssl=config.security == "tls",
        ssl_context=context,
        timeout=config.timeout,
    )
    try:
        if config.security == "starttls":
            client.starttls(context)
        if token := access_token(config):
            client.oauth2_login(config.user, token)
        else:
            client.login(config.user, config.password or "")
        for folder in (config.processed_folder, config.held_folder):
            if not client.folder_exists(folder):
                client.create_folder(folder)
    except Exception:
        # A refused login (an expired token, say) must not leave the connection to the garbage collector.
        with contextlib.suppress(OSError):
            client.shutdown()
        raise
    return client


class ImapPoller:
    def __init__(
        self, config: ImapConfig, sessions: sessionmaker[Session], runner: Runner, lease: MailboxLease
    ) -> None:
        self.config, self.sessions, self.runner, self.lease = config, sessions, runner, lease

    def poll_once(self, client: IMAPClient) -> int:
        """Handle every message in the folder, a batch at a time; return how many were handled.

        A batch is fetched in one command and moved in one command per target
        folder, after every case change of the batch is committed: a crash in
        between leaves processed messages in place, and the next poll only moves them.
        """
        uidvalidity = int(client.select_folder(self.config.folder)[b"UIDVALIDITY"])
        uids = [int(uid) for uid in client.search("ALL")]
        for start in range(0, len(uids), BATCH):
            self.lease.ensure()  # stop at once if another worker took the mailbox
            self._handle_batch(client, uidvalidity, uids[start : start + BATCH])
        return len(uids)

    def _handle_batch(self, client: IMAPClient, uidvalidity: int, uids: list[int]) -> None:
        with self.sessions() as session:
            known = {
                uid: row.id
                for uid in uids
                if (row := store.find(session, self.config.source, uidvalidity, uid))
            }
        fetched = (
            client.fetch([uid for uid in uids if uid not in known], ["BODY.PEEK[]"])
            if len(known) < len(uids)
            else {}
        )
        settled: dict[InboundStatus, list[tuple[int, int]]] = {
            InboundStatus.PROCESSED: [],
            InboundStatus.QUARANTINED: [],
        }
        for uid in uids:
            row_id = known.get(uid) or self._store(uidvalidity, uid, fetched.get(uid))
            if row_id is None:
                continue  # expunged by someone else meanwhile
            status = self.runner.process(row_id)
            if status in settled:
                settled[status].append((uid, row_id))
        for status, done in settled.items():
            if done:
                processed = status is InboundStatus.PROCESSED
                folder = self.config.processed_folder if processed else self.config.held_folder
                self._move(client, [uid for uid, _ in done], folder)
                self._mark_settled([row_id for _, row_id in done])

    def _store(self, uidvalidity: int, uid: int, fetched: dict | None) -> int | None:
        if fetched is None:
            return None
        with self.sessions.begin() as session:
            return store.store(session, fetched[b"BODY[]"], self.config.source, uidvalidity, uid).id

    def _mark_settled(self, row_ids: list[int]) -> None:
        with self.sessions.begin() as session:
            for row_id in row_ids:
                session.get(InboundMail, row_id).settled_on_server = True

    @staticmethod
    def _move(client: IMAPClient, uids: list[int], folder: str) -> None:
        if client.has_capability("MOVE"):
            client.move(uids, folder)
        else:
            client.copy(uids, folder)
            client.delete_messages(uids)
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
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
