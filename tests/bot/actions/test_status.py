"""Where a case stands: taking the reference and address, and answering only when both match."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.status import (
    ActionAskStatusEmail,
    ActionAskStatusReference,
    ActionReportStatus,
    ActionStartStatus,
    ValidateStatusForm,
)
from cases.service import CaseService
from cases.views import CaseView
from responses.profiles import load_profile
from tests.bot.actions.conftest import load_tracker, rendered, sent, turn_slots
from tests.factories import new_request

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("tracker", "lang", "reference", "address"),
    [
        ("status_start_ja", "ja", "PRV-2026-000123", "taro@example.jp"),  # both written in the question
        ("status_start_en", "en", "PRV-2026-000042", None),  # the case opened earlier in this chat
    ],
)
async def test_a_status_check_takes_what_the_question_already_says(
    tracker, lang, reference, address, dispatcher, domain
):
    events = await ActionStartStatus().run(dispatcher, load_tracker(tracker), domain)
    assert events == [
        *turn_slots(lang, "actio"),
        SlotSet("status_reference", reference),
        SlotSet("status_email", address),
    ]
    assert sent(dispatcher) == []


@pytest.mark.parametrize(
    ("action", "name", "template"),
    [
        (ActionAskStatusReference, "action_ask_status_reference", "status/ask_reference"),
        (ActionAskStatusEmail, "action_ask_status_email", "status/ask_email"),
    ],
)
@pytest.mark.parametrize(
    ("tracker", "lang", "profile"),
    [("status_asking_ja", "ja", "actio"), ("status_asking_en", "en", "sesenergy")],
)
async def test_the_status_questions(action, name, template, tracker, lang, profile, dispatcher, domain):
    events = await action().run(dispatcher, load_tracker(tracker), domain)
    assert action().name() == name
    assert events == turn_slots(lang, profile)
    assert sent(dispatcher) == [{"text": rendered(lang, template, profile)}]


@pytest.mark.parametrize(
    ("tracker", "text", "slot", "kept"),
    [
        ("status_answer_reference_ja", None, "status_reference", "PRV-2026-000123"),
        ("status_answer_reference_ja", "メールに書いてありません", "status_reference", None),
        ("status_answer_email_en", None, "status_email", "emma.clarke@example.co.uk"),
        ("status_answer_email_en", "no idea", "status_email", None),
    ],
)
async def test_the_status_form_keeps_only_a_tidied_reference_or_address(
    tracker, text, slot, kept, dispatcher, domain
):
    events = await ValidateStatusForm().run(dispatcher, load_tracker(tracker, text=text), domain)
    assert events == [SlotSet(slot, kept)]
    assert sent(dispatcher) == []


def open_case(store, email: str) -> CaseView:
    """A disclosure request at actio, opened in 2026 so its reference is PRV-2026-000001."""
    new = new_request(requester_email=email, country="日本")
    opened_at = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)
    with store.begin() as session:
        return CaseView.of(CaseService(session, lambda: opened_at).open(new, load_profile("actio")))


@pytest.mark.parametrize("address_on_case", ["taro@example.jp", "Taro@Example.JP"])
async def test_the_status_is_told_when_reference_and_address_match(
    address_on_case, store, dispatcher, domain
):
    case = open_case(store, address_on_case)
    events = await ActionReportStatus().run(dispatcher, load_tracker("status_report_ja"), domain)
    assert events == [
        *turn_slots("ja", "actio"),
        SlotSet("status_reference", None),
        SlotSet("status_email", None),
    ]
    assert (case.reference, case.status) == ("PRV-2026-000001", "awaiting_identity")
    assert sent(dispatcher) == [{"text": rendered("ja", "status/result", "actio", case=case)}]


@pytest.mark.parametrize("address_on_case", ["hanako@example.jp", None])
async def test_nothing_is_told_about_a_case_with_another_address(address_on_case, store, dispatcher, domain):
    if address_on_case:
        open_case(store, address_on_case)
    events = await ActionReportStatus().run(dispatcher, load_tracker("status_report_ja"), domain)
    assert events == [
        *turn_slots("ja", "actio"),
        SlotSet("status_reference", None),
        SlotSet("status_email", None),
    ]
    assert sent(dispatcher) == [{"text": rendered("ja", "status/not_found", "actio")}]
