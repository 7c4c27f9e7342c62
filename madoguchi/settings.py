"""Runtime configuration, read once from the environment.

Every knob has an embedded default so `make run` works on a fresh machine:
SQLite under var/, the local SMTP outbox server, the first profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from madoguchi import ROOT


@dataclass(frozen=True)
class Settings:
    profile: str
    database_url: str
    var_dir: Path
    rasa_url: str
    action_port: int
    smtp_host: str
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str | None  # defaults to the profile's desk address
    sink_port: int
    sink_maildir: Path
    intake_host: str
    intake_port: int  # 0 turns the SMTP intake off
    intake_max_bytes: int
    imap: dict[str, str]  # MADOGUCHI_IMAP_* settings; empty when no mailbox is polled
    lease_seconds: int
    web_host: str
    web_port: int
    web_secure_cookies: bool  # true behind HTTPS
    widget_origins: list[str]  # sites allowed to embed the chat widget


def _env(name: str, default: str) -> str:
    return os.environ.get(f"MADOGUCHI_{name}", default)


@lru_cache(maxsize=1)
def settings() -> Settings:
    var_dir = Path(_env("VAR_DIR", str(ROOT / "var")))
    return Settings(
        profile=_env("PROFILE", "actio"),
        database_url=_env("DATABASE_URL", f"sqlite:///{var_dir / 'madoguchi.db'}"),
        var_dir=var_dir,
        rasa_url=_env("RASA_URL", "http://127.0.0.1:5005"),
        action_port=int(_env("ACTION_PORT", "5055")),
        smtp_host=_env("SMTP_HOST", "127.0.0.1"),
        smtp_port=int(_env("SMTP_PORT", "8025")),
        smtp_user=os.environ.get("MADOGUCHI_SMTP_USER"),
        smtp_password=os.environ.get("MADOGUCHI_SMTP_PASSWORD"),
        smtp_starttls=_env("SMTP_STARTTLS", "false").lower() == "true",
        mail_from=os.environ.get("MADOGUCHI_MAIL_FROM"),
        sink_port=int(_env("SINK_PORT", "8025")),
        sink_maildir=Path(_env("SINK_MAILDIR", str(var_dir / "sent-mail"))),
        intake_host=_env("INTAKE_HOST", "127.0.0.1"),
        intake_port=int(_env("INTAKE_PORT", "2525")),
        intake_max_bytes=int(_env("INTAKE_MAX_BYTES", str(25 * 1024 * 1024))),
        imap={
            key.removeprefix("MADOGUCHI_IMAP_").lower(): value
            for key, value in os.environ.items()
            if key.startswith("MADOGUCHI_IMAP_")
        },
        lease_seconds=int(_env("LEASE_SECONDS", "30")),
        web_host=_env("WEB_HOST", "127.0.0.1"),
        web_port=int(_env("WEB_PORT", "8000")),
        web_secure_cookies=_env("WEB_SECURE_COOKIES", "false").lower() == "true",
        widget_origins=[
            origin.strip() for origin in _env("WIDGET_ORIGINS", "*").split(",") if origin.strip()
        ],
    )
