"""The request form PDF: responses/templates/<lang>/forms/request_form.html, printed by WeasyPrint."""

from __future__ import annotations

from typing import Any

from weasyprint import HTML

from responses.profiles.schema import Lang, Profile
from responses.rendering import renderer


def request_form_pdf(lang: Lang, profile: Profile, **context: Any) -> bytes:
    html = renderer(lang).render("forms/request_form.html", profile, **context)
    return HTML(string=html).write_pdf()
