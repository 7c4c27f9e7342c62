"""The case store's engines: errors never quote a customer's data."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError


def test_a_failed_insert_does_not_quote_the_values(sessions) -> None:
    with sessions() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (email VARCHAR(80) UNIQUE)"))
        session.execute(text("INSERT INTO probe VALUES (:email)"), {"email": "hanako@example.jp"})
        with pytest.raises(IntegrityError) as failure:
            session.execute(text("INSERT INTO probe VALUES (:email)"), {"email": "hanako@example.jp"})
        session.rollback()
        session.execute(text("DROP TABLE IF EXISTS probe"))
        session.commit()
    # The SQL parameters are hidden; what the database itself says (PostgreSQL's DETAIL) is not ours.
    assert "[SQL parameters hidden due to hide_parameters=True]" in str(failure.value)
    assert "hanako@example.jp" not in str(failure.value).split("[SQL:", 1)[1]
