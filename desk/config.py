"""What the web process is configured with; built from the settings by the composition root."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeskConfig:
    rasa_url: str
    profile: str  # the default company; a widget may name another in its metadata
    mail_from: str | None  # sender of staff replies; None: the profile's desk address
    web_secure_cookies: bool  # true behind HTTPS
    widget_origins: list[str]  # sites allowed to call the widget API (CORS)
