"""The outbox against a real aiosmtpd relay: it waits out an outage and loses nothing."""

from __future__ import annotations

import datetime as dt
import mailbox
from email.message import EmailMessage

from mail.outbox import OutboxSender, Relay, backoff, enqueue
from mail.sink import start_sink
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


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(30) == dt.timedelta(hours=1)


def test_mail_waits_while_the_relay_is_down_and_leaves_when_it_is_back(sessions, tmp_path):
    from bot.cases.models import OutboxMessage

    clock, port = Clock(), free_port()
    with sessions.begin() as session:
        for n in range(3):
            enqueue(session, message(n), None, clock)
    sender = OutboxSender(sessions, Relay("127.0.0.1", port), "desk@example.jp", clock)

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
