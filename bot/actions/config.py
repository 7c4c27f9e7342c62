"""What the action server is told by the process that starts it.

rasa-sdk serves actions from Sanic workers it spawns afresh, so the only way
in is the environment: `madoguchi.processes.action_server` sets these
variables from the one `Settings`. A missing one is an error at the first
turn (every action starts with a `Turn`, which reads this), never a silent default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


class ActionConfigError(RuntimeError):
    """The action server was started without its configuration."""


@dataclass(frozen=True)
class ActionConfig:
    database_url: str
    default_profile: str
    mail_from: str | None  # None: the profile's desk address


@lru_cache(maxsize=1)
def action_config() -> ActionConfig:
    try:
        return ActionConfig(
            database_url=os.environ["MADOGUCHI_DATABASE_URL"],
            default_profile=os.environ["MADOGUCHI_PROFILE"],
            mail_from=os.environ.get("MADOGUCHI_MAIL_FROM") or None,
        )
    except KeyError as missing:
        raise ActionConfigError(
            f"{missing.args[0]} is not set; start the action server with `madoguchi run`"
        ) from None
