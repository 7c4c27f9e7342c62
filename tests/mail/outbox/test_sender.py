"""The outbox against a real aiosmtpd relay: it waits out an outage and loses nothing."""

from __future__ import annotations

import datetime as dt
import mailbox
from email.message import EmailMessage

from cases.outbox import queue
from mail.outbox.local_relay import start_sink
from mail.outbox.sender import OutboxSender, Relay, backoff
from tests.conftest import free_port


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def message(n: int) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "desk@example.jp", f"customer{n}@example.com", f"件名 {n}"
    mail["Message-ID"] = f"<test-{n}@example.jp>"
    mail.set_content("本文です。")
    return mail


def unused_composer(session, row):
    raise AssertionError("these rows were queued with their bytes")


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(30) == dt.timedelta(hours=1)


def test_mail_waits_while_the_relay_is_down_and_leaves_when_it_is_back(sessions, tmp_path):
    from cases.models import OutboxMessage

    clock, port = Clock(), free_port()
    with sessions.begin() as session:
        for n in range(3):
            mail = message(n)
            queue(
                session,
                kind="test",
                recipient=str(mail["To"]),
                message_id=str(mail["Message-ID"]),
                raw=mail.as_bytes(),
                clock=clock,
            )
    sender = OutboxSender(sessions, Relay("127.0.0.1", port), "desk@example.jp", unused_composer, clock)

    assert sender.send_due() == 0  # nothing listens yet
    with sessions() as session:
        rows = session.query(OutboxMessage).all()
        assert {(row.status, row.attempts) for row in rows} == {("queued", 1)}
        assert all(row.last_error for row in rows)
    assert sender.send_due() == 0  # not due again before the backoff

    relay = start_sink(tmp_path / "relay", "127.0.0.1", port)
    try:
        clock.now += dt.timedelta(seconds=6)
        assert sender.send_due() == 3
        assert sender.send_due() == 0  # sent once, never twice
    finally:
        relay.stop()
    received = mailbox.Maildir(tmp_path / "relay", create=False)
    assert sorted(str(m["To"]) for m in received) == [f"customer{n}@example.com" for n in range(3)]
    with sessions() as session:
        assert {row.status for row in session.query(OutboxMessage)} == {"sent"}


def test_a_row_queued_without_bytes_is_composed_when_it_leaves_and_kept_as_sent(sessions, tmp_path):
    from cases.models import OutboxMessage

    port = free_port()
    with sessions.begin() as session:
        queue(session, kind="test", recipient="customer@example.com", message_id="<later@example.jp>")
    composed = []

    def composer(session, row):
        composed.append(row.message_id)
        return message(9).as_bytes()

    relay = start_sink(tmp_path / "relay", "127.0.0.1", port)
    try:
        assert OutboxSender(sessions, Relay("127.0.0.1", port), "desk@example.jp", composer).send_due() == 1
    finally:
        relay.stop()
    assert composed == ["<later@example.jp>"]
    with sessions() as session:
        assert b"customer9@example.com" in session.query(OutboxMessage).one().raw


def test_a_mail_that_cannot_be_composed_fails_and_is_not_retried(sessions):
    from cases.models import OutboxMessage

    with sessions.begin() as session:
        queue(session, kind="unknown", recipient="customer@example.com", message_id="<x@example.jp>")
    assert (
        OutboxSender(sessions, Relay("127.0.0.1", free_port()), "d@example.jp", unused_composer).send_due()
        == 0
    )
    with sessions() as session:
        row = session.query(OutboxMessage).one()
        assert (row.status, row.last_error) == ("failed", "AssertionError")


def test_a_row_left_sending_by_a_crash_is_failed_for_staff_not_sent_twice(sessions):
    from cases.models import OutboxMessage

    with sessions.begin() as session:
        row = queue(
            session, kind="test", recipient="c@example.com", message_id="<crash@example.jp>", raw=b"x"
        )
        row.status = "sending"
    sender = OutboxSender(sessions, Relay("127.0.0.1", free_port()), "d@example.jp", unused_composer)
    assert sender.recover() == 1
    assert sender.send_due() == 0
    with sessions() as session:
        assert session.query(OutboxMessage).one().status == "failed"
