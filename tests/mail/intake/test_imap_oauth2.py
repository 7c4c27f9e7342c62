"""XOAUTH2 login against a real Dovecot that asks a real (local) OAuth2 introspection endpoint.

Dovecot's oauth2 passdb checks each token over HTTP, as it would at a company's
identity provider, so a pass here means the poller's token login works end to end.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from imapclient.exceptions import LoginError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mail.errors import TokenCommandError
from mail.intake.imap import ImapConfig, ImapPoller, connect
from mail.intake.lease import MailboxLease
from mail.intake.models import InboundMail
from mail.intake.states import InboundStatus
from tests.conftest import _require, free_port
from tests.mail.dovecot import DOVECOT, USER, Dovecot

GOOD_TOKEN = "ya29.madoguchi-test-good-token"
WRONG_TOKEN = "ya29.madoguchi-test-wrong-token"
RAW = b"From: a@example.com\r\nSubject: hi\r\nMessage-ID: <oauth2@example.com>\r\n\r\nbody\r\n"


class IntrospectionHandler(BaseHTTPRequestHandler):
    """Answers as an RFC 7662 endpoint would: only GOOD_TOKEN is active, and it belongs to USER."""

    server: Introspection

    def do_POST(self) -> None:
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        token = form.get("token", [""])[0]
        self.server.asked.append(token)
        answer = {"active": True, "username": USER} if token == GOOD_TOKEN else {"active": False}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the default writes every request to stderr."""


class Introspection(ThreadingHTTPServer):
    """The identity provider's token introspection endpoint, on a free loopback port."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), IntrospectionHandler)
        self.asked: list[str] = []  # every token Dovecot asked about, so a refusal is known to come from here

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/introspect"


class ProcessedRunner:
    """Marks every message processed: this test is about the login, not the NLU."""

    def process(self, inbound_id: int) -> InboundStatus:
        return InboundStatus.PROCESSED


@pytest.fixture
def introspection() -> Iterator[Introspection]:
    server = Introspection()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def oauth2_dovecot(introspection: Introspection) -> Iterator[Dovecot]:
    """Dovecot over IMAPS (the production default), taking tokens checked by `introspection`."""
    _require(Path(DOVECOT).exists(), "Dovecot is not installed (Debian package dovecot-imapd)")
    _require(os.geteuid() == 0, "the test Dovecot runs as root")
    root = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-oauth2-"))
    root.chmod(0o755)
    server = Dovecot(root, free_port(), tls_port=free_port(), oauth2_introspection_url=introspection.url)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


def config(server: Dovecot, token: str) -> ImapConfig:
    return ImapConfig(
        host="127.0.0.1",
        port=server.tls_port,
        user=USER,
        oauth2_token=token,
        ca_file=str(server.root / "cert.pem"),
    )


def test_the_right_token_logs_in_and_the_poller_fetches_the_mail(
    oauth2_dovecot: Dovecot, introspection: Introspection, sessions: sessionmaker[Session]
) -> None:
    oauth2_dovecot.deliver(RAW)
    imap = config(oauth2_dovecot, GOOD_TOKEN)
    lease = MailboxLease(sessions, imap.source, "worker-1")
    assert lease.acquire()
    client = connect(imap)
    try:
        assert ImapPoller(imap, sessions, ProcessedRunner(), lease).poll_once(client) == 1
    finally:
        client.logout()
    assert introspection.asked == [GOOD_TOKEN]  # the token, not the password, let the poller in
    with sessions() as session:
        (row,) = session.scalars(select(InboundMail)).all()
    assert row.raw == RAW and row.settled_on_server
    assert oauth2_dovecot.count("INBOX") == 0 and oauth2_dovecot.count("Madoguchi/Processed") == 1


def test_a_wrong_token_is_refused_closed_and_never_logged(
    oauth2_dovecot: Dovecot, introspection: Introspection, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # imapclient logs the IMAP conversation at DEBUG
    with pytest.raises(LoginError, match="AUTHENTICATIONFAILED") as refused:
        connect(config(oauth2_dovecot, WRONG_TOKEN))
    assert introspection.asked == [WRONG_TOKEN]  # refused by the provider's answer, not for another reason
    assert "AUTHENTICATE" in caplog.text  # the conversation was captured ...
    sent = base64.b64encode(f"user={USER}\1auth=Bearer {WRONG_TOKEN}\1\1".encode()).decode()
    assert WRONG_TOKEN not in caplog.text and sent not in caplog.text  # ... without the token
    # `refused` still holds connect()'s frame, so only connect() itself can have closed the connection.
    log = oauth2_dovecot.root / "dovecot.log"
    deadline = time.monotonic() + 10
    while "Connection closed (auth failed" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Connection closed (auth failed" in log.read_text(), refused.value


def test_a_token_command_gives_each_login_a_fresh_token(
    oauth2_dovecot: Dovecot, introspection: Introspection, tmp_path: Path
) -> None:
    current = tmp_path / "token"
    current.write_text(GOOD_TOKEN + "\n")  # what the provider's refresh flow would print
    imap = dataclasses.replace(config(oauth2_dovecot, WRONG_TOKEN), oauth2_token_command=f"cat {current}")
    connect(imap).logout()
    assert introspection.asked == [GOOD_TOKEN]  # the command's token, not the stale fixed one
    current.write_text("")
    with pytest.raises(TokenCommandError, match="no token"):
        connect(imap)
    failing = dataclasses.replace(imap, oauth2_token_command=f"cat {tmp_path / 'missing'}")
    with pytest.raises(OSError, match="exit 1"):  # an OSError: the worker reconnects later
        connect(failing)
    assert introspection.asked == [GOOD_TOKEN]  # nothing was sent without a token
