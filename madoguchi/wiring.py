"""Each process's parts, built from the one `Settings`: the only place that knows them all."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from fastapi import FastAPI

from bot.client import Assistant
from desk.app import create_app
from desk.config import DeskConfig
from madoguchi.db import open_store
from madoguchi.settings import Settings
from mail.intake.worker import MailWorker, WorkerConfig, imap_config
from mail.outbox.sender import Relay
from responses.profiles import load_profile

T = TypeVar("T")


def part_config(cls: type[T], config: Settings, **built: Any) -> T:
    """A part's configuration dataclass: each field from the setting of the same name, unless built here."""
    names = [field.name for field in dataclasses.fields(cls) if field.name not in built]
    return cls(**{name: getattr(config, name) for name in names}, **built)


def build_web_app(config: Settings) -> FastAPI:
    return create_app(part_config(DeskConfig, config), open_store(config.database_url))


def build_mail_worker(config: Settings) -> MailWorker:
    relay = Relay(
        config.smtp_host, config.smtp_port, config.smtp_user, config.smtp_password, config.smtp_starttls
    )
    return MailWorker(
        part_config(WorkerConfig, config, relay=relay, imap=imap_config(config.imap)),
        open_store(config.database_url),
        Assistant(config.rasa_url),
        load_profile(config.profile),
    )
