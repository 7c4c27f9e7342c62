"""The request form: starting it, checking each answer, the review, and opening the case."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import select

from bot.actions.request_form import ActionStartRequest, ActionSubmitRequest, ValidateRequestForm
from cases.models import Case, CaseEvent, OutboxMessage
from cases.requirements import FORM_STATE, lives_abroad
from cases.views import CaseView, RequesterView
from tests.bot.actions.conftest import (
    DESK_CLOSED,
    DESK_OPEN,
    load_tracker,
    rendered,
    sent,
    turn_slots,
    unreachable_store,
)

pytestmark = pytest.mark.anyio


def form_slots(domain) -> list[str]:
    return domain["forms"]["request_form"]["required_slots"]


# Starting


@pytest.mark.parametrize(
    ("tracker", "lang", "request_type"),
    [("request_offered_ja", "ja", "request_disclosure"), ("request_offered_en", "en", "report_suspicious")],
)
async def test_the_offered_request_starts_afresh_with_its_introduction(
    tracker, lang, request_type, dispatcher, domain
):
    events = await ActionStartRequest().run(dispatcher, load_tracker(tracker), domain)
    assert events == [
        *turn_slots(lang, "actio"),
        *(SlotSet(slot, None) for slot in (*form_slots(domain), *FORM_STATE)),
        SlotSet("request_type", request_type),
        SlotSet("request_offered", False),
    ]
    assert sent(dispatcher) == [{"text": rendered(lang, "form/intro", "actio", request_type=request_type)}]


async def test_what_the_request_itself_said_is_kept_and_never_asked(dispatcher, domain):
    tracker = load_tracker("request_offered_ja")
    asked = (
        "開示請求をお願いしたいです。鈴木と申します。"
        "メールはsuzuki@example.jp、住所は大阪府大阪市北区梅田1-1-1です。"
    )
    tracker.events[1:1] = [
        {
            "event": "user",
            "timestamp": 1781503605.0,
            "text": asked,
            "parse_data": {"intent": {"name": "request_disclosure", "confidence": 0.9}},
        },
        {"event": "bot", "timestamp": 1781503606.0, "text": "(the procedure and the offer)"},
    ]
    events = await ActionStartRequest().run(dispatcher, tracker, domain)
    values = {event["name"]: event["value"] for event in events if event["value"] is not None}
    assert (
        values.items()
        >= {
            "requester_name": "鈴木",
            "email": "suzuki@example.jp",
            "country": "日本",
            "postal_address": "〒530-0001 大阪府大阪市北区梅田1-1-1",
        }.items()
    )
    assert "review" not in values  # an earlier request's answers are dropped
    assert [message["text"] for message in sent(dispatcher)] == [
        rendered("ja", "form/intro", "actio", request_type="request_disclosure"),
        rendered("ja", "form/postcode_found", "actio", postcode="530-0001", place="大阪府大阪市北区梅田"),
    ]


# Checking an answer, as rasa-sdk runs validate_request_form


@pytest.mark.parametrize(
    ("tracker", "text", "intent", "expected"),
    [
        ("form_answer_email_ja", None, None, {"email": "taro@example.jp", "requested_slot": "country"}),
        (
            "form_answer_email_ja",
            "キャンセル",
            None,
            {"email": None, "review": "cancelled", "requested_slot": None},
        ),
        (
            "form_answer_acting_for_ja",
            None,
            None,
            {"acting_for": "deputy", "requested_slot": "principal_name"},
        ),
        (
            "form_answer_postal_address_en",  # abroad: no Japanese postcode needed
            None,
            None,
            {"postal_address": "Hauptstrasse 5, 10115 Berlin", "requested_slot": "review"},
        ),
        ("form_review_answer_ja", None, None, {"review": "confirmed", "requested_slot": None}),
        ("form_review_answer_ja", "OK", "inform", {"review": "confirmed", "requested_slot": None}),
        (
            "form_review_answer_ja",
            "その内容で大丈夫です",
            "affirm",
            {"review": "confirmed", "requested_slot": None},
        ),
        (
            "form_review_answer_ja",
            "キャンセルします",
            "deny",
            {"review": "cancelled", "requested_slot": None},
        ),
        ("form_review_answer_ja", "いいえ", "deny", {"review": None, "requested_slot": "review"}),
        (
            "form_review_answer_ja",  # naming an item asks it again
            "メールアドレスを直したいです",
            "inform",
            {"review": None, "email": None, "requested_slot": "email"},
        ),
        (
            "form_review_answer_en",  # by number; who is acting for whom also drops the deputy's answers
            None,
            None,
            {
                "review": None,
                "acting_for": None,
                "principal_name": None,
                "deputy_kind": None,
                "requested_slot": "acting_for",
            },
        ),
    ],
)
async def test_an_answer_is_kept_tidied_and_the_next_slot_requested(
    tracker, text, intent, expected, dispatcher, domain
):
    events = await ValidateRequestForm().run(
        dispatcher, load_tracker(tracker, text=text, intent=intent), domain
    )
    assert events == [SlotSet(slot, value) for slot, value in expected.items()]
    assert sent(dispatcher) == []


@pytest.mark.parametrize(
    ("tracker", "text", "intent", "slot", "lang", "profile"),
    [
        ("form_answer_email_ja", "taro-at-example", None, "email", "ja", "actio"),
        ("form_answer_postal_address_en", "Berlin", None, "postal_address", "en", "saison-technology"),
        ("form_review_answer_ja", "うーん", "inform", "review", "ja", "actio"),
        ("form_review_answer_en", "I need to think about it", "inform", "review", "en", "saison-technology"),
    ],
)
async def test_an_unusable_answer_is_asked_again_with_the_reason(
    tracker, text, intent, slot, lang, profile, dispatcher, domain
):
    events = await ValidateRequestForm().run(
        dispatcher, load_tracker(tracker, text=text, intent=intent), domain
    )
    once = [SlotSet("reasked_slots", [slot])] if slot != "review" else []
    assert events == [SlotSet(slot, None), SlotSet("reasked", slot), *once, SlotSet("requested_slot", slot)]
    abroad = lives_abroad(load_tracker(tracker).get_slot("country"))
    text = rendered(
        lang,
        f"invalid/{slot}",
        profile,
        request_type="request_disclosure",
        abroad=abroad,
        options=["post", "phone"],
    )
    assert sent(dispatcher) == [{"text": text}]


@pytest.mark.parametrize(
    ("slot", "answer", "tidied", "unusable", "reason"),
    [
        ("requester_name", "山田　太郎", "山田 太郎", "x@y.z", "requester_name"),
        ("principal_name", "山田 一郎", "山田 一郎", "x@y.z", "principal_name"),
        ("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp", "taro-at-example", "email"),
        ("country", "ドイツ", "ドイツ", "Atlantis", "country"),
        ("acting_for", "本人です", "self", "よくわかりません", "acting_for"),
        ("deputy_kind", "成年後見人です", "adult_guardian", "友人です", "deputy_kind"),
        (
            "postal_address",
            "1500001 東京都渋谷区神宮前1-2-3",
            "〒150-0001 東京都渋谷区神宮前1-2-3",
            "東京都渋谷区のどこか",
            "postal_address_postcode",
        ),
        ("phone", "０９０－１２３４－５６７８", "090-1234-5678", "12", "phone"),
        ("request_details", "削除してください", "削除してください", "。", "request_details"),
        ("incident_channel", "SMSでした", "sms", "わからない", "incident_channel"),
        ("incident_date", "昨日", "2026-06-14", "x", "incident_date"),  # the answer was written on 15 June
        ("incident_asked_for", "暗証番号", "password", "?", "incident_asked_for"),
        ("incident_sender", "銀行", "銀行", "a", "incident_sender"),
    ],
)
async def test_each_answer_is_read_cleaned_and_else_asked_again_with_the_reason(
    slot, answer, tidied, unusable, reason, dispatcher
):
    def check(value: str) -> dict:
        return ValidateRequestForm.answer(slot, value, None, dispatcher, tracker)

    tracker = load_tracker("form_answer_email_ja")  # lives in Japan, asking for a disclosure
    assert check(answer)[slot] == tidied
    assert sent(dispatcher) == []
    assert check(unusable).items() >= {slot: None, "reasked": slot, "reasked_slots": [slot]}.items()
    text = rendered(
        "ja",
        f"invalid/{reason}",
        "actio",
        request_type="request_disclosure",
        abroad=False,
        options=["post", "phone"],
    )
    assert [message["text"] for message in sent(dispatcher)] == [text]


async def test_an_answer_asked_twice_is_taken_as_written_and_flagged_for_staff(dispatcher):
    tracker = load_tracker("form_answer_email_ja")
    tracker.slots["reasked_slots"] = ["requester_name"]
    validated = ValidateRequestForm.answer("requester_name", "x@y.z", None, dispatcher, tracker)
    assert validated == {"requester_name": "x@y.z", "flagged": ["requester_name"]}
    assert sent(dispatcher) == []


async def test_a_no_is_not_taken_for_a_name(dispatcher):
    tracker = load_tracker("form_answer_email_ja", text="いいえ", intent="deny")
    validated = ValidateRequestForm.answer("requester_name", "いいえ", None, dispatcher, tracker)
    assert validated == {
        "requester_name": None,
        "reasked": "requester_name",
        "reasked_slots": ["requester_name"],
    }


async def test_no_e_mail_is_a_way_forward_not_a_wrong_answer(dispatcher, domain):
    events = await ValidateRequestForm().run(
        dispatcher,
        load_tracker("form_answer_email_ja", text="メールはやってないのよ", intent="inform"),
        domain,
    )
    assert events == [
        SlotSet("email", None),
        SlotSet("no_email", True),
        SlotSet("requested_slot", "reply_channel"),
    ]
    assert sent(dispatcher) == []


# Opening the case


def stored(store) -> tuple[Case, list[str], list[OutboxMessage]]:
    """The one case in the store, the kinds on its trail, and the mail queued for it."""
    with store() as session:
        case = session.scalars(select(Case)).one()
        trail = list(session.scalars(select(CaseEvent.kind).order_by(CaseEvent.id)))
        outbox = list(session.scalars(select(OutboxMessage)))
    return case, trail, outbox


async def test_a_confirmed_request_opens_its_case_and_queues_the_acknowledgement(store, dispatcher, domain):
    events = await ActionSubmitRequest().run(dispatcher, load_tracker("submit_confirmed_ja"), domain)
    case, trail, outbox = stored(store)
    assert case.reference == f"PRV-{case.opened_at.year}-000001"
    assert events == [
        *turn_slots("ja", "actio"),
        *(SlotSet(slot, None) for slot in [*form_slots(domain), *FORM_STATE, "request_type"]),
        SlotSet("case_reference", case.reference),
    ]
    text = rendered("ja", "case_opened", "actio", case=CaseView.of(case), requester=RequesterView.of(case))
    assert sent(dispatcher) == [{"text": text}]
    assert case.reference in text and "2,500" in text  # actio's disclosure fee
    assert (case.profile_id, case.request_type, case.regime, case.language, case.channel) == (
        "actio",
        "request_disclosure",
        "appi",
        "ja",
        "chat",
    )
    assert (case.requester_name, case.requester_email, case.country, case.acting_for) == (
        "山田 太郎",
        "taro@example.jp",
        "日本",
        "self",
    )
    assert case.postal_address == "〒150-0001 東京都渋谷区神宮前1-2-3"
    assert (case.principal_name, case.deputy_kind, case.details, case.incident) == (None, None, None, None)
    assert (case.status, case.identity_state, case.fee_jpy) == ("awaiting_identity", "pending", 2500)
    assert case.conversation_id == "web-3f2a9c1e"
    assert trail == ["opened", "status", "message_out"]
    [mail] = outbox
    assert (mail.case_id, mail.kind, mail.recipient, mail.status) == (
        case.id,
        "case_opened",
        "taro@example.jp",
        "queued",
    )
    assert mail.message_id.endswith("@actioinc.jp>")  # actio's desk address


async def test_a_deputys_request_from_germany_keeps_the_person_concerned(
    store, monkeypatch, dispatcher, domain
):
    monkeypatch.setenv("MADOGUCHI_MAIL_FROM", "privacy@mail.example.org")
    events = await ActionSubmitRequest().run(dispatcher, load_tracker("submit_deputy_en"), domain)
    case, _, [mail] = stored(store)
    assert events[-1] == SlotSet("case_reference", case.reference)
    text = rendered(
        "en", "case_opened", "saison-technology", case=CaseView.of(case), requester=RequesterView.of(case)
    )
    assert sent(dispatcher) == [{"text": text}]
    assert (case.profile_id, case.regime, case.language, case.acting_for) == (
        "saison-technology",
        "gdpr",
        "en",
        "deputy",
    )
    assert (case.principal_name, case.deputy_kind, case.postal_address) == (
        "Max Schmidt",
        "parent_of_minor",
        "Hauptstrasse 5, 10115 Berlin",
    )
    assert (mail.recipient, mail.message_id.endswith("@mail.example.org>")) == ("anna@example.de", True)


async def test_a_report_keeps_what_the_customer_saw(store, dispatcher, domain):
    await ActionSubmitRequest().run(dispatcher, load_tracker("submit_report_ja"), domain)
    case, _, _ = stored(store)
    assert (case.request_type, case.regime, case.status) == ("report_suspicious", "appi", "in_progress")
    assert case.incident == {
        "channel": "sms",
        "date": "昨日の夜",
        "asked_for": "クレジットカード番号",
        "sender": "アクティオのサポート",
    }
    text = rendered("ja", "case_opened", "actio", case=CaseView.of(case), requester=RequesterView.of(case))
    assert sent(dispatcher) == [{"text": text}]


async def test_a_complaint_opens_its_case_and_goes_to_a_person(store, at, dispatcher, domain):
    at(DESK_OPEN)
    events = await ActionSubmitRequest().run(dispatcher, load_tracker("submit_complaint_en"), domain)
    case, _, [mail] = stored(store)
    assert events == [
        *turn_slots("en", "actio"),
        *(SlotSet(slot, None) for slot in [*form_slots(domain), *FORM_STATE, "request_type"]),
        SlotSet("case_reference", case.reference),
        SlotSet("handoff", "complaint"),
    ]
    opened = rendered("en", "case_opened", "actio", case=CaseView.of(case), requester=RequesterView.of(case))
    assert sent(dispatcher) == [
        {"text": opened},
        {"text": rendered("en", "handoff", "actio", open_now=True)},
        {"custom": {"handoff": {"reason": "complaint"}}},
    ]
    assert case.details == "You kept sending me marketing e-mails after I unsubscribed in March."
    assert (case.request_type, case.status, mail.recipient) == (
        "file_complaint",
        "in_progress",
        "emma.clarke@example.co.uk",
    )


async def test_a_cancelled_request_opens_nothing(store, dispatcher, domain):
    events = await ActionSubmitRequest().run(dispatcher, load_tracker("submit_cancelled_ja"), domain)
    assert events == [
        *turn_slots("ja", "actio"),
        *(SlotSet(slot, None) for slot in [*form_slots(domain), *FORM_STATE, "request_type"]),
    ]
    text = rendered("ja", "form/cancelled", "actio", request_type="request_disclosure")
    assert sent(dispatcher) == [{"text": text}]
    with store() as session:
        assert session.scalars(select(Case)).all() == []
        assert session.scalars(select(OutboxMessage)).all() == []


@pytest.mark.parametrize("broken", ["unreachable", "not migrated"])
async def test_when_the_case_store_fails_a_person_takes_the_request_over(
    broken, at, monkeypatch, tmp_path, dispatcher, domain, caplog
):
    url = unreachable_store() if broken == "unreachable" else f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", url)
    at(DESK_CLOSED)
    events = await ActionSubmitRequest().run(dispatcher, load_tracker("submit_confirmed_ja"), domain)
    assert events == [
        *turn_slots("ja", "actio"),
        *(SlotSet(slot, None) for slot in [*form_slots(domain), *FORM_STATE, "request_type"]),
        SlotSet("handoff", "case_store_unavailable"),
    ]
    assert sent(dispatcher) == [
        {"text": rendered("ja", "submit_failed", "actio")},
        {"text": rendered("ja", "handoff", "actio", open_now=False)},
        {"custom": {"handoff": {"reason": "case_store_unavailable"}}},
    ]
    assert "could not open a case for conversation web-3f2a9c1e" in caplog.text
    assert "taro@example.jp" not in caplog.text and "山田" not in caplog.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手数料はいくらですか", [SlotSet("requested_slot", "email")]),  # a question: nothing re-asked
        (
            "taro@example.jp でお願いします",
            [SlotSet("email", "taro@example.jp"), SlotSet("requested_slot", "country")],
        ),
    ],
)
async def test_back_from_a_policy_answer_the_form_keeps_what_the_message_gave_and_re_asks_nothing(
    text, expected, dispatcher, domain
):
    tracker = load_tracker("form_answer_email_ja", text=text, intent="ask_fee")
    tracker.slots["email"] = None  # a question is not taken as the answer (bot/domain.yml, not_intent)
    tracker.events.append({"event": "action", "name": "action_respond", "timestamp": 1781503690.0})
    events = await ValidateRequestForm().run(dispatcher, tracker, domain)
    assert events == expected
    assert sent(dispatcher) == []


async def test_a_correction_request_in_its_own_words_is_its_details(dispatcher, domain):
    tracker = load_tracker("request_offered_ja")
    tracker.slots["request_type"] = "request_correction"
    asked = "登録されている住所が古いので、新しい住所に訂正してください"
    tracker.events[1:1] = [
        {
            "event": "user",
            "timestamp": 1781503605.0,
            "text": asked,
            "parse_data": {"intent": {"name": "request_correction", "confidence": 0.9}},
        },
    ]
    events = await ActionStartRequest().run(dispatcher, tracker, domain)
    assert SlotSet("request_details", asked) in events
