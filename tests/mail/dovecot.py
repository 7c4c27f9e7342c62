"""A real Dovecot IMAP server for the tests, configured in a temporary folder.

Runs as root with its own base_dir and a passwd-file user, on a free loopback
port, offering IDLE, UIDPLUS and MOVE like a company's server would. Given a
token introspection URL, it also takes XOAUTH2/OAUTHBEARER logins, asking that
URL about each token as it would ask a company's OAuth2 provider.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from imapclient import IMAPClient

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "desk", "desk-password"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth2_mechanisms}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:~/Maildir
{oauth2_passdb}passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""

# Tokens go to the URL as a POST form. The passwd-file passdb takes plain/login only: else Dovecot falls
# through to it when a token is refused, and the password would pass as a token.
OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/dovecot-oauth2.conf.ext
}}
"""

OAUTH2_CONFIG = """\
introspection_url = {url}
introspection_mode = post
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int = 0  # with a port, also IMAPS there and STARTTLS on `port`, with a self-signed certificate
    oauth2_introspection_url: str = ""  # with a URL, also XOAUTH2/OAUTHBEARER, each token checked there

    def start(self) -> None:
        dovecot = pwd.getpwnam("dovecot")
        (self.root / "run").mkdir(parents=True, exist_ok=True)
        (self.root / "state").mkdir(exist_ok=True)
        home = self.root / "home"
        home.mkdir(exist_ok=True)
        os.chown(home, dovecot.pw_uid, dovecot.pw_gid)
        (self.root / "users").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{dovecot.pw_uid}:{dovecot.pw_gid}::{home}\n", encoding="utf-8"
        )
        ssl = "ssl = no"
        if self.tls_port:
            self._make_certificate()
            ssl = f"ssl = yes\nssl_cert = <{self.root / 'cert.pem'}\nssl_key = <{self.root / 'key.pem'}"
        oauth2_mechanisms = oauth2_passdb = ""
        if self.oauth2_introspection_url:
            oauth2_mechanisms, oauth2_passdb = " xoauth2 oauthbearer", OAUTH2_PASSDB.format(root=self.root)
            (self.root / "dovecot-oauth2.conf.ext").write_text(
                OAUTH2_CONFIG.format(url=self.oauth2_introspection_url), encoding="utf-8"
            )
        (self.root / "dovecot.conf").write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                tls_port=self.tls_port,
                ssl=ssl,
                oauth2_mechanisms=oauth2_mechanisms,
                oauth2_passdb=oauth2_passdb,
            ),
            encoding="utf-8",
        )
        subprocess.run([DOVECOT, "-c", str(self.root / "dovecot.conf")], check=True)
        self._wait_ready()

    def _make_certificate(self) -> None:
        if (self.root / "cert.pem").exists():
            return
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(self.root / "key.pem"),
                "-out",
                str(self.root / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )

    def _wait_ready(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with self.client():
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"dovecot did not start; see {self.root / 'dovecot.log'}")

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)

    def restart(self) -> None:
        self.stop()
        shutil.rmtree(self.root / "run", ignore_errors=True)
        self.start()

    def client(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        with self.client() as client:
            client.append(folder, raw)

    def count(self, folder: str) -> int:
        with self.client() as client:
            if not client.folder_exists(folder):
                return 0
            return len(client.select_folder(folder, readonly=True) and client.search("ALL"))
