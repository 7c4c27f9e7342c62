"""The whole assistant, for real: Rasa server, action server and mail worker with its relay.

Started once per test session on free loopback ports with a private var/ folder,
so a developer's own `make run` does not interfere.
"""

from __future__ import annotations

import mailbox
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from bot.client import Assistant
from madoguchi.db import open_store
from madoguchi.processes import MODELS_DIR, action_server, mail_worker, rasa_server, web
from madoguchi.settings import settings
from madoguchi.supervisor import ProcessGroup
from tests.conftest import _require, free_port


@dataclass
class Stack:
    assistant: Assistant
    env: dict[str, str]
    maildir: Path
    database_url: str
    web_url: str

    def wait_for_mail(self, reference: str, timeout: float = 60.0) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            box = mailbox.Maildir(self.maildir, create=False)
            for key in box.iterkeys():
                message = BytesParser(policy=policy.default).parsebytes(box.get_bytes(key))
                if reference in str(message["Subject"]):
                    return message
            time.sleep(0.5)
        raise AssertionError(f"no mail for {reference} within {timeout:.0f}s")


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    _require((MODELS_DIR / "madoguchi.tar.gz").exists(), "no trained model: run `make model`")
    var = tmp_path_factory.mktemp("var")
    ports = {name: free_port() for name in ("rasa", "actions", "relay", "intake", "web")}
    env = {
        "MADOGUCHI_VAR_DIR": str(var),
        "MADOGUCHI_DATABASE_URL": f"sqlite:///{var / 'madoguchi.db'}",
        "MADOGUCHI_RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "MADOGUCHI_ACTION_PORT": str(ports["actions"]),
        "MADOGUCHI_SMTP_PORT": str(ports["relay"]),
        "MADOGUCHI_SINK_PORT": str(ports["relay"]),
        "MADOGUCHI_SINK_MAILDIR": str(var / "sent-mail"),
        "MADOGUCHI_INTAKE_PORT": str(ports["intake"]),
        "MADOGUCHI_LEASE_SECONDS": "3",
        "MADOGUCHI_WEB_PORT": str(ports["web"]),
    }
    endpoints = var / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{ports["actions"]}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{var / "tracker.db"}"\n',
        encoding="utf-8",
    )
    config = replace(
        settings(), rasa_url=env["MADOGUCHI_RASA_URL"], action_port=ports["actions"], web_port=ports["web"]
    )
    processes = [action_server(config), mail_worker(), web(config), rasa_server(config, endpoints)]
    open_store(env["MADOGUCHI_DATABASE_URL"])  # as `madoguchi run` does before starting them
    group = ProcessGroup(processes, env, var)
    try:
        group.start(timeout=240)
        yield Stack(
            Assistant(env["MADOGUCHI_RASA_URL"]),
            env,
            var / "sent-mail",
            env["MADOGUCHI_DATABASE_URL"],
            f"http://127.0.0.1:{ports['web']}",
        )
    finally:
        group.stop()
