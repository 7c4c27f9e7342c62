"""Threading: headers thread (trusted); a subject reference threads only for the case's requester."""

from __future__ import annotations

import pytest

from mail.reading.threads import (
    MAX_REFERENCES,
    CaseRef,
    ThreadMatch,
    header_message_ids,
    subject_references,
    thread,
)
from tests.mail.rules.conftest import CUSTOMER, OUR_MESSAGE_ID, make_mail

CASE = CaseRef("PRV-2026-000123", CUSTOMER)
OLD_CASE = CaseRef("PRV-2025-000001", CUSTOMER)
OTHER_CASE = CaseRef("PRV-2026-000456", "someone.else@example.com")
EARLIER_INCOMING = "<20260420.5@mail.example.jp>"


class FakeLookup:
    """The case store as a dict; records what was asked so tests can check the order."""

    def __init__(self) -> None:
        self.ids = {OUR_MESSAGE_ID: CASE, EARLIER_INCOMING: CASE, "<old@madoguchi.example>": OLD_CASE}
        self.cases = {case.reference: case for case in (CASE, OLD_CASE, OTHER_CASE)}
        self.asked: list[str] = []

    def by_message_id(self, message_id: str) -> CaseRef | None:
        self.asked.append(message_id)
        return self.ids.get(message_id)

    def by_reference(self, reference: str) -> CaseRef | None:
        self.asked.append(reference)
        return self.cases.get(reference)


TRUSTED_HEADERS = [
    pytest.param({"in_reply_to": OUR_MESSAGE_ID}, CASE, id="in-reply-to-ours"),
    pytest.param({"in_reply_to": EARLIER_INCOMING}, CASE, id="in-reply-to-earlier-incoming"),
    pytest.param({"references": ("<unknown@x>", OUR_MESSAGE_ID)}, CASE, id="references-only"),
    pytest.param(
        {"references": ("<old@madoguchi.example>", OUR_MESSAGE_ID)}, CASE, id="references-newest-first"
    ),
    pytest.param(
        {"in_reply_to": "<old@madoguchi.example>", "references": (OUR_MESSAGE_ID,)},
        OLD_CASE,
        id="in-reply-to-before-references",
    ),
    pytest.param(
        {"in_reply_to": OUR_MESSAGE_ID, "sender": "colleague@example.jp", "subject": "Re: PRV-2026-000456"},
        CASE,
        id="headers-beat-subject",
    ),
    pytest.param(
        {"in_reply_to": f"{OUR_MESSAGE_ID} (Hanako's message of May 1)"}, CASE, id="in-reply-to-with-comment"
    ),
    pytest.param({"in_reply_to": OUR_MESSAGE_ID.strip("<>")}, CASE, id="bare-in-reply-to"),
]


@pytest.mark.parametrize(("changes", "case"), TRUSTED_HEADERS)
def test_headers_thread_trusted(changes: dict, case: CaseRef) -> None:
    match = thread(make_mail(**changes), FakeLookup())
    assert (match.case, match.how, match.trusted) == (case, "headers", True)


SUBJECTS = [
    pytest.param("Re: PRV-2026-000123 開示請求", CUSTOMER, True, id="owner"),
    pytest.param("【ＰＲＶ－２０２６－０００１２３】追加書類", CUSTOMER, True, id="full-width-in-lenticular"),
    pytest.param("[prv-2026-000123] documents", CUSTOMER, True, id="lower-case-in-brackets"),
    pytest.param("prv2026000123", CUSTOMER, True, id="no-hyphens"),
    pytest.param("PRV 2026 000123", CUSTOMER, True, id="spaces"),
    pytest.param("Re: PRV-2026-000123", "HANAKO.SATO@EXAMPLE.JP", True, id="owner-upper-case"),
    pytest.param("Re: PRV-2026-000123", "ｈａｎａｋｏ.ｓａｔｏ＠example.jp", True, id="owner-full-width"),
    pytest.param("PRV-2026-000456 / PRV-2026-000123", CUSTOMER, True, id="owner-of-second-reference"),
    pytest.param("Re: PRV-2026-000123", "stranger@example.com", False, id="stranger"),
    pytest.param("Re: PRV-2026-000123", None, False, id="no-sender"),
]


@pytest.mark.parametrize(("subject", "sender", "trusted"), SUBJECTS)
def test_subject_reference(subject: str, sender: str | None, trusted: bool) -> None:
    match = thread(make_mail(subject=subject, sender=sender), FakeLookup())
    assert (match.case, match.how, match.trusted) == (CASE, "subject", trusted)


def test_stranger_match_says_nothing_personal() -> None:
    match = thread(make_mail(subject="PRV-2026-000123", sender="stranger@example.com"), FakeLookup())
    assert CUSTOMER not in match.reason and "stranger" not in match.reason


NO_THREAD = [
    pytest.param({}, id="new-request"),
    pytest.param({"text": "PRV-2026-000123 の件で連絡します。"}, id="reference-in-body-only"),
    pytest.param({"subject": "PRV-2026-999999"}, id="unknown-reference"),
    pytest.param({"subject": "PRV-2026-0001234"}, id="seven-digits"),
    pytest.param({"subject": "XPRV-2026-000123"}, id="glued-prefix"),
    pytest.param({"in_reply_to": "<unknown@example.jp>", "references": ("<a@b>",)}, id="unknown-ids"),
]


@pytest.mark.parametrize("changes", NO_THREAD)
def test_no_thread(changes: dict) -> None:
    assert thread(make_mail(**changes), FakeLookup()) == ThreadMatch(
        None, "none", False, "no recorded message id or known case reference"
    )


def test_lookup_order_and_dedup() -> None:
    lookup = FakeLookup()
    mail = make_mail(in_reply_to="<c@x>", references=("<a@x>", "<b@x> <c@x>"), subject="PRV-2026-999999")
    thread(mail, lookup)
    assert lookup.asked == ["<c@x>", "<b@x>", "<a@x>", "PRV-2026-999999"]


def test_references_are_bounded() -> None:
    references = tuple(f"<{n}@x>" for n in range(500))
    ids = header_message_ids(make_mail(in_reply_to="<reply@x>", references=references))
    assert ids[:3] == ("<reply@x>", "<499@x>", "<498@x>")
    assert len(ids) == MAX_REFERENCES + 1


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Re: PRV-2026-000123 PRV-2026-000123", ("PRV-2026-000123",)),
        ("ＰＲＶ－２０２６ー０００１２３の件", ("PRV-2026-000123",)),
        ("〔PRV_2026_000123〕", ("PRV-2026-000123",)),
        ("お問い合わせ", ()),
    ],
)
def test_subject_references(subject: str, expected: tuple[str, ...]) -> None:
    assert subject_references(subject) == expected
