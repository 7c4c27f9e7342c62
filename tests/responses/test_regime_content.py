"""One regime's content never reaches another regime's customer (acknowledgement mail and PDF form).

Table-driven over profile (the real ones and the variants that switch optional facts on and
off) x regime x request type x language x self/representative. What a text must or must not say
is derived from the profile and the case's regime: APPI-only rules (My Number, honseki, 〒
examples, seals, the APPI's name, the fee) stay with APPI customers; a GDPR customer gets the
EU representative and the supervisory-authority sentence; every due date says truthfully
whether the law, the policy or the desk sets it.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from cases.deadlines import policy_timeline_applies
from cases.views import CaseView, IncidentView, RequesterView
from mail.outbox.form_pdf import request_form_pdf
from responses.profiles import load_profile
from responses.profiles.schema import Profile
from responses.rendering import LANGUAGES, renderer
from tests.responses.test_templates import PROFILE_CASES, REQUESTS, profile_for

REGIMES = ["appi", "gdpr", "ccpa", "pipl"]
FOREIGN = ["gdpr", "ccpa", "pipl"]

# Content that belongs to APPI cases only, in either language. Latin words are matched case-blind.
APPI_ONLY = [
    "My Number",
    "マイナンバー",
    "個人番号",
    "本籍",
    "honseki",
    "〒",
    "押印",
    "記名",
    "seal",
    "APPI",
    "Act on the Protection of Personal Information",
    "保有個人データ",
    "定額小為替",
    "teigaku kogawase",
]
# 個人情報保護法 is the APPI's name; China's law may only appear qualified as China's.
APPI_NAME = re.compile(r"(?<!中国の)個人情報保護法")

# Words that name a foreign regime: they must not reach a customer of another regime.
REGIME_WORDS = {
    "gdpr": ["GDPR", "EEA", "欧州"],
    "ccpa": ["CCPA", "California", "カリフォルニア"],
    "pipl": ["PIPL", "China", "中国"],
}

COUNTRY = {"appi": "日本", "gdpr": "Germany", "ccpa": "United States (California)", "pipl": "中国"}
ADDRESS = {
    "appi": "〒100-0001 東京都千代田区千代田1-1",
    "gdpr": "Hauptstraße 1, 10115 Berlin",
    "ccpa": "1 Market Street, San Francisco, CA 94105",
    "pipl": "上海市浦東新区世紀大道1号",  # Japanese glyph forms: the IPA fonts lack simplified ones
}


def case_view(request_type: str, regime: str, profile: Profile) -> CaseView:
    fee = profile.fee
    charged = fee.status == "charged" and request_type in fee.applies_to
    return CaseView(
        reference="PRV-2026-000456",
        request_type=request_type,
        regime=regime,
        language="ja",
        status="awaiting_identity",
        due_date=dt.date(2026, 12, 22),
        fee_jpy=fee.amount_jpy if charged else None,
        needs_identity=request_type in profile.identity.required_for,
        opened_on=dt.date(2026, 11, 22),
        channel="chat",
    )


def requester(regime: str, deputy: bool) -> RequesterView:
    return RequesterView(
        name="山田 太郎",
        email="taro@example.com",
        reply_channel="email",
        country=COUNTRY[regime],
        postal_address=ADDRESS[regime],
        phone="+81 90-1234-5678",
        acting_for="deputy" if deputy else "self",
        principal_name="山田 花子" if deputy else None,
        deputy_kind="mandatary" if deputy else None,
        details="住所の誤り",
        incident=IncidentView("email", "2026-11-20", "カード番号", "x@evil.example"),
    )


def visible(page: str) -> str:
    """The text a reader of the form sees: no style sheet, no tags."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def flat(text: str) -> str:
    """Mail is hard-wrapped: compare phrases with all white space (and wrap indents) removed."""
    return re.sub(r"\s+", "", text)


def has(text: str, phrase: str) -> bool:
    return flat(phrase).lower() in flat(text).lower()


def without_desk_postcode(text: str, profile: Profile) -> str:
    """The desk's own Japanese address may carry its 〒; only examples and blanks may not."""
    code = profile.desk.postal_code
    return text.replace(f"〒{code}", code) if code else text


def render_all(profile: Profile, lang: str, regime: str):
    text = renderer(lang)
    for request_type in REQUESTS:
        for deputy in (False, True):
            case = case_view(request_type, regime, profile)
            context = {"case": case, "requester": requester(regime, deputy)}
            mail = text.render("mail/case_opened.body", profile, **context)
            form = visible(text.render("forms/request_form.html", profile, **context))
            yield case, deputy, mail, form


