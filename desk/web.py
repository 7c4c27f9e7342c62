"""Rendering console pages: Jinja2 with autoescape, the staff member's language, and CSRF in every form."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from desk.models import ConversationState
from mail.intake.states import InboundStatus
from responses.rendering import labels

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# Pages compare states by name, not by string.
templates.env.globals.update(ConversationState=ConversationState, InboundStatus=InboundStatus)
LANG_COOKIE = "desk_lang"


@lru_cache(maxsize=2)
def _strings(lang: str) -> dict[str, str]:
    def flatten(tree: dict, prefix: str = "") -> dict[str, str]:
        flat: dict[str, str] = {}
        for key, value in tree.items():
            flat.update(
                flatten(value, f"{prefix}{key}.")
                if isinstance(value, dict)
                else {f"{prefix}{key}": str(value)}
            )
        return flat

    return flatten(yaml.safe_load((HERE / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8")))


def console_language(request: Request, preferred: str | None = None) -> str:
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or preferred or "ja"
    return lang if lang in ("ja", "en") else "ja"


def page(request: Request, template: str, lang: str, **context: Any) -> HTMLResponse:
    strings, codes = _strings(lang), labels(lang)

    def t(key: str) -> str:
        return strings.get(key, key)

    def label(key: str) -> str:
        return codes.get(key, key)

    response = templates.TemplateResponse(
        request, template, {"t": t, "label": label, "lang": lang, **context}
    )
    if request.query_params.get("lang") in ("ja", "en"):
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)
    return response
