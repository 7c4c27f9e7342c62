"""The SMTP intake, a real aiosmtpd server spoken to with smtplib: stored means 250, else 451."""

from __future__ import annotations

import smtplib

import pytest
from sqlalchemy.orm import sessionmaker

from cases.db import make_engine
from mail.intake.models import InboundMail
from mail.intake.smtp import (
    S250_OK,
    S250_STORED,
    S451_NOT_STORED,
    S550_UNKNOWN_RECIPIENT,
    start_intake,
)
from tests.conftest import free_port

RAW = (
    b"From: customer@example.com\r\nTo: privacy@example.jp\r\nSubject: test\r\n"
    b"Message-ID: <i1@example.com>\r\n\r\nhello\r\n"
)


def reply(line: str) -> tuple[int, bytes]:
    """A named status line as smtplib reports it: (code, text)."""
    code, text = line.split(" ", 1)
    return int(code), text.encode()


def test_a_message_is_stored_before_the_250(sessions):
    port = free_port()
    intake = start_intake(sessions, "127.0.0.1", port, recipients=frozenset({"privacy@example.jp"}))
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.ehlo()
            assert smtp.mail("customer@example.com")[0] == 250
            assert smtp.rcpt("privacy@example.jp") == reply(S250_OK)
            assert smtp.data(RAW) == reply(S250_STORED) == (250, b"2.0.0 Message accepted")
    finally:
        intake.stop()
    with sessions() as session:
        row = session.query(InboundMail).one()
        assert (row.source, row.status, row.message_id) == ("smtp", "stored", "<i1@example.com>")
        assert row.raw.replace(b"\r\n", b"\n").endswith(b"hello\n")


def test_an_unknown_recipient_is_refused(sessions):
    port = free_port()
    intake = start_intake(sessions, "127.0.0.1", port, recipients=frozenset({"privacy@example.jp"}))
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            smtp.sendmail("customer@example.com", ["someone-else@example.jp"], RAW)
    finally:
        intake.stop()
    assert refused.value.recipients == {"someone-else@example.jp": reply(S550_UNKNOWN_RECIPIENT)}


def test_a_message_that_cannot_be_stored_gets_451_so_the_sender_retries(tmp_path):
    broken = sessionmaker(
        make_engine(f"sqlite:///{tmp_path / 'no-schema.db'}")
    )  # no tables: every insert fails
    port = free_port()
    intake = start_intake(broken, "127.0.0.1", port)
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp, pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail("customer@example.com", ["privacy@example.jp"], RAW)
    finally:
        intake.stop()
    assert refused.value.smtp_code == 451
    assert (refused.value.smtp_code, refused.value.smtp_error) == reply(S451_NOT_STORED)


def test_a_message_over_the_size_limit_is_refused(sessions):
    port = free_port()
    intake = start_intake(sessions, "127.0.0.1", port, size_limit=1000)
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp, pytest.raises(smtplib.SMTPException):
            smtp.sendmail("customer@example.com", ["privacy@example.jp"], RAW + b"x" * 5000)
    finally:
        intake.stop()
    with sessions() as session:
        assert session.query(InboundMail).count() == 0