def appi_only_found(text: str) -> list[str]:
    found = [w for w in APPI_ONLY if w.lower() in text.lower()]
    if APPI_NAME.search(text):
        found.append("個人情報保護法")
    return found


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("regime", FOREIGN)
def test_no_appi_content_reaches_a_foreign_regime_customer(profile_id, variant_name, lang, regime):
    profile = profile_for(profile_id, variant_name)
    for case, deputy, mail, form in render_all(profile, lang, regime):
        where = f"{case.request_type} deputy={deputy}"
        assert not appi_only_found(without_desk_postcode(mail, profile)), f"mail {where}"
        assert not appi_only_found(without_desk_postcode(form, profile)), f"form {where}"
        # No fee outside the APPI: the fee rules and payment methods are Japan's.
        for text in (mail, form):
            assert "手数料" not in text and not re.search(r"\bFee\b", text), where


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("regime", REGIMES)
def test_no_other_regime_is_named(profile_id, variant_name, lang, regime):
    profile = profile_for(profile_id, variant_name)
    others = [w for r, words in REGIME_WORDS.items() if r != regime for w in words]
    for case, deputy, mail, form in render_all(profile, lang, regime):
        for name, text in (("mail", mail), ("form", form)):
            named = [w for w in others if w in text]
            assert not named, f"{name} {case.request_type} deputy={deputy}: {named}"


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_appi_customers_keep_the_japanese_rules(profile_id, variant_name, lang):
    """The regime branch must not drop the APPI's own content: seals, honseki, the fee."""
    profile = profile_for(profile_id, variant_name)
    fee, idr = profile.fee, profile.identity
    for case, _deputy, mail, form in render_all(profile, lang, "appi"):
        rt = case.request_type
        if lang == "ja":
            assert "記名押印" in form, rt
        if case.needs_identity and idr.mask_honseki and idr.documents != ["other_public_document"]:
            assert has(mail, "本籍" if lang == "ja" else "honseki"), rt
        pays_by_order = "postal_money_order" in fee.payment_methods and fee.status == "charged"
        money_order = "定額小為替" if lang == "ja" else "teigaku kogawase"
        if pays_by_order and rt in fee.applies_to and case.needs_identity:
            assert money_order in mail and money_order in form, rt
        if rt not in fee.applies_to:
            assert money_order not in mail and money_order not in form, rt


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("regime", FOREIGN)
def test_a_foreign_regime_gets_its_own_right_or_a_single_no_section_note(
    profile_id, variant_name, lang, regime
):
    profile = profile_for(profile_id, variant_name)
    section = getattr(profile.regimes, regime)
    no_section = (
        "を対象とした定めがございません" if lang == "ja" else "has no specific section for residents of"
    )
    titles = {
        ("gdpr", "request_disclosure"): ("GDPR第15条", "Article 15 GDPR"),
        ("gdpr", "request_correction"): ("GDPR第16条", "Article 16 GDPR"),
        ("gdpr", "request_deletion"): ("GDPR第17条", "Article 17 GDPR"),
        ("gdpr", "withdraw_consent"): ("GDPR第7条第3項", "Article 7(3) GDPR"),
        ("ccpa", "request_disclosure"): ("知る権利", "Request to Know"),
        ("ccpa", "request_correction"): ("訂正請求書（CCPA）", "Request to Correct"),
        ("ccpa", "request_deletion"): ("削除請求書（CCPA）", "Request to Delete"),
        ("pipl", "request_disclosure"): ("閲覧・複製", "Access and Copy"),
        ("pipl", "request_correction"): ("PIPL第46条", "Article 46 PIPL"),
        ("pipl", "request_deletion"): ("PIPL第47条", "Article 47 PIPL"),
        ("pipl", "withdraw_consent"): ("PIPL第15条", "Article 15 PIPL"),
    }
    for case, deputy, mail, form in render_all(profile, lang, regime):
        rt, where = case.request_type, f"{case.request_type} deputy={deputy}"
        if section is None:
            assert flat(mail).count(flat(no_section)) == 1, where
            assert "GDPR第" not in form and "Article" not in form, where
            continue
        assert no_section not in flat(mail), where
        title = titles.get((regime, rt))
        if title:
            assert (title[0] if lang == "ja" else title[1]) in form, where
        if case.needs_identity and lang == "en":
            assert "sign by hand" in form and "signature" in form.lower(), where
        if regime == "ccpa" and case.needs_identity:
            assert has(mail, "検証可能な請求" if lang == "ja" else "verifiable request"), where
        if regime == "gdpr":
            rep = section.representative
            if rep and rep.email:
                assert rep.email in mail, where
            assert has(
                mail, "データ保護監督機関" if lang == "ja" else "data protection supervisory authority"
            ), where
            if section.complaint_authority is None:
                rule = (
                    "お住まい・お勤め先のEU加盟国"
                    if lang == "ja"
                    else "EU country where you live, where you work"
                )
                assert has(mail, rule), where
            if rt == "withdraw_consent":
                assert has(mail, "撤回されるまで有効" if lang == "ja" else "valid until you withdrew it"), (
                    where
                )
                assert has(mail, "影響しません" if lang == "ja" else "does not affect"), where


