"""Render customer-facing text from the Jinja2 templates in responses/.

Templates run sandboxed with StrictUndefined: a template that names a fact
the profile lacks fails loudly in tests instead of sending a blank.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import yaml
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from responses import LABELS_DIR, TEMPLATES_DIR
from responses.errors import RenderError
from responses.mailtext import wrap_line, wrap_line_en, wrap_text, wrap_text_en
from responses.profiles.schema import Lang, Profile

LANGUAGES: tuple[Lang, ...] = ("ja", "en")


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@lru_cache(maxsize=2)
def labels(lang: Lang) -> dict[str, str]:
    """Display names for the codes used in profiles and cases (documents, statuses...)."""
    data = yaml.safe_load((LABELS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return _flatten(data)


def _format_date(value: dt.date, lang: Lang) -> str:
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value:%B} {value.year}"


class Renderer:
    """Renders one language's templates; one instance per language is enough."""

    def __init__(self, lang: Lang) -> None:
        if lang not in LANGUAGES:
            raise RenderError(f"unsupported language {lang!r}")
        self.lang = lang
        self._labels = labels(lang)
        env = SandboxedEnvironment(
            loader=FileSystemLoader(str(TEMPLATES_DIR / lang)),
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        env.filters["t"] = self._text
        env.filters["label"] = self.label
        env.filters["codes"] = self.codes
        env.filters["date"] = lambda value: _format_date(value, lang)
        env.filters["yen"] = lambda amount: f"{amount:,}"
        env.filters["wrap_ja"] = wrap_line
        env.filters["wrap_block_ja"] = wrap_text
        env.filters["wrap_en"] = wrap_line_en
        env.filters["wrap_block_en"] = wrap_text_en
        env.globals["lang"] = lang
        self._env = env
        self._html_env = env.overlay(autoescape=True)

    def _text(self, value: Any) -> str:
        if value is None:
            raise RenderError("a template used a fact the profile does not state")
        return getattr(value, self.lang)

    def label(self, key: str) -> str:
        try:
            return self._labels[key]
        except KeyError:
            raise RenderError(f"no {self.lang} label {key!r} in responses/labels") from None

    def codes(self, value: str | None, prefix: str) -> str:
        """Comma-joined codes ("card_number,password") by their labels; other text as written."""
        if not value:
            return ""
        parts = [part.strip() for part in str(value).split(",")]
        if not all(f"{prefix}.{part}" in self._labels for part in parts):
            return str(value)
        return self._labels["list_separator"].join(self._labels[f"{prefix}.{part}"] for part in parts)

    def render(self, template: str, profile: Profile, /, **context: Any) -> str:
        """Render templates/<lang>/<template>.j2 with the profile and the given context."""
        env = self._html_env if template.endswith(".html") else self._env
        return env.get_template(f"{template}.j2").render(profile=profile, **context).strip()


@lru_cache(maxsize=2)
def renderer(lang: Lang) -> Renderer:
    return Renderer(lang)
