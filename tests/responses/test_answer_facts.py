"""Each policy answer carries its company's facts with their qualifiers, and nothing else.

Table-driven over profile x ask_* intent x language. What a reply must say is derived from the
PROFILE, never written out per company, so a template that drops a qualifier ("about", "as a
general rule", "per request", the tax rate, "toll-free") fails here for whichever company states
it. Besides the five real profiles, each is also tried in three variants that switch on the facts
the real ones may not state yet (qualified timeline, taxed fee, toll-free line with no number, an
EU representative...) and off again (nothing stated, no printed contact at all).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from responses import TEMPLATES_DIR
from responses.profiles import available_profiles, load_profile
from responses.profiles.schema import Profile
from responses.rendering import LANGUAGES, labels, renderer

ASK_INTENTS = sorted(p.stem for p in (TEMPLATES_DIR / "en" / "chat" / "answer").glob("ask_*.j2"))
REAL = available_profiles()


def _text(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def _qualified(d: dict[str, Any]) -> None:
    """Every qualifier on: the facts a careless template would flatten."""
    d["desk"].update(
        phone=None,
        phone_toll_free=True,
        contact_reference=_text(
            "当社ウェブサイトの「お問い合わせ」ページ", "the “Contact us” page on our website"
        ),
        hours={
            "days": "weekdays",
            "open": "10:00",
            "close": "17:00",
            "timezone": "Asia/Tokyo",
            "closed_note": _text("年末年始を除きます", "closed over the New Year holidays"),
        },
    )
    d["submission"].update(
        channels=["phone", "post"],
        documents_channels=["post"],
        reply_channels=["post", "email"],
        own_form_required=True,
        electronic_copy_on_request=True,
        steps=[
            _text("窓口にお電話ください。", "Call the desk."),
            _text("届いた請求書をご返送ください。", "Return the form the desk sends you."),
        ],
    )
    d["fee"].update(
        status="charged",
        amount_jpy=1100,
        tax_included=True,
        tax_rate_percent=10,
        per="request",
        applies_to=["request_disclosure", "request_correction"],
        payment_methods=["postal_money_order", "postage_stamps"],
        refund_note=_text("手数料は返金いたしません。", "The fee is not refunded."),
        notes=[
            _text("手数料は開示の通知書の郵送料を含みます。", "The fee includes the postage for the notice.")
        ],
    )
    d["timeline"].update(
        status="stated",
        amount=2,
        unit="weeks",
        approximate=True,
        as_a_rule=True,
        starts="receipt_of_documents",
        applies_to=["request_disclosure"],
    )
    d["identity"].update(
        documents=["drivers_license", "passport", "resident_record"],
        photo_documents_needed=1,
        non_photo_documents_needed=2,
        copies_accepted=None,
        max_age_months=3,
        address_must_match=True,
        mask_honseki=False,
        mask_my_number=False,
        notes=[],
    )
    d["deputy"].update(
        allowed=True, kinds=["parent_of_minor"], deputy_identity_same_rules=False, authority_documents=[]
    )
    d["acquisition"] = {
        "status": "stated",
        "sources": [_text("ご注文の際にいただく情報", "What you give us when you order")],
        "records_of_provision": True,
    }
    d["suspicious_contact"]["company_never"] = [
        _text("お電話でカードの暗証番号を伺うこと", "ask for your card PIN by phone")
    ]
    d["retention"] = {
        "status": "stated",
        "summary": _text("取引終了後7年間保存します。", "Seven years (7) after the last order."),
    }
    d["purpose_changes"] = {
        "status": "stated",
        "summary": _text("変更は公表します。", "Changes are published."),
    }
    d["certification"] = {
        "status": "stated",
        "summary": _text("プライバシーマークを取得しています。", "It holds the PrivacyMark."),
    }
    d["breach_response"] = {
        "status": "stated",
        "summary": _text("速やかにご本人に通知します。", "You are told promptly."),
    }
    d["cookies"] = {
        "status": "stated",
        "summary": _text("広告用のクッキーを使います。", "Advertising cookies are used."),
    }
    d["third_party"].update(
        without_consent_only_by_law=True,
        exceptions=[_text("法令に基づく場合", "Where a law requires it")],
        consignment=True,
        consignment_examples=[_text("配送業者", "Delivery companies")],
        transfer_abroad={"status": "not_stated", "summary": None},
        joint_use={"status": "no", "partners": None, "items": None, "purpose": None, "manager": None},
        notes=[_text("個人情報を販売することはありません。", "Personal information is never sold.")],
    )
    d["regimes"]["gdpr"] = {
        "rights": [],
        "legal_bases": [],
        "consent_valid_until_withdrawn": True,
        "complaint_authority": _text(
            "アイルランドのデータ保護委員会", "the Irish Data Protection Commission"
        ),
        "representative": {
            "name": "Variant Representative GmbH",
            "address": "Beispielweg 9, 10115 Berlin, Germany",
            "email": "eu-rep@variant.example",
        },
        "limits": [],
        "notes": [],
    }
    d["complaint_bodies"].append(
        {
            "name": _text("認定個人情報保護団体", "Accredited privacy body"),
            "address": _text("東京都千代田区架空町1-2-3", "1-2-3 Kakuucho, Chiyoda-ku, Tokyo"),
            "phone": "03-0000-1111",
            "url": "https://privacy-body.example/",
        }
    )


def _bare(d: dict[str, Any]) -> None:
    """Nothing stated, and no desk contact printed: the policy names e-mail without an address."""
    d["desk"].update(
        postal_code=None,
        address=None,
        email=None,
        phone=None,
        phone_toll_free=False,
        fax=None,
        contact_form_url=None,
        contact_reference=None,
        hours=None,
    )
    d["submission"].update(channels=["email"], documents_channels=[], reply_channels=[], steps=[])
    d["fee"].update(
        status="charged", amount_jpy=None, per="item", payment_methods=[], notes=[], refund_note=None
    )
    d["timeline"].update(status="without_delay", amount=None, unit=None, approximate=False, as_a_rule=False)
    d["identity"].update(documents=["other_public_document"], notes=[])
    d["deputy"].update(allowed=False, kinds=[], authority_documents=[], notes=[])
    d["acquisition"] = {"status": "not_stated", "sources": [], "records_of_provision": False}
    d["security"] = []
    for key in ("retention", "purpose_changes", "certification", "breach_response", "cookies"):
        d[key] = {"status": "not_stated", "summary": None}
    d["third_party"].update(
        without_consent_only_by_law=False,
        exceptions=[],
        transfer_abroad={"status": "not_stated", "summary": None},
        joint_use={"status": "not_stated", "partners": None, "items": None, "purpose": None, "manager": None},
    )
    d["regimes"]["gdpr"] = None


def _nowhere(d: dict[str, Any]) -> None:
    """A contact form with no address, no website; a plain, unqualified timeline; no fee."""
    _bare(d)
    d["company"]["website"] = None
    d["submission"]["channels"] = ["contact_form"]
    d["fee"].update(status="free", amount_jpy=None, per=None, applies_to=[])
    d["timeline"].update(status="stated", amount=10, unit="business_days", starts=None, applies_to=[])


VARIANTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "qualified": _qualified,
    "bare": _bare,
    "nowhere": _nowhere,
}


def variant(profile_id: str, name: str) -> Profile:
    data = copy.deepcopy(load_profile(profile_id).model_dump(mode="json"))
    VARIANTS[name](data)
    return Profile.model_validate(data)


def profiles() -> list[tuple[str, Profile]]:
    out = [(pid, load_profile(pid)) for pid in REAL]
    out += [(f"{pid}+{name}", variant(pid, name)) for pid in REAL for name in VARIANTS]
    return out


PROFILES = profiles()


# --- what a reply must carry, derived from the profile ---------------------------------------


class Say:
    """The phrases of one language that the facts are checked against."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.labels = labels(lang)

    def t(self, text: Any) -> str:
        return getattr(text, self.lang)

    def label(self, key: str) -> str:
        return self.labels[key]

    def pick(self, ja: str, en: str) -> str:
        return ja if self.lang == "ja" else en


