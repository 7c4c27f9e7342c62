"""The request form's questions (action_ask_<slot>): each slot's template, the re-ask, the review."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rasa_sdk.events import SlotSet

from bot.actions import questions
from cases.requirements import lives_abroad
from tests.bot.actions.conftest import load_tracker, rendered, sent, turn_slots

pytestmark = pytest.mark.anyio

# A form button sends its choice, not its title: no classifier reads it as a question.
SELF_OR_DEPUTY_JA = [
    {"title": "本人として請求", "payload": '/inform{"choice": "self"}'},
    {"title": "代理人として請求", "payload": '/inform{"choice": "deputy"}'},
]
YES_OR_CANCEL_JA = [
    {"title": "はい", "payload": "/affirm"},
    {"title": "キャンセル", "payload": '/inform{"choice": "cancel"}'},
]
YES_OR_CANCEL_EN = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "Cancel", "payload": '/inform{"choice": "cancel"}'},
]
TARO_ITEMS = [  # the answers in trackers/form_review*_ja.json, as the review shows them
    SimpleNamespace(slot="requester_name", label="お名前", value="山田 太郎", as_written=False),
    SimpleNamespace(slot="email", label="メールアドレス", value="taro@example.jp", as_written=False),
    SimpleNamespace(slot="country", label="お住まいの国・地域", value="日本", as_written=False),
    SimpleNamespace(slot="acting_for", label="ご請求者", value="ご本人", as_written=False),
    SimpleNamespace(
        slot="postal_address", label="ご住所", value="〒150-0001 東京都渋谷区神宮前1-2-3", as_written=False
    ),
]


# What each tracker tells a question: language, company, request type, and whether a deputy asks.
CONTEXT = {
    "form_asking_ja": ("ja", "actio", "request_disclosure", False),
    "form_asking_deputy_en": ("en", "saison-technology", "request_disclosure", True),
    "form_asking_report_en": ("en", "actio", "report_suspicious", False),
}


@pytest.mark.parametrize(
    ("action", "name", "tracker"),
    [
        (questions.AskRequesterName, "action_ask_requester_name", "form_asking_ja"),
        (questions.AskEmail, "action_ask_email", "form_asking_ja"),
        (questions.AskCountry, "action_ask_country", "form_asking_ja"),
        (questions.AskPostalAddress, "action_ask_postal_address", "form_asking_ja"),
        (questions.AskPhone, "action_ask_phone", "form_asking_ja"),
        (questions.AskRequestDetails, "action_ask_request_details", "form_asking_ja"),
        (questions.AskRequesterName, "action_ask_requester_name", "form_asking_deputy_en"),
        (questions.AskPrincipalName, "action_ask_principal_name", "form_asking_deputy_en"),
        (questions.AskDeputyKind, "action_ask_deputy_kind", "form_asking_deputy_en"),
        (questions.AskPostalAddress, "action_ask_postal_address", "form_asking_deputy_en"),
        (questions.AskIncidentChannel, "action_ask_incident_channel", "form_asking_report_en"),
        (questions.AskIncidentDate, "action_ask_incident_date", "form_asking_report_en"),
        (questions.AskIncidentAskedFor, "action_ask_incident_asked_for", "form_asking_report_en"),
        (questions.AskIncidentSender, "action_ask_incident_sender", "form_asking_report_en"),
    ],
)
async def test_each_question_is_asked_from_its_template(action, name, tracker, dispatcher, domain):
    lang, profile, request_type, deputy = CONTEXT[tracker]
    events = await action().run(dispatcher, load_tracker(tracker), domain)
    assert action().name() == name
    assert events == turn_slots(lang, profile)
    slot = name.removeprefix("action_ask_")
    abroad = lives_abroad(load_tracker(tracker).get_slot("country"))
    text = rendered(
        lang,
        f"ask/{slot}",
        profile,
        request_type=request_type,
        deputy=deputy,
        abroad=abroad,
        options=["post"],
    )
    assert [message["text"] for message in sent(dispatcher)] == [text]


async def test_acting_for_offers_both_answers_as_buttons(dispatcher, domain):
    events = await questions.AskActingFor().run(dispatcher, load_tracker("form_asking_ja"), domain)
    assert events == turn_slots("ja", "actio")
    text = rendered("ja", "ask/acting_for", "actio", request_type="request_disclosure", deputy=False)
    assert sent(dispatcher) == [{"text": text, "buttons": SELF_OR_DEPUTY_JA}]


async def test_a_question_its_re_ask_already_asked_is_not_asked_twice(dispatcher, domain):
    events = await questions.AskEmail().run(dispatcher, load_tracker("form_reasked_ja"), domain)
    assert events == [*turn_slots("ja", "actio"), SlotSet("reasked", None)]
    assert sent(dispatcher) == []


async def test_the_re_ask_of_one_slot_does_not_silence_another(dispatcher, domain):
    events = await questions.AskCountry().run(dispatcher, load_tracker("form_reasked_ja"), domain)
    assert events == turn_slots("ja", "actio")
    text = rendered("ja", "ask/country", "actio", request_type="request_disclosure", deputy=False)
    assert sent(dispatcher) == [{"text": text}]


async def test_the_review_lists_the_answers_in_the_order_asked(dispatcher, domain):
    events = await questions.AskReview().run(dispatcher, load_tracker("form_review_ja"), domain)
    assert questions.AskReview().name() == "action_ask_review"
    assert events == turn_slots("ja", "actio")
    text = rendered("ja", "form/review", "actio", request_type="request_disclosure", items=TARO_ITEMS)
    assert sent(dispatcher) == [{"text": text, "buttons": YES_OR_CANCEL_JA}]
    assert "・ご請求者：ご本人" in text


async def test_a_deputys_review_shows_the_person_concerned_and_the_labels_in_english(dispatcher, domain):
    events = await questions.AskReview().run(dispatcher, load_tracker("form_review_deputy_en"), domain)
    assert events == turn_slots("en", "saison-technology")
    items = [
        SimpleNamespace(slot="requester_name", label="Your name", value="Anna Schmidt"),
        SimpleNamespace(slot="email", label="E-mail address", value="anna@example.de"),
        SimpleNamespace(slot="country", label="Country or region", value="Germany"),
        SimpleNamespace(slot="acting_for", label="Request made", value="on behalf of someone else"),
        SimpleNamespace(slot="principal_name", label="Name of the person concerned", value="Max Schmidt"),
        SimpleNamespace(slot="deputy_kind", label="Type of representative", value="parent of a minor"),
        SimpleNamespace(slot="postal_address", label="Postal address", value="Hauptstrasse 5, 10115 Berlin"),
    ]
    for item in items:
        item.as_written = False
    text = rendered("en", "form/review", "saison-technology", request_type="request_disclosure", items=items)
    assert sent(dispatcher) == [{"text": text, "buttons": YES_OR_CANCEL_EN}]


async def test_after_a_plain_no_the_review_asks_which_item_to_change(dispatcher, domain):
    tracker = load_tracker("form_review_answer_ja", text="いいえ", intent="deny")
    events = await questions.AskReview().run(dispatcher, tracker, domain)
    assert events == turn_slots("ja", "actio")
    labels = ["お名前", "メールアドレス", "お住まいの国・地域", "ご請求者", "ご住所"]
    slots = ["requester_name", "email", "country", "acting_for", "postal_address"]
    values = ["山田 太郎", "taro@example.jp", "日本", "ご本人", "〒150-0001 東京都渋谷区神宮前1-2-3"]
    items = [
        SimpleNamespace(slot=s, label=lb, value=v, as_written=False)
        for s, lb, v in zip(slots, labels, values, strict=True)
    ]
    text = rendered("ja", "form/review_which", "actio", request_type="request_disclosure", items=items)
    assert sent(dispatcher) == [{"text": text, "buttons": YES_OR_CANCEL_JA}]
