"""Handing over to a person: on request, after two misunderstandings, and whether the desk is staffed."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.escalation import ActionFallback, ActionHandoff, desk_open
from responses.profiles.schema import Hours
from tests.bot.actions.conftest import DESK_CLOSED, DESK_OPEN, load_tracker, rendered, sent, turn_slots

pytestmark = pytest.mark.anyio

TOKYO_OFFICE = Hours(days="weekdays", open="09:00", close="18:00", timezone="Asia/Tokyo", closed_note=None)


@pytest.mark.parametrize(
    ("tracker", "lang", "profile", "now", "open_now", "says"),
    [
        ("handoff_ja", "ja", "actio", DESK_OPEN, True, "まもなく"),
        ("handoff_ja", "ja", "actio", DESK_CLOSED, False, "受付時間外"),
        ("handoff_en", "en", "sesenergy", DESK_OPEN, False, "as soon as possible"),  # no stated hours
    ],
)
async def test_a_handoff_says_when_a_person_will_answer_and_flags_the_conversation(
    tracker, lang, profile, now, open_now, says, at, dispatcher, domain
):
    at(now)
    events = await ActionHandoff().run(dispatcher, load_tracker(tracker), domain)
    assert events == [*turn_slots(lang, profile), SlotSet("handoff", "request_human")]
    text = rendered(lang, "handoff", profile, open_now=open_now)
    assert sent(dispatcher) == [{"text": text}, {"custom": {"handoff": {"reason": "request_human"}}}]
    assert says in text


async def test_the_first_misunderstanding_asks_to_rephrase(dispatcher, domain):
    events = await ActionFallback().run(dispatcher, load_tracker("fallback_first_ja"), domain)
    assert events == [*turn_slots("ja", "actio", understood=False), SlotSet("fallback_count", 1)]
    assert sent(dispatcher) == [{"text": rendered("ja", "fallback_rephrase", "actio")}]


async def test_the_second_misunderstanding_in_a_row_offers_a_person(dispatcher, domain):
    events = await ActionFallback().run(dispatcher, load_tracker("fallback_second_en"), domain)
    assert events == [
        *turn_slots("en", "actio", understood=False),
        SlotSet("fallback_count", 0),
        SlotSet("handoff", "not_understood"),
    ]
    button = {"title": "Talk to a person", "payload": "/request_human"}  # the customer chooses the handoff
    assert sent(dispatcher) == [
        {"text": rendered("en", "fallback_offer_human", "actio"), "buttons": [button]}
    ]


@pytest.mark.parametrize(
    ("hours", "now", "staffed"),
    [
        (None, DESK_OPEN, False),
        (TOKYO_OFFICE, DESK_OPEN, True),
        (TOKYO_OFFICE, DESK_CLOSED, False),  # Saturday
        (TOKYO_OFFICE, dt.datetime(2026, 6, 14, 23, 59, tzinfo=dt.UTC), False),  # Monday 08:59 in Tokyo
        (TOKYO_OFFICE, dt.datetime(2026, 6, 15, 0, 0, tzinfo=dt.UTC), True),  # 09:00
        (TOKYO_OFFICE, dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC), False),  # 18:00: closing time
        (TOKYO_OFFICE.model_copy(update={"days": "weekdays_and_saturday"}), DESK_CLOSED, True),
        (TOKYO_OFFICE.model_copy(update={"timezone": "Europe/Berlin"}), DESK_OPEN, False),  # 03:00 there
    ],
)
def test_whether_the_desk_is_staffed(hours, now, staffed):
    assert desk_open(hours, now) is staffed
