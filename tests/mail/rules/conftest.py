"""A ParsedMail factory and a desk context, so rule tests build messages as values.

The factory starts from an ordinary customer mail that no rule matches;
each test changes only what it is about. Tests do not use mail.reading.decode: the
rules must be right whatever the parser's progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from mail.reading.message import ParsedMail
from mail.rules.base import MailContext

DESK = "privacy@madoguchi.example"
CUSTOMER = "hanako.sato@example.jp"
OUR_MESSAGE_ID = "<PRV-2026-000012.1234@madoguchi.example>"

_ORDINARY = ParsedMail(
    message_id="<20260501093000.1@mail.example.jp>",
    in_reply_to=None,
    references=(),
    sender=CUSTOMER,
    sender_name="佐藤 花子",
    recipients=(DESK,),
    subject="個人情報の開示請求について",
    date=dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC),
    text="お世話になっております。私の個人情報の開示をお願いします。\n",
    content_type="text/plain",
    headers={
        "from": f"佐藤 花子 <{CUSTOMER}>",
        "to": DESK,
        "subject": "個人情報の開示請求について",
        "message-id": "<20260501093000.1@mail.example.jp>",
        "date": "Fri, 01 May 2026 18:30:00 +0900",
        "mime-version": "1.0",
        "content-type": 'text/plain; charset="utf-8"',
    },
)


def make_mail(headers: dict[str, str | None] | None = None, **changes: Any) -> ParsedMail:
    """The ordinary mail with `changes`; `headers` are merged in (None removes one), names lower-cased.

    Subject, sender and content_type changes are mirrored into the headers so
    the message stays self-consistent.
    """
    merged: dict[str, str | None] = dict(_ORDINARY.headers)
    if "subject" in changes:
        merged["subject"] = changes["subject"]
    if "sender" in changes:
        merged["from"] = changes["sender"]
    if "content_type" in changes:
        merged["content-type"] = changes["content_type"]
    merged.update({name.lower(): value for name, value in (headers or {}).items()})
    kept = {name: value for name, value in merged.items() if value is not None}
    return replace(_ORDINARY, headers=kept, **changes)


def make_context(our_ids: frozenset[str] = frozenset({OUR_MESSAGE_ID})) -> MailContext:
    return MailContext(
        our_addresses=frozenset({"Privacy@Madoguchi.example", "noreply@madoguchi.example"}),
        our_message_ids=our_ids.__contains__,
    )


@pytest.fixture
def mail() -> Callable[..., ParsedMail]:
    return make_mail


@pytest.fixture
def context() -> MailContext:
    return make_context()