def desk_channel(p: Profile, say: Say) -> list[str]:
    """The desk's way in, as an answer that sends the customer to the desk must give it."""
    desk = p.desk
    printed = [x for x in (desk.email, desk.phone, desk.contact_form_url) if x]
    if not printed and desk.address:
        printed.append(say.t(desk.address))
    if desk.phone_toll_free:
        printed.append(say.pick("フリーダイヤル", "toll-free"))
    if not printed or (desk.phone_toll_free and not desk.phone):
        if desk.contact_reference:
            printed.append(say.t(desk.contact_reference))
        elif p.company.website:
            printed.append(p.company.website)
        else:
            printed.append(say.pick("当社ウェブサイト", "our website"))
    return printed


def _fee(p: Profile, say: Say) -> list[str]:
    fee, out = p.fee, []
    if fee.status == "charged":
        if fee.amount_jpy is not None:
            out.append(f"{fee.amount_jpy:,}" + say.pick("円", " yen"))
            if fee.tax_included is True:
                out.append(say.pick("込み", "including"))
            if fee.tax_included is False:
                out.append(say.pick("別途", "plus"))
            if fee.tax_rate_percent:
                out.append(f"{fee.tax_rate_percent}%")
        else:
            out.append(say.pick("金額", "does not state the amount"))
        if fee.per:
            per = say.label(f"fee_per.{fee.per}")
            out.append(per)
            if fee.amount_jpy is not None:  # "2,500 yen per request", "1回のご請求につき2,500円"
                out.append(say.pick(f"{per}につき", f"yen {per}" if fee.tax_included is None else per))
        out += [say.label(f"request_type.{r}") for r in fee.applies_to]
        out += [say.label(f"payment.{m}") for m in fee.payment_methods]
        if not fee.payment_methods:
            out.append(say.pick("お支払い方法", "how to pay"))
        out += [say.t(n) for n in fee.notes]
        if fee.refund_note:
            out.append(say.t(fee.refund_note))
        if fee.amount_jpy is None or not fee.payment_methods:
            out += desk_channel(p, say)
    elif fee.status == "free":
        out.append(say.pick("手数料はいただいておりません", "no fee"))
    else:
        out += [say.pick("手数料については", "whether there is a fee"), *desk_channel(p, say)]
    return out


