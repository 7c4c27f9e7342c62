"""`madoguchi mail held`: the console's queue of mail waiting for staff, one line each."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.cli.main import main
from madoguchi.settings import settings
from mail.intake.models import InboundMail
from mail.intake.states import InboundStatus
from mail.intake.store import store
from mail.rules.decisions import DecisionKind

NOW = dt.datetime(2026, 5, 8, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def store_url(sessions, monkeypatch) -> str:
    """Point the command's settings at the test store (the settings are read once, so re-read)."""
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", url)
    settings.cache_clear()
    yield url
    settings.cache_clear()


def add(sessions, n: int, status: InboundStatus, decision: DecisionKind | None, **values) -> int:
    with sessions.begin() as session:
        row = store(
            session, f"Message-ID: <held-{n}@example.jp>\r\n\r\nbody\r\n".encode(), "smtp", clock=lambda: NOW
        )
        row.status, row.decision = status, decision
        for name, value in values.items():
            setattr(row, name, value)
        return row.id


def test_only_mail_staff_have_not_settled_is_listed(sessions, store_url, capsys):
    escalated = add(
        sessions,
        1,
        InboundStatus.PROCESSED,
        DecisionKind.ESCALATE,
        reason="the message is not clearly understood",
    )
    quarantined = add(
        sessions, 2, InboundStatus.QUARANTINED, DecisionKind.ESCALATE, tries=3, last_error="RuntimeError"
    )
    add(
        sessions,
        3,
        InboundStatus.PROCESSED,
        DecisionKind.ESCALATE,
        reason="attachments need a person",
        handled_at=NOW,
        handled_note="answered by telephone",
    )  # settled in the console
    add(sessions, 4, InboundStatus.QUARANTINED, DecisionKind.ESCALATE, handled_at=NOW, handled_note="spam")
    add(sessions, 5, InboundStatus.PROCESSED, DecisionKind.NEW_CASE, reason="the message makes a request")
    add(sessions, 6, InboundStatus.STORED, None)
    capsys.readouterr()
    assert main(["mail", "held"]) == 0
    with sessions() as session:
        at = {
            n: f"{session.get(InboundMail, n).received_at:%Y-%m-%d %H:%M}" for n in (escalated, quarantined)
        }
    assert capsys.readouterr().out.splitlines() == [
        f"#{escalated} {at[escalated]} processed   tries=0 the message is not clearly understood",
        f"#{quarantined} {at[quarantined]} quarantined tries=3 RuntimeError",
    ]
