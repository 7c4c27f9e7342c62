"""One worker at a time holds a mailbox: a lease row in the database, renewed while held.

A database lease (not a local file lock) still holds when workers run on
several machines; a worker that dies simply lets it expire.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from cases.clock import Clock, utc_now
from mail.errors import LeaseLost
from mail.intake.models import Lease

DEFAULT_TTL = dt.timedelta(seconds=30)


class MailboxLease:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        name: str,
        holder: str,
        ttl: dt.timedelta = DEFAULT_TTL,
        clock: Clock = utc_now,
    ) -> None:
        self.sessions, self.name, self.holder, self.ttl, self.clock = sessions, name, holder, ttl, clock

    def acquire(self) -> bool:
        """Take or renew the lease; False while someone else holds an unexpired one."""
        now = self.clock()
        with self.sessions.begin() as session:
            taken = session.execute(
                update(Lease)
                .where(Lease.name == self.name, (Lease.holder == self.holder) | (Lease.expires_at < now))
                .values(holder=self.holder, expires_at=now + self.ttl)
            ).rowcount
        if taken:
            return True
        try:
            with self.sessions.begin() as session:
                session.execute(
                    insert(Lease).values(name=self.name, holder=self.holder, expires_at=now + self.ttl)
                )
            return True
        except IntegrityError:
            return False

    def ensure(self) -> None:
        """Renew the lease, or raise LeaseLost so the caller stops before touching the mailbox."""
        if not self.acquire():
            raise LeaseLost(self.name)

    def release(self) -> None:
        with self.sessions.begin() as session:
            session.execute(
                update(Lease)
                .where(Lease.name == self.name, Lease.holder == self.holder)
                .values(expires_at=self.clock() - dt.timedelta(seconds=1))
            )