def _timeline(p: Profile, say: Say) -> list[str]:
    tl = p.timeline
    if tl.status == "stated" and tl.amount:
        unit = say.label(f"timeline_unit.{tl.unit}")
        if say.lang == "en" and tl.amount == 1:
            unit = unit[:-1]
        out = [say.pick(f"{tl.amount}{unit}", f"{tl.amount} {unit}")]
        if tl.approximate:
            out.append(say.pick(f"約{tl.amount}", f"about {tl.amount}"))
        if tl.as_a_rule:
            out.append(say.pick("原則として", "as a general rule"))
        if tl.starts:
            out.append(say.label(f"timeline_start.{tl.starts}"))
        return out + [say.label(f"request_type.{r}") for r in tl.applies_to]
    if tl.status == "without_delay":
        return [
            say.pick("遅滞なく", "without delay"),
            say.pick("日数", "no number of days"),
            *desk_channel(p, say),
        ]
    return [say.pick("ご回答までの期間", "how long it takes"), *desk_channel(p, say)]


def _contact(p: Profile, say: Say) -> list[str]:
    desk = p.desk
    out = [x for x in (desk.email, desk.phone, desk.fax, desk.contact_form_url) if x]
    if desk.address:
        out.append(say.t(desk.address))
    if desk.phone_toll_free:
        out.append(say.pick("フリーダイヤル", "toll-free"))
    if desk.contact_reference:
        out.append(say.t(desk.contact_reference))
    if desk.hours and desk.hours.closed_note:
        out.append(say.t(desk.hours.closed_note))
    for body in p.complaint_bodies:
        out += [say.t(body.name), *(x for x in (body.phone, body.url) if x)]
        if body.address:
            out.append(say.t(body.address))
    for section in (p.regimes.gdpr, p.regimes.ccpa, p.regimes.pipl):
        if section and section.representative:
            rep = section.representative
            out += [rep.name, rep.address, *([rep.email] if rep.email else [])]
        if section and section.complaint_authority:
            out.append(say.t(section.complaint_authority))
    return out


def _statement(statement: Any, say: Say, missing: str, p: Profile) -> list[str]:
    if statement.status == "stated" and statement.summary:
        text = say.t(statement.summary)
        return [text, *re.findall(r"\d+", text)]
    return [missing, *desk_channel(p, say)]


