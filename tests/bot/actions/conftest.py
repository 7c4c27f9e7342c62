"""Offline action tests, after RasaHQ/financial-demo: a tracker from JSON, a CollectingDispatcher.

Each test runs one action and asserts the exact events it returns and the exact
messages it sends: the text as the named template renders it, and the buttons.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session, sessionmaker

from bot.actions import escalation
from bot.actions.config import action_config
from responses.profiles import load_profile
from responses.profiles.schema import Lang
from responses.rendering import renderer
from tests.conftest import free_port

TRACKERS = Path(__file__).with_name("trackers")
DOMAIN_FILE = Path(__file__).parents[3] / "bot" / "domain.yml"
DEFAULT_PROFILE = "saison-technology"  # MADOGUCHI_PROFILE in these tests; the trackers' metadata say actio
DESK_OPEN = dt.datetime(2026, 6, 15, 1, 0, tzinfo=dt.UTC)  # Monday 10:00 in Tokyo: actio's desk is staffed
DESK_CLOSED = dt.datetime(2026, 6, 13, 1, 0, tzinfo=dt.UTC)  # Saturday 10:00 in Tokyo: it is not


def load_tracker(name: str, *, text: str | None = None, intent: str | None = None) -> Tracker:
    """The tracker in trackers/<name>.json; `text` replaces the customer's answer.

    The answer is both the latest message and, in a form, the slot candidate
    Rasa extracted from it (the tracker's trailing `slot` event).
    """
    state = json.loads((TRACKERS / f"{name}.json").read_text(encoding="utf-8"))
    if text is not None:
        state["latest_message"]["text"] = text
        if state["events"][-1]["event"] == "slot":
            state["events"][-1]["value"] = text
    if intent is not None:
        state["latest_message"]["intent"]["name"] = intent
    return Tracker.from_dict(state)


def rendered(lang: Lang, template: str, profile: str, **context: Any) -> str:
    """What responses/templates/<lang>/chat/<template>.j2 says for this profile."""
    return renderer(lang).render(f"chat/{template}", load_profile(profile), **context)


def sent(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """The messages an action sent, without the fields it left empty."""
    return [{key: value for key, value in message.items() if value} for message in dispatcher.messages]


def turn_slots(lang: Lang, profile: str, understood: bool = True) -> list[EventType]:
    """The slots every action keeps current; an understood turn also resets the fallback count."""
    events = [SlotSet("language", lang), SlotSet("profile", profile)]
    return [*events, SlotSet("fallback_count", 0)] if understood else events


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.datetime], None]:
    """Fixes the time a handoff reads to tell the customer whether the desk is staffed now."""

    def fix(moment: dt.datetime) -> None:
        monkeypatch.setattr(escalation, "utc_now", lambda: moment)

    return fix


def load_domain() -> dict[str, Any]:
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return load_domain()


@pytest.fixture(autouse=True)
def action_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment `madoguchi.processes.action_server` gives the actions.

    The store is unreachable unless a test asks for `store`, so an action that
    touches it unexpectedly fails. `action_config` is cached per process, so it
    is cleared around each test.
    """
    monkeypatch.setenv("MADOGUCHI_PROFILE", DEFAULT_PROFILE)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", unreachable_store())
    monkeypatch.delenv("MADOGUCHI_MAIL_FROM", raising=False)
    action_config.cache_clear()
    yield
    action_config.cache_clear()


def unreachable_store() -> str:
    return f"postgresql://madoguchi@127.0.0.1:{free_port()}/madoguchi"


@pytest.fixture
def store(
    action_env: None, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> sessionmaker[Session]:
    """A migrated case store (SQLite and PostgreSQL), reached by the actions through their environment."""
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", url)
    action_config.cache_clear()
    return sessions
