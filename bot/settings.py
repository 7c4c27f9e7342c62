"""Runtime configuration, read once from the environment.

Every knob has an embedded default so `make run` works on a fresh machine:
SQLite under var/, the local SMTP outbox server, the first profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.paths import ROOT


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
    )