def _third_party(p: Profile, say: Say) -> list[str]:
    tp, out = p.third_party, []
    out += [say.t(x) for x in (*tp.exceptions, *tp.consignment_examples, *tp.notes)]
    ju = tp.joint_use
    out += [say.t(x) for x in (ju.partners, ju.items, ju.purpose, ju.manager) if ju.status == "yes" and x]
    if tp.transfer_abroad.status == "stated" and tp.transfer_abroad.summary:
        out.append(say.t(tp.transfer_abroad.summary))
    unclear = not tp.without_consent_only_by_law and not tp.exceptions
    if unclear or ju.status == "not_stated" or tp.transfer_abroad.status != "stated":
        out += desk_channel(p, say)
    return out


def _source(p: Profile, say: Say) -> list[str]:
    acq = p.acquisition
    if acq.status == "stated" and acq.sources:
        out = [say.t(s) for s in acq.sources]
    else:
        out = [say.pick("個人情報の取得元", "where we obtain personal data"), *desk_channel(p, say)]
    if acq.records_of_provision:
        out.append(say.pick("第三者提供記録の開示", "disclose the records of provision"))
    else:
        out.append(say.pick("開示", "disclose"))
    return out


def _documents(p: Profile, say: Say) -> list[str]:
    idn, out = p.identity, []
    specific = idn.documents != ["other_public_document"]
    if specific:
        out += [say.label(f"document.{d}") for d in idn.documents]
        out += [str(idn.photo_documents_needed), str(idn.non_photo_documents_needed)]
        if idn.copies_accepted is False:
            out.append(say.pick("原本", "original"))
        if idn.copies_accepted is None:
            out += [say.pick("コピーでよいかどうか", "whether copies are accepted"), *desk_channel(p, say)]
    else:
        out += desk_channel(p, say)
    out += [say.t(n) for n in idn.notes]
    if idn.max_age_months:
        out.append(say.pick(f"{idn.max_age_months}か月", f"{idn.max_age_months} month"))
    if idn.mask_my_number:
        out.append(say.pick("マイナンバー", "My Number"))
    if idn.mask_honseki:
        out.append(say.pick("本籍", "honseki"))
    out += [say.label(f"desk_via.{c}") for c in p.submission.documents_channels]
    return out


def _deputy(p: Profile, say: Say) -> list[str]:
    dp = p.deputy
    if not dp.allowed:
        return [say.pick("代理人によるご請求", "representative"), *desk_channel(p, say)]
    out = [say.label(f"deputy_kind.{k}") for k in dp.kinds]
    out += [say.label(f"authority_document.{a}") for a in dp.authority_documents]
    out += [say.t(n) for n in dp.notes]
    if dp.deputy_identity_same_rules:
        out.append(say.pick("同じ基準", "same rules"))
    if not (dp.authority_documents and dp.deputy_identity_same_rules):
        out += desk_channel(p, say)
    return out


def _procedure(p: Profile, say: Say) -> list[str]:
    """The policy's steps, or where it lists none its channels and forms; the notes are left to
    the request's own summary, so the answer stays short."""
    sub = p.submission
    if sub.steps:
        out = [say.t(s) for s in sub.steps]
    else:
        out = [say.label(f"channel.{c}") for c in sub.channels]
        out.append(say.label(f"forms_provided_by.{sub.forms_provided_by}"))
        if sub.form_download_url:
            out.append(sub.form_download_url)
    if sub.own_form_required:
        out.append(say.pick("所定の請求書", "own request form"))
    if sub.electronic_copy_on_request:
        out.append(say.pick("電磁的記録", "electronic record"))
    return out + _contact_block(p, say)


def _contact_block(p: Profile, say: Say) -> list[str]:
    desk = p.desk
    return [x for x in (desk.email, desk.phone, desk.fax, desk.contact_form_url) if x]


def _security(p: Profile, say: Say) -> list[str]:
    out = [say.t(s) for s in p.security]
    for statement in (p.certification, p.breach_response):
        if statement.status == "stated" and statement.summary:
            out.append(say.t(statement.summary))
    out += [say.t(n) for n in p.suspicious_contact.company_never]
    if not p.security:
        out += [say.pick("安全管理措置", "security measures"), *desk_channel(p, say)]
    return out


