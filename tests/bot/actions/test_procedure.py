"""A request's first reply is the company's procedure and an offer; how-do-I questions get the same;
two-part questions get both answers; the second upset turn goes to a person."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.procedure import ActionOfferRequest
from bot.actions.replies import ActionRespond
from responses.topics import answer_topics, topics_in
from tests.bot.actions.conftest import load_tracker, rendered, sent, turn_slots

pytestmark = pytest.mark.anyio

OFFER_BUTTONS = {
    "ja": [
        {"title": "はい、受付を始める", "payload": "/affirm"},
        {"title": "今はしない", "payload": "/deny"},
    ],
    "en": [{"title": "Yes, start", "payload": "/affirm"}, {"title": "Not now", "payload": "/deny"}],
}


def offered(lang: str, profile: str, request_type: str, regime: str = "appi", channel=None) -> dict:
    text = rendered(
        lang, "procedure/offer", profile, request_type=request_type, regime=regime, incident_channel=channel
    )
    return {"text": text, "buttons": OFFER_BUTTONS[lang]}


async def test_a_request_is_answered_with_the_procedure_and_an_offer_not_a_question(dispatcher, domain):
    events = await ActionOfferRequest().run(dispatcher, load_tracker("request_start_ja"), domain)
    assert events == [
        *turn_slots("ja", "actio"),
        SlotSet("request_type", "request_disclosure"),
        SlotSet("request_offered", True),
    ]
    assert sent(dispatcher) == [offered("ja", "actio", "request_disclosure")]
    question = rendered("ja", "ask/requester_name", "actio", request_type="request_disclosure", deputy=False)
    assert "2,500" in sent(dispatcher)[0]["text"] and question not in sent(dispatcher)[0]["text"]


async def test_the_offer_follows_the_regime_the_message_names(dispatcher, domain):
    text = "I live in Germany and I withdraw my consent"
    tracker = load_tracker("request_start_en", text=text, intent="withdraw_consent")
    tracker.latest_message["metadata"]["profile"] = "saison-technology"  # its policy has an EEA section
    await ActionOfferRequest().run(dispatcher, tracker, domain)
    assert sent(dispatcher) == [offered("en", "saison-technology", "withdraw_consent", regime="gdpr")]
    reply = sent(dispatcher)[0]["text"]
    assert "until you withdraw" in reply and "mail@planit.legal" in reply and "authority" in reply


async def test_a_regime_the_policy_has_no_section_for_gets_no_promises_of_that_law(dispatcher, domain):
    text = "I live in Germany and I withdraw my consent"
    tracker = load_tracker("request_start_en", text=text, intent="withdraw_consent")
    await ActionOfferRequest().run(dispatcher, tracker, domain)
    reply = sent(dispatcher)[0]["text"]
    assert "no section for residents of the European Economic Area" in reply
    assert "GDPR" not in reply and "2,500" not in reply


async def test_a_suspicious_call_gets_advice_for_a_phone_call(dispatcher, domain):
    text = "Was that call really from you? They asked for my card number"
    tracker = load_tracker("request_start_en", text=text, intent="report_suspicious")
    await ActionOfferRequest().run(dispatcher, tracker, domain)
    reply = sent(dispatcher)[0]["text"]
    assert sent(dispatcher) == [offered("en", "actio", "report_suspicious", channel="phone")]
    assert "Hang up" in reply and "card company" in reply and "click" not in reply


@pytest.mark.parametrize(
    ("text", "lang", "request_type"),
    [
        ("How can I find out what you hold about me?", "en", "request_disclosure"),
        ("削除してもらうにはどうすればいいですか", "ja", "request_deletion"),
    ],
)
async def test_how_do_i_ask_for_a_request_gets_its_procedure_and_the_offer(
    text, lang, request_type, dispatcher, domain
):
    tracker = load_tracker(f"request_start_{lang}", text=text, intent="ask_procedure")
    events = await ActionRespond().run(dispatcher, tracker, domain)
    assert sent(dispatcher) == [offered(lang, "actio", request_type)]
    assert SlotSet("request_offered", True) in events and SlotSet("request_type", request_type) in events


async def test_a_two_part_question_gets_both_answers(dispatcher, domain):
    text = "How much does it cost and what documents do I need?"
    tracker = load_tracker("request_start_en", text=text, intent="ask_fee")
    await ActionRespond().run(dispatcher, tracker, domain)
    both = (
        rendered("en", "answer/ask_fee", "actio") + "\n\n" + rendered("en", "answer/ask_documents", "actio")
    )
    assert sent(dispatcher) == [{"text": both}]


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("手数料はいくらで、どうやって申し込むの？", "ask_fee", ["ask_fee", "ask_procedure"]),
        ("How long does it take?", "ask_timeline", ["ask_timeline"]),
        ("Where did you get my address from?", "ask_third_party", ["ask_source"]),
        ("What is my data used for?", "ask_purpose", ["ask_purpose"]),
    ],
)
def test_the_topics_a_question_asks_about(text, intent, expected):
    assert answer_topics(intent, text) == expected


def test_topics_come_in_the_order_asked():
    assert topics_in("how long does it take and how much is the fee") == ["ask_timeline", "ask_fee"]


async def test_the_first_upset_turn_is_answered_and_counted(dispatcher, domain):
    tracker = load_tracker(
        "request_start_en", text="This is ridiculous, how much is the fee???", intent="ask_fee"
    )
    events = await ActionRespond().run(dispatcher, tracker, domain)
    assert SlotSet("upset_count", 1) in events and SlotSet("handoff", "upset") not in events
    assert sent(dispatcher) == [{"text": rendered("en", "answer/ask_fee", "actio")}]


async def test_the_second_upset_turn_goes_to_a_person_without_a_button(dispatcher, domain, at):
    at(dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC))  # 10:00 in Tokyo on a Monday: the desk is open
    tracker = load_tracker(
        "request_start_en", text="You are useless. Stop sending me catalogues!", intent="optout_catalog"
    )
    tracker.slots["upset_count"] = 1
    events = await ActionOfferRequest().run(dispatcher, tracker, domain)
    assert SlotSet("upset_count", 2) in events and SlotSet("handoff", "upset") in events
    messages = sent(dispatcher)
    assert messages[0] == {"text": rendered("en", "handoff", "actio", open_now=True, reason="upset")}
    assert messages[1] == {"custom": {"handoff": {"reason": "upset"}}}
    assert not any(message.get("buttons") for message in messages)


async def test_a_question_from_someone_who_wants_the_request_also_offers_it(dispatcher, domain):
    tracker = load_tracker("request_start_ja", text="娘の代わりに開示請求したいのですが", intent="ask_deputy")
    events = await ActionRespond().run(dispatcher, tracker, domain)
    assert (
        SlotSet("request_offered", True) in events and SlotSet("request_type", "request_disclosure") in events
    )
