"""The acknowledgement asks for what a mailed request came without, and only that."""

from __future__ import annotations

import dataclasses

import pytest

from mail.outbox.compose import case_opened_mail
from responses.profiles import load_profile
from tests.responses.test_templates import case_view, requester


def body(lang: str, person) -> str:
    case = dataclasses.replace(case_view("request_disclosure"), language=lang)
    message = case_opened_mail(case, person, load_profile("actio"), None, "<ack-1@example.jp>")
    return message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("lang", "heading", "address"),
    [("ja", "お知らせいただきたい事項", "ご住所"), ("en", "What we still need", "postal address")],
)
def test_what_the_request_came_without_is_asked_for(lang, heading, address):
    without_address = dataclasses.replace(requester(False), postal_address=None)
    text = body(lang, without_address)
    assert heading in text and address in text
    assert heading not in body(lang, requester(False))  # nothing missing: nothing asked