def _purpose(p: Profile, say: Say) -> list[str]:
    out = [say.t(x) for x in p.purposes]
    if p.purpose_changes.status == "stated" and p.purpose_changes.summary:
        out.append(say.t(p.purpose_changes.summary))
    return out


MUST_CARRY: dict[str, Callable[[Profile, Say], list[str]]] = {
    "ask_fee": _fee,
    "ask_timeline": _timeline,
    "ask_contact": _contact,
    "ask_retention": lambda p, say: _statement(
        p.retention, say, say.pick("保存期間", "how long personal data is kept"), p
    ),
    "ask_cookies": lambda p, say: _statement(p.cookies, say, say.pick("Cookie", "cookies"), p),
    "ask_purpose": _purpose,
    "ask_security": _security,
    "ask_third_party": _third_party,
    "ask_source": _source,
    "ask_documents": _documents,
    "ask_deputy": _deputy,
    "ask_procedure": _procedure,
}

CASES = [
    pytest.param(p, intent, lang, id=f"{pid}-{intent}-{lang}")
    for pid, p in PROFILES
    for intent in ASK_INTENTS
    for lang in LANGUAGES
]


def chat_answer(p: Profile, intent: str, lang: str) -> str:
    return renderer(lang).render(f"chat/answer/{intent}", p)


def test_every_answer_has_its_facts_table():
    assert set(ASK_INTENTS) == set(MUST_CARRY)
    assert "ask_source" in ASK_INTENTS


@pytest.mark.parametrize(("profile", "intent", "lang"), CASES)
def test_the_answer_carries_the_profile_facts(profile, intent, lang):
    reply = chat_answer(profile, intent, lang)
    missing = [fact for fact in MUST_CARRY[intent](profile, Say(lang)) if fact.lower() not in reply.lower()]
    assert not missing, f"{intent} leaves out {missing}:\n{reply}"


# --- nothing sharper than the policy, nothing from another company ----------------------------


@pytest.mark.parametrize(("profile", "lang"), [(p, lang) for _, p in PROFILES for lang in LANGUAGES])
def test_the_timeline_is_never_sharper_than_the_policy(profile, lang):
    reply, tl = chat_answer(profile, "ask_timeline", lang), profile.timeline
    assert ("以内" if lang == "ja" else "within") not in reply
    if tl.status == "stated" and tl.amount and not tl.approximate:
        assert (f"約{tl.amount}" if lang == "ja" else f"about {tl.amount}") not in reply
    if not tl.as_a_rule:
        assert ("原則" if lang == "ja" else "general rule") not in reply
    assert len(reply.splitlines()) <= 3, reply  # one or two lines and the next step


def _distinctive(p: Profile) -> set[str]:
    desk = p.desk
    out = {x for x in (desk.email, desk.phone, desk.fax, desk.contact_form_url) if x}
    out |= {p.company.name.ja, p.company.name.en}
    if p.fee.status == "charged" and p.fee.amount_jpy:
        out |= {f"{p.fee.amount_jpy:,} yen", f"{p.fee.amount_jpy:,}円"}
    for section in (p.regimes.gdpr, p.regimes.ccpa, p.regimes.pipl):
        if section and section.representative:
            out.add(section.representative.name)
            if section.representative.email:
                out.add(section.representative.email)
    return out


@pytest.mark.parametrize(("profile", "lang"), [(p, lang) for _, p in PROFILES for lang in LANGUAGES])
def test_masking_is_mentioned_only_where_the_identity_rule_asks_for_it(profile, lang):
    reply, idn = chat_answer(profile, "ask_documents", lang), profile.identity
    notes = " ".join(getattr(n, lang) for n in idn.notes)
    my_number = "マイナンバー" if lang == "ja" else "My Number"
    if not idn.mask_my_number and "my_number_card" not in idn.documents and my_number not in notes:
        assert my_number not in reply, reply
    honseki = "本籍" if lang == "ja" else "honseki"
    if not idn.mask_honseki and honseki not in notes:
        assert honseki not in reply, reply


def _base_id(pid: str) -> str:
    return pid.split("+")[0]


