"""Alembic environment: runs on the connection handed over by `bot.cases.db.upgrade`."""

from alembic import context

import desk.models  # noqa: F401  (the desk's tables share the case store's metadata)
from bot.cases.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
