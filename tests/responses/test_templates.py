"""Every template renders for every company, language and request type, with no undefined value."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from cases.requirements import FORM_SLOTS
from cases.views import CaseView, IncidentView, RequesterView
from mail.outbox.form_pdf import request_form_pdf
from responses import TEMPLATES_DIR
from responses.profiles import available_profiles, load_profile
from responses.rendering import LANGUAGES, labels, renderer
from tests.responses.test_answer_facts import VARIANTS, variant

REQUESTS = [
    "request_disclosure",
    "request_correction",
    "request_deletion",
    "optout_catalog",
    "report_suspicious",
    "withdraw_consent",
    "file_complaint",
]
ASK_INTENTS = [
    "ask_procedure",
    "ask_fee",
    "ask_documents",
    "ask_deputy",
    "ask_timeline",
    "ask_purpose",
    "ask_third_party",
    "ask_retention",
    "ask_security",
    "ask_contact",
    "ask_cookies",
    "ask_source",
]
STATUSES = [
    "received",
    "awaiting_identity",
    "in_progress",
    "on_hold",
    "completed",
    "rejected",
    "withdrawn",
    "closed",
]


def case_view(request_type: str, *, fee: int | None = 2500, status: str = "awaiting_identity") -> CaseView:
    return CaseView(
        reference="PRV-2026-000123",
        request_type=request_type,
        regime="appi",
        language="ja",
        status=status,
        due_date=dt.date(2026, 12, 6),
        fee_jpy=fee,
        needs_identity=request_type != "report_suspicious",
        opened_on=dt.date(2026, 11, 22),
        channel="chat",
    )


def requester(deputy: bool) -> RequesterView:
    return RequesterView(
        name="山田 太郎",
        email="taro@example.jp",
        reply_channel="email",
        country="日本",
        postal_address="〒100-0001 東京都千代田区千代田1-1",
        phone="090-1234-5678",
        acting_for="deputy" if deputy else "self",
        principal_name="山田 花子" if deputy else None,
        deputy_kind="parent_of_minor" if deputy else None,
        details="<script>alert(1)</script> 住所の誤り",
        incident=IncidentView("email", "2026-11-20", "カード番号", "x@evil.example"),
    )


def chat_templates(lang: str) -> list[str]:
    root = TEMPLATES_DIR / lang
    names = [str(p.relative_to(root))[: -len(".j2")] for p in (root / "chat").rglob("*.j2")]
    return sorted(name for name in names if not Path(name).name.startswith("_"))


def test_both_languages_have_the_same_templates_and_labels():
    assert chat_templates("ja") == chat_templates("en")
    assert labels("ja").keys() == labels("en").keys()


def test_every_ask_intent_and_form_slot_has_its_templates():
    names = set(chat_templates("en"))
    assert {f"chat/answer/{intent}" for intent in ASK_INTENTS} <= names
    asked = {slot for slot in FORM_SLOTS if slot != "review"}
    assert {f"chat/ask/{slot}" for slot in asked} | {f"chat/invalid/{slot}" for slot in FORM_SLOTS} <= names


# Every real profile, and each in the variants that switch the optional facts on and off (a
# toll-free line with no number, an EU representative, nothing stated at all...): the templates
# must render whatever a profile states or leaves out.
PROFILE_CASES = [pytest.param(pid, None, id=pid) for pid in available_profiles()] + [
    pytest.param(pid, name, id=f"{pid}+{name}") for pid in available_profiles() for name in VARIANTS
]


def profile_for(profile_id: str, variant_name: str | None):
    return load_profile(profile_id) if variant_name is None else variant(profile_id, variant_name)


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_chat_templates_render(profile_id, variant_name, lang):
    profile, text = profile_for(profile_id, variant_name), renderer(lang)
    items = [
        SimpleNamespace(slot="email", label="E-mail", value="taro@example.jp", as_written=False),
        SimpleNamespace(slot="postal_address", label="Address", value="長崎県佐世保市", as_written=True),
    ]
    for name in chat_templates(lang):
        for request_type in REQUESTS:
            for deputy in (False, True):
                context = {
                    "request_type": request_type,
                    "regime": "appi",
                    "incident_channel": None,
                    "deputy": deputy,
                    "items": items,
                    "open_now": deputy,
                    "case": case_view(request_type),
                    "requester": requester(deputy),
                    "options": ["post", "phone"] if deputy else ["post"],
                    "postcode": "857-1151",
                    "place": "長崎県佐世保市日宇町",
                }
                assert text.render(name, profile, **context).strip(), name
    for status in STATUSES:
        assert "PRV-2026-000123" in text.render(
            "chat/status/result", profile, case=case_view("request_deletion", status=status)
        )


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_mail_and_form_templates_render(profile_id, variant_name, lang):
    profile, text = profile_for(profile_id, variant_name), renderer(lang)
    for intent in ASK_INTENTS:
        body = text.render("mail/answer.body", profile, name="山田 太郎", topics=[intent])
        assert "山田 太郎" in body, intent
    for request_type in REQUESTS:
        for deputy in (False, True):
            for fee in (None, 1000):
                context = {"case": case_view(request_type, fee=fee), "requester": requester(deputy)}
                subject = text.render("mail/case_opened.subject", profile, **context)
                assert "PRV-2026-000123" in subject and "\n" not in subject
                assert "PRV-2026-000123" in text.render("mail/case_opened.body", profile, **context)
                html = text.render("forms/request_form.html", profile, **context)
                assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize("profile_id", available_profiles())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_request_form_pdf_carries_japanese_text_and_the_reference(profile_id, lang):
    profile = load_profile(profile_id)
    pdf = request_form_pdf(lang, profile, case=case_view("request_disclosure"), requester=requester(True))
    path = Path(__file__).parent / "_tmp.pdf"
    try:
        path.write_bytes(pdf)
        text = "".join(page.extract_text() for page in PdfReader(path).pages)
    finally:
        path.unlink()
    assert "PRV-2026-000123" in text
    assert "山田" in text  # Japanese survives into the PDF as text, not boxes


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("channel", "says"), [("post", ("郵送", "post")), ("phone", ("お電話", "call"))])
def test_a_requester_without_e_mail_is_told_how_the_desk_will_answer(lang, channel, says):
    person = dataclasses.replace(requester(False), email=None, reply_channel=channel)
    text = renderer(lang).render(
        "chat/case_opened", profile_for("actio", None), case=case_view("request_disclosure"), requester=person
    )
    assert says[LANGUAGES.index(lang)] in text
    assert "None" not in text