@pytest.mark.parametrize(("profile_id", "variant_name"), PROFILE_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("regime", REGIMES)
def test_due_dates_say_who_sets_them(profile_id, variant_name, lang, regime):
    profile = profile_for(profile_id, variant_name)
    section = None if regime == "appi" else getattr(profile.regimes, regime)
    desk_target = "窓口の目標日" if lang == "ja" else "the desk's own target, not a deadline set by law"
    for case, deputy, mail, _form in render_all(profile, lang, regime):
        rt, where = case.request_type, f"{case.request_type} deputy={deputy}"
        for wrong in ("Applicable law", "適用される法令", "under the Act", "deadline under", "法令上の期限"):
            assert wrong not in mail, where
        if regime in ("gdpr", "ccpa") and section:
            law = {
                "gdpr": ("GDPRにより", "Under the GDPR we must answer"),
                "ccpa": ("CCPAにより", "Under the CCPA"),
            }
            assert has(mail, law[regime][0] if lang == "ja" else law[regime][1]), where
            assert not has(mail, desk_target), where
        elif regime == "appi" and policy_timeline_applies(profile, rt) and profile.timeline.days:
            assert has(mail, "当社のポリシーでは" if lang == "ja" else "Our policy says this takes"), where
            assert not has(mail, desk_target), where
        else:
            assert has(mail, desk_target), where
            assert not has(mail, "により、1か月" if lang == "ja" else "we must answer"), where
        assert has(mail, "2026年12月22日" if lang == "ja" else "22 December 2026"), where


def _no_email_channel(profile_id: str, variant_name: str) -> bool:
    sub = profile_for(profile_id, variant_name).submission
    return "email" not in sub.channels and "email" not in sub.documents_channels


@pytest.mark.parametrize(
    ("profile_id", "variant_name"), [case for case in PROFILE_CASES if _no_email_channel(*case.values)]
)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("regime", REGIMES)
def test_email_is_offered_only_where_it_is_a_channel(profile_id, variant_name, lang, regime):
    profile = profile_for(profile_id, variant_name)
    for case, deputy, mail, _form in render_all(profile, lang, regime):
        for phrase in (
            "If you reply",
            "By e-mail:",
            "Reply to this e-mail",
            "ご返信",
            "【電子メールの場合】",
        ):
            assert phrase not in mail, f"{case.request_type} deputy={deputy}: {phrase}"


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_form_follows_the_regime(regime, lang):
    profile = load_profile("saison-technology")  # has GDPR, CCPA and PIPL sections
    case = case_view("request_disclosure", regime, profile)
    text = flat(pdf_text(request_form_pdf(lang, profile, case=case, requester=requester(regime, False))))
    assert "PRV-2026-000456" in text
    expected = {
        "appi": ("保有個人データ開示請求書", "RequestforDisclosureofPersonalData"),
        "gdpr": ("GDPR第15条", "Article15GDPR"),
        "ccpa": ("知る権利", "RequesttoKnow"),
        "pipl": ("PIPL第45条", "Article45PIPL"),
    }[regime]
    assert (expected[0] if lang == "ja" else expected[1]) in text
    if lang == "ja":
        assert "山田" in text  # Japanese survives into the PDF as text, not boxes
        assert ("記名押印" in text) == (regime == "appi")
    if regime != "appi":
        assert not appi_only_found(text)


def pdf_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chinese_name_and_address_print_as_text_in_a_font_that_has_them(lang):
    """The IPA fonts lack simplified Chinese (张, 浦): without Noto CJK they print as empty boxes."""
    profile = load_profile("saison-technology")
    case = case_view("request_disclosure", "pipl", profile)
    person = replace(requester("pipl", False), name="张 伟", postal_address="上海市浦东新区张杨路500号")
    pdf = request_form_pdf(lang, profile, case=case, requester=person)
    text = flat(pdf_text(pdf))
    assert "张伟" in text
    assert "浦东新区张杨路" in text
    assert any("Noto-Sans-CJK" in font for font in pdf_fonts(pdf)), pdf_fonts(pdf)
