"""The composition root hands each part the settings it names, and nothing is left unset."""

from __future__ import annotations

import dataclasses

import pytest

from desk.config import DeskConfig
from madoguchi.settings import Settings, settings
from madoguchi.wiring import part_config
from mail.intake.worker import WorkerConfig
from mail.outbox.sender import Relay


@pytest.fixture
def config(monkeypatch, tmp_path) -> Settings:
    monkeypatch.setenv("MADOGUCHI_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("MADOGUCHI_PROFILE", "sesenergy")
    monkeypatch.setenv("MADOGUCHI_WEB_SECURE_COOKIES", "true")
    monkeypatch.setenv("MADOGUCHI_WIDGET_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("MADOGUCHI_IMAP_HOST", "imap.example.jp")
    settings.cache_clear()
    yield settings()
    settings.cache_clear()


def test_the_desk_is_given_its_settings(config: Settings) -> None:
    desk = part_config(DeskConfig, config)
    assert desk == DeskConfig(
        rasa_url="http://127.0.0.1:5005",
        profile="sesenergy",
        mail_from=None,
        web_secure_cookies=True,
        widget_origins=["https://a.example", "https://b.example"],
    )


def test_the_worker_gets_what_is_built_for_it_and_the_rest_by_name(config: Settings) -> None:
    relay = Relay("relay.example.jp", 587)
    worker = part_config(WorkerConfig, config, relay=relay, imap=None)
    assert worker.relay is relay and worker.imap is None
    assert worker.sink_maildir == config.var_dir / "sent-mail"
    assert (worker.intake_port, worker.lease_seconds) == (2525, 30)


@pytest.mark.parametrize("part", [DeskConfig, WorkerConfig])
def test_every_field_of_a_part_is_a_setting_or_built(part) -> None:
    built = {"relay", "imap"} if part is WorkerConfig else set()
    names = {field.name for field in dataclasses.fields(Settings)}
    assert {field.name for field in dataclasses.fields(part)} - built <= names