@pytest.mark.parametrize(("pid", "profile"), PROFILES, ids=[pid for pid, _ in PROFILES])
def test_no_other_company_s_facts_appear(pid, profile):
    own = json.dumps(profile.model_dump(mode="json"), ensure_ascii=False)
    foreign = set().union(*(_distinctive(load_profile(o)) for o in REAL if o != _base_id(pid)))
    foreign = {token for token in foreign if token not in own}  # shared facts (e.g. the same PPC) stay
    for intent in ASK_INTENTS:
        for lang in LANGUAGES:
            for text in (
                chat_answer(profile, intent, lang),
                renderer(lang).render("mail/answer.body", profile, name=None, topics=[intent]),
            ):
                leaked = sorted(token for token in foreign if token in text)
                assert not leaked, f"{pid} {intent} {lang} shows another company's {leaked}"


# --- one voice: no self-contradiction, a gap said once -----------------------------------------

SEND_TO_DESK = {"en": ("please contact", "ask the desk"), "ja": ("お問い合わせください", "ご相談ください")}
NO_CONTACT = {
    "en": ("does not give the desk's contact details", "gives no contact details", "no contact details"),
    "ja": ("連絡先の記載がございません", "連絡先の記載がありません"),
}
GAP = {"en": "our privacy policy does not", "ja": "記載がございません"}


@pytest.mark.parametrize(("profile", "intent", "lang"), CASES)
def test_an_answer_does_not_contradict_itself(profile, intent, lang):
    reply = chat_answer(profile, intent, lang)
    lowered = reply.lower()
    if any(phrase in lowered for phrase in SEND_TO_DESK[lang]):
        assert not any(phrase in lowered for phrase in NO_CONTACT[lang]), reply
    if profile.desk.phone_toll_free or "contact_form" in profile.submission.channels:
        assert not any(phrase in lowered for phrase in NO_CONTACT[lang]), reply
    assert lowered.count(GAP[lang]) <= 1, f"a gap said more than once:\n{reply}"
    if intent not in ("ask_contact", "ask_procedure"):
        for contact in filter(None, (profile.desk.email, profile.desk.phone)):
            assert reply.count(contact) <= 1, f"the desk's channel given more than once:\n{reply}"


# Where an answer says a request can be made in the chat (not a report, which needs no call).
START_HERE = {
    "en": ("right here in this chat", "request here in this chat"),
    "ja": ("このチャットでそのまま", "このチャットでご請求", "このチャットでも"),
}
CALL_BACK = {"en": "the desk will call you back", "ja": "折り返しお電話いたします"}


@pytest.mark.parametrize(("profile", "intent", "lang"), CASES)
def test_starting_a_request_here_says_the_desk_calls_back_where_requests_are_by_phone_only(
    profile, intent, lang
):
    reply = chat_answer(profile, intent, lang)
    if any(phrase in reply for phrase in START_HERE[lang]):
        phone_only = profile.submission.channels == ["phone"]
        assert (CALL_BACK[lang] in reply) == phone_only, reply


# --- the mail answer ------------------------------------------------------------------------------

REPLY_BY_MAIL = {"en": "reply to this e-mail", "ja": "このメールにご返信"}
REPLY_BY_MAIL_ANY = {"en": "replying to this e-mail", "ja": "このメールへのご返信"}
CHAT_ONLY = {"en": "this chat", "ja": "このチャット"}


@pytest.mark.parametrize(("profile", "intent", "lang"), CASES)
def test_the_mail_answer_offers_a_reply_only_where_the_desk_takes_mail(profile, intent, lang):
    body = renderer(lang).render("mail/answer.body", profile, name=None, topics=[intent])
    by_email = "email" in profile.submission.channels or profile.desk.email
    if not by_email:
        assert REPLY_BY_MAIL[lang] not in body and REPLY_BY_MAIL_ANY[lang] not in body, body
        channel = profile.submission.channels[0]
        if channel == "phone" and profile.desk.phone_toll_free:
            channel = "phone_toll_free"
        assert labels(lang)[f"desk_via.{channel}"] in body
    assert CHAT_ONLY[lang] not in body, "a mail answer must not offer the chat's next step"


def test_every_language_has_the_same_answers():
    for lang in LANGUAGES:
        names = sorted(p.stem for p in Path(TEMPLATES_DIR / lang / "chat" / "answer").glob("ask_*.j2"))
        assert names == ASK_INTENTS
