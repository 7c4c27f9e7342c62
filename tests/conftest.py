"""Shared fixtures: real databases (SQLite and PostgreSQL) for the case store."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.orm import Session, sessionmaker

from cases.db import make_engine
from madoguchi.db import upgrade
from tests.mail.dovecot import DOVECOT, Dovecot

PG_ADMIN_URL = os.environ.get("MADOGUCHI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A loopback port nobody listens on and this run has not handed out before.

    The kernel may give the same ephemeral port to two binds in a row once the first socket
    is closed, so two servers started from consecutive calls could collide (Dovecot then
    refuses its configuration with "duplicate listener").
    """
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def _require(condition: bool, why: str) -> None:
    """With CI=true a missing component is a failure, never a skip."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    name = f"madoguchi_test_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True)
    except psycopg.OperationalError as exc:
        _require(False, f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request, tmp_path) -> Iterator[sessionmaker[Session]]:
    """A migrated, empty case store on each database the product supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cases.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    if request.param == "postgresql":
        from cases.models import Base

        Base.metadata.drop_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A fresh, empty Dovecot per test (it starts in well under a second)."""
    _require(Path(DOVECOT).exists(), "Dovecot is not installed (Debian package dovecot-imapd)")
    _require(os.geteuid() == 0, "the test Dovecot runs as root")
    # Dovecot's unprivileged processes must reach the folder, so not pytest's 0700 tmp_path.
    root = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root, free_port())
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
