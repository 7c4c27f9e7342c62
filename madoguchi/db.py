"""The case store's schema, kept current by Alembic over every package's tables."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cases.db import session_factory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to call at every start."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str) -> sessionmaker[Session]:
    """Sessions on a case store whose schema is current (a process that starts alone calls this)."""
    sessions = session_factory(url)
    upgrade(sessions.kw["bind"])
    return sessions
