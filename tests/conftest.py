"""Shared fixtures: real databases (SQLite and PostgreSQL) for the case store."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.cases.db import make_engine, upgrade

PG_ADMIN_URL = os.environ.get("MADOGUCHI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        from bot.cases.models import Base

        Base.metadata.drop_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
