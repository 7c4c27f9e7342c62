"""Connecting to a real Dovecot over IMAPS and over STARTTLS, the certificate checked."""

from __future__ import annotations

import shutil
import ssl
import tempfile
from pathlib import Path

import pytest

from mail.intake.imap import ImapConfig, connect
from tests.conftest import _require, free_port
from tests.mail.dovecot import DOVECOT, PASSWORD, USER, Dovecot


@pytest.fixture
def tls_dovecot():
    _require(Path(DOVECOT).exists(), "Dovecot is not installed (Debian package dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-tls-"))
    root.chmod(0o755)
    server = Dovecot(root, free_port(), tls_port=free_port())
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


def config(server: Dovecot, security: str, port: int, ca_file: str | None) -> ImapConfig:
    return ImapConfig(
        host="127.0.0.1", port=port, user=USER, password=PASSWORD, security=security, ca_file=ca_file
    )


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls_connect_and_create_the_folders(tls_dovecot, security):
    port = tls_dovecot.tls_port if security == "tls" else tls_dovecot.port
    client = connect(config(tls_dovecot, security, port, str(tls_dovecot.root / "cert.pem")))
    try:
        assert client.folder_exists("Madoguchi/Processed") and client.folder_exists("Madoguchi/Held")
        assert b"IDLE" in client.capabilities()
    finally:
        client.logout()


def test_an_untrusted_certificate_is_refused(tls_dovecot):
    with pytest.raises(ssl.SSLError):
        connect(config(tls_dovecot, "tls", tls_dovecot.tls_port, None))
