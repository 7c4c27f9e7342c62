"""The decision table, row by row: the exact decision (kind, reason, case, intent) each reading leads to."""

import pytest

from mail.reading.threads import CaseRef, ThreadMatch
from mail.rules.base import Verdict
from mail.rules.decisions import DECISION_TABLE, Decision, DecisionKind, decide, fallback_threshold

NONE = ThreadMatch(None, "none", False, "no reference")
OWNED = ThreadMatch(CaseRef("PRV-2026-000001", "a@example.com"), "headers", True, "In-Reply-To")
CLAIMED = ThreadMatch(CaseRef("PRV-2026-000001", "a@example.com"), "subject", False, "sender differs")
AUTO = ("auto_reply", Verdict(True, "Auto-Submitted: auto-replied"))

NEW_CASE, ANSWER, THREAD = DecisionKind.NEW_CASE, DecisionKind.ANSWER, DecisionKind.THREAD
NO_REPLY, ESCALATE = DecisionKind.NO_REPLY, DecisionKind.ESCALATE
UNCLEAR = Decision(ESCALATE, "the message is not clearly understood")


@pytest.mark.parametrize(
    ("no_reply", "match", "intent", "confidence", "left", "sender", "expected"),
    [
        (
            AUTO,
            OWNED,
            "request_disclosure",
            0.99,
            True,
            True,
            Decision(NO_REPLY, "auto_reply: " + AUTO[1].reason),
        ),
        (None, OWNED, "thank", 0.99, True, True, Decision(THREAD, "In-Reply-To", "PRV-2026-000001")),
        (  # a stranger naming a case
            None,
            CLAIMED,
            "check_status",
            0.99,
            True,
            True,
            Decision(ESCALATE, "the subject names a case that belongs to another address"),
        ),
        (None, NONE, "request_deletion", 0.3, True, True, UNCLEAR),
        (None, NONE, None, 0.0, True, True, UNCLEAR),
        (
            None,
            NONE,
            "file_complaint",
            0.99,
            True,
            True,
            Decision(ESCALATE, "complaints are handled by a person"),
        ),
        (
            None,
            NONE,
            "request_deletion",
            0.95,
            True,
            True,
            Decision(NEW_CASE, "the message makes a request that opens a case", intent="request_deletion"),
        ),
        (
            None,
            NONE,
            "report_suspicious",
            0.95,
            True,
            True,
            Decision(NEW_CASE, "the message makes a request that opens a case", intent="report_suspicious"),
        ),
        (
            None,
            NONE,
            "ask_fee",
            0.9,
            True,
            True,
            Decision(ANSWER, "the message asks a question mail answers", intent="ask_fee"),
        ),
        (  # daily auto-reply limit reached
            None,
            NONE,
            "ask_fee",
            0.9,
            False,
            True,
            Decision(ESCALATE, "the daily limit of automatic replies to this address is reached"),
        ),
        (None, NONE, "ask_fee", 0.9, True, False, Decision(ESCALATE, "there is no sender address to answer")),
        (None, NONE, "greet", 0.9, True, True, Decision(ESCALATE, "greet needs a person")),
        (  # no case it could thread to
            None,
            NONE,
            "check_status",
            0.9,
            True,
            True,
            Decision(ESCALATE, "check_status needs a person"),
        ),
    ],
)
def test_decision_table(no_reply, match, intent, confidence, left, sender, expected):
    assert decide(no_reply, match, intent, confidence, left, sender_known=sender) == expected


def test_documents_sent_without_a_case_go_to_a_person():
    assert decide(None, NONE, "ask_documents", 0.97, has_attachments=True) == Decision(
        ESCALATE, "attachments need a person"
    )
    assert decide(None, NONE, "request_deletion", 0.97, has_attachments=True).kind == NEW_CASE


def test_mail_hands_over_where_the_chat_asks_again():
    threshold = fallback_threshold()  # the FallbackClassifier's, in bot/config.yml
    assert 0 < threshold < 1
    assert decide(None, NONE, "request_deletion", threshold - 0.01).kind == ESCALATE
    assert decide(None, NONE, "request_deletion", threshold).kind == NEW_CASE


def test_the_table_is_declared_in_order_and_ends_with_a_person():
    assert [row.kind for row in DECISION_TABLE] == [
        NO_REPLY,
        THREAD,
        ESCALATE,
        ESCALATE,
        ESCALATE,
        ESCALATE,
        ESCALATE,
        NEW_CASE,
        ESCALATE,
        ANSWER,
        ESCALATE,
    ]
    assert {row.kind for row in DECISION_TABLE} == set(DecisionKind)


def test_kinds_are_the_strings_stored_in_the_database():
    assert [kind.value for kind in DecisionKind] == ["new_case", "answer", "thread", "no_reply", "escalate"]
