"""What one turn gives the request form: volunteered details, ways forward, corrections, buttons."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.actions.form_filling import fill

NOW = dt.datetime(2026, 12, 8, 10, 0)


def turn(text: str, requested: str | None = None, lang: str = "ja", **current):
    return fill(
        text, requested=requested, current=current, now=NOW, lang=lang, deputy_kinds=current.pop("kinds", ())
    )


def test_a_name_answer_that_also_gives_the_address_fills_both_and_looks_up_the_postcode():
    filled = turn("山田花子です　住所は長崎県佐世保市日宇町１２３４－５　よろしくね", "requester_name")
    assert filled.slots == {
        "requester_name": "山田花子",
        "country": "日本",
        "postal_address": "〒857-1151 長崎県佐世保市日宇町1234-5",
    }
    assert filled.notes == [
        ("form/postcode_found", {"postcode": "857-1151", "place": "長崎県佐世保市日宇町"})
    ]
    assert filled.problem is None


def test_a_mother_is_a_deputy_and_her_name_is_only_her_name():
    filled = turn("私は母の鈴木由美です", "requester_name")
    assert filled.slots == {
        "requester_name": "鈴木由美",
        "acting_for": "deputy",
        "deputy_kind": "parent_of_minor",
    }


@pytest.mark.parametrize(
    ("text", "requested", "slot", "value"),
    [
        ("Germany, as I said", "country", "country", "Germany"),
        ("日本です", "country", "country", "日本"),
        ("昨日です", "incident_date", "incident_date", "2026-12-07"),
        ("母親です", "deputy_kind", "deputy_kind", "parent_of_minor"),
    ],
)
def test_answers_in_sentences_are_stored_clean(text, requested, slot, value):
    assert turn(text, requested).slots[slot] == value


def test_a_parent_is_the_legal_representative_where_the_company_names_only_that():
    filled = turn("母親です", "deputy_kind", kinds=["legal_representative", "adult_guardian", "mandatary"])
    assert filled.slots["deputy_kind"] == "legal_representative"


def test_no_postcode_after_a_failed_lookup_takes_the_address_and_flags_it():
    asked = turn("長崎県佐世保市どこか町1-2", "postal_address")
    assert asked.problem == "postal_address_postcode"
    assert asked.slots["pending_address"] == "長崎県佐世保市どこか町1-2"
    answered = turn("郵便番号はわからないのよ", "postal_address", pending_address="長崎県佐世保市どこか町1-2")
    assert answered.slots["postal_address"] == "長崎県佐世保市どこか町1-2"
    assert answered.slots["flagged"] == ["postal_address"]
    assert answered.problem is None


def test_a_postcode_of_another_town_is_asked_again():
    filled = turn("〒105-0011 長崎県佐世保市日宇町1234-5", "postal_address")
    assert filled.problem == "postal_address_mismatch"
    assert "postal_address" not in filled.slots


def test_no_e_mail_with_a_phone_number_chooses_the_phone():
    filled = turn("メールはやってないのよ。電話なら０９０－１２３４－５６７８に", "email")
    assert filled.slots == {"no_email": True, "phone": "090-1234-5678", "reply_channel": "phone"}
    assert filled.problem is None


def test_at_the_review_a_value_said_outright_replaces_its_answer():
    filled = turn(
        "the postcode is 857-1151",
        "review",
        lang="en",
        country="Japan",
        postal_address="〒105-0011 長崎県佐世保市日宇町1234-5",
    )
    assert filled.slots["postal_address"] == "〒857-1151 長崎県佐世保市日宇町1234-5"


def test_a_button_is_the_answer_to_the_question_it_came_with():
    filled = fill("/inform", requested="acting_for", current={}, now=NOW, lang="en", choice="deputy")
    assert filled.slots == {"acting_for": "deputy"}


def test_details_given_before_they_are_asked_are_not_overwritten_by_a_later_answer_to_something_else():
    filled = turn("taro@example.jp", "email", requester_name="山田太郎", phone="03-1234-5678")
    assert filled.slots == {"email": "taro@example.jp"}


def test_a_button_of_another_question_is_no_answer():
    filled = fill('/inform{"choice": "self"}', requested="request_details", current={}, now=NOW, lang="en")
    assert filled.slots == {} and filled.problem is None
