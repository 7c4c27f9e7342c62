import datetime as dt

import pytest

from mail.errors import LeaseLost
from mail.intake.lease import MailboxLease


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_one_holder_at_a_time_until_the_lease_expires(sessions):
    clock = Clock()
    first = MailboxLease(sessions, "imap:desk", "worker-1", dt.timedelta(seconds=30), clock)
    second = MailboxLease(sessions, "imap:desk", "worker-2", dt.timedelta(seconds=30), clock)
    assert first.acquire() and first.acquire()  # renewing is fine
    assert not second.acquire()
    clock.now += dt.timedelta(seconds=31)  # worker-1 died and stopped renewing
    assert second.acquire()
    with pytest.raises(LeaseLost):
        first.ensure()  # worker-1 notices it lost the mailbox


def test_release_lets_the_next_worker_in_at_once(sessions):
    clock = Clock()
    first = MailboxLease(sessions, "outbox", "a", clock=clock)
    assert first.acquire()
    first.release()
    assert MailboxLease(sessions, "outbox", "b", clock=clock).acquire()


def test_leases_are_per_name(sessions):
    assert MailboxLease(sessions, "imap:one", "a").acquire()
    assert MailboxLease(sessions, "imap:two", "b").acquire()
