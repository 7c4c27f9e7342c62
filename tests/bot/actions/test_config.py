"""The action server's configuration: from the environment its launcher sets, or a clear error."""

from __future__ import annotations

import pytest

from bot.actions.config import ActionConfig, ActionConfigError, action_config
from bot.actions.replies import ActionRespond
from tests.bot.actions.conftest import load_tracker

pytestmark = pytest.mark.anyio


def test_the_launchers_variables_are_read(monkeypatch):
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", "sqlite:////tmp/cases.db")
    monkeypatch.setenv("MADOGUCHI_PROFILE", "sesenergy")
    monkeypatch.setenv("MADOGUCHI_MAIL_FROM", "privacy@example.jp")
    action_config.cache_clear()
    assert action_config() == ActionConfig("sqlite:////tmp/cases.db", "sesenergy", "privacy@example.jp")


@pytest.mark.parametrize("missing", ["MADOGUCHI_DATABASE_URL", "MADOGUCHI_PROFILE"])
async def test_a_server_started_without_them_fails_at_the_first_turn(
    monkeypatch, dispatcher, domain, missing
):
    monkeypatch.delenv(missing)
    action_config.cache_clear()
    with pytest.raises(ActionConfigError, match=f"{missing} is not set"):
        await ActionRespond().run(dispatcher, load_tracker("greet_ja"), domain)
    assert dispatcher.messages == []
