"""Each process's parts, built from the one `Settings`: the only place that knows them all."""

from __future__ import annotations

from fastapi import FastAPI

from bot.client import Assistant
from desk.app import create_app
from desk.config import DeskConfig
from madoguchi.db import open_store
from madoguchi.settings import Settings
from mail.intake.worker import MailWorker, WorkerConfig, imap_config
from mail.outbox.sender import Relay
from responses.profiles import load_profile


def desk_config(config: Settings) -> DeskConfig:
    return DeskConfig(
        rasa_url=config.rasa_url,
        default_profile=config.profile,
        mail_from=config.mail_from,
        secure_cookies=config.web_secure_cookies,
        widget_origins=config.widget_origins,
    )


def web_app(config: Settings) -> FastAPI:
    return create_app(desk_config(config), open_store(config.database_url))


def worker_config(config: Settings) -> WorkerConfig:
    return WorkerConfig(
        mail_from=config.mail_from,
        relay=Relay(
            config.smtp_host, config.smtp_port, config.smtp_user, config.smtp_password, config.smtp_starttls
        ),
        sink_port=config.sink_port,
        sink_maildir=config.sink_maildir,
        intake_host=config.intake_host,
        intake_port=config.intake_port,
        intake_max_bytes=config.intake_max_bytes,
        imap=imap_config(config.imap),
        lease_seconds=config.lease_seconds,
    )


def mail_worker(config: Settings) -> MailWorker:
    return MailWorker(
        worker_config(config),
        open_store(config.database_url),
        Assistant(config.rasa_url),
        load_profile(config.profile),
    )
