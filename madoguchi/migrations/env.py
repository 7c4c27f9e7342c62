"""Alembic environment: runs on the connection handed over by `madoguchi.db.upgrade`."""

from alembic import context

import desk.models  # noqa: F401  (every package's tables share the case store's metadata)
import mail.intake.models  # noqa: F401
from cases.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
