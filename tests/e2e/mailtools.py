"""Helpers for the end-to-end mail tests: build customer mail, run workers, read the store."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from cases.models import Case, OutboxMessage
from mail.intake.models import InboundMail
from tests.mail.dovecot import PASSWORD, USER


def customer_mail(sender: str, subject: str, body: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "privacy@actioinc.jp", subject
    message["Date"], message["Message-ID"] = formatdate(), make_msgid(domain="customer.example")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def message_id_of(raw: bytes) -> str:
    return str(email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"])


def imap_env(stack, dovecot) -> dict[str, str]:
    return stack.env | {
        "MADOGUCHI_IMAP_HOST": "127.0.0.1",
        "MADOGUCHI_IMAP_PORT": str(dovecot.port),
        "MADOGUCHI_IMAP_USER": USER,
        "MADOGUCHI_IMAP_PASSWORD": PASSWORD,
        "MADOGUCHI_IMAP_SECURITY": "none",
        "MADOGUCHI_INTAKE_PORT": "0",
    }


def poll_once(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "madoguchi", "mail", "poll", "--once"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def start_poller(env: dict[str, str], log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "madoguchi", "mail", "poll"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


class Store:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def inbound(self, message_id: str) -> list[InboundMail]:
        with Session(self.engine) as session:
            return list(session.scalars(select(InboundMail).where(InboundMail.message_id == message_id)))

    def replies_to(self, message_id: str) -> list[OutboxMessage]:
        with Session(self.engine) as session:
            return list(session.scalars(select(OutboxMessage).where(OutboxMessage.in_reply_to == message_id)))

    def case(self, case_id: int) -> Case:
        with Session(self.engine) as session:
            return session.get(Case, case_id)

    def count_stored(self) -> int:
        with Session(self.engine) as session:
            return session.scalar(
                select(func.count()).select_from(InboundMail).where(InboundMail.status == "stored")
            )
