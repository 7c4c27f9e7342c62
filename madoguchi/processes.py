"""How each Madoguchi process is started: one table, used by `madoguchi run` and the tests."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from madoguchi import ROOT
from madoguchi.settings import Settings

RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
MODELS_DIR = ROOT / "models"


@dataclass(frozen=True)
class Process:
    name: str
    argv: list[str]
    env: dict[str, str]
    health_url: str | None


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"})
    return env


def rasa_server(config: Settings, endpoints: Path = ROOT / "endpoints.yml") -> Process:
    port = config.rasa_url.rsplit(":", 1)[1].rstrip("/")
    listen = ["--enable-api", "-i", "127.0.0.1", "-p", port]
    files = ["--model", str(MODELS_DIR), "--endpoints", str(endpoints)]
    credentials = ["--credentials", str(ROOT / "bot" / "credentials.yml")]
    return Process(
        "rasa",
        [str(RASA_PYTHON), "-m", "bot.rasa_server", "run", *listen, *files, *credentials],
        # One message's matrices are small: BLAS threads only wait on each other and on the
        # embedding's thread (parse p95 85 ms with them, 43 ms without; docs/production.md).
        base_env() | {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
        f"{config.rasa_url}/status",
    )


def action_server(config: Settings) -> Process:
    """rasa-sdk's server; its actions read their configuration from this environment (bot.actions.config)."""
    env = base_env() | {
        "SANIC_HOST": "127.0.0.1",
        "MADOGUCHI_DATABASE_URL": config.database_url,
        "MADOGUCHI_PROFILE": config.profile,
    }
    if config.mail_from:
        env["MADOGUCHI_MAIL_FROM"] = config.mail_from
    argv = [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "-p", str(config.action_port)]
    return Process("actions", argv, env, f"http://127.0.0.1:{config.action_port}/health")


def mail_worker() -> Process:
    return Process("mail", [sys.executable, "-m", "madoguchi", "mail", "worker"], base_env(), None)


def web(config: Settings) -> Process:
    argv = [sys.executable, "-m", "madoguchi", "web"]
    return Process("web", argv, base_env(), f"http://{config.web_host}:{config.web_port}/health")


def all_processes(config: Settings) -> list[Process]:
    return [action_server(config), mail_worker(), web(config), rasa_server(config)]
