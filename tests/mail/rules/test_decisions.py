"""The decision table, row by row."""

import pytest

from mail.reading.threads import CaseRef, ThreadMatch
from mail.rules.base import Verdict
from mail.rules.decisions import decide, fallback_threshold

NONE = ThreadMatch(None, "none", False, "no reference")
OWNED = ThreadMatch(CaseRef("PRV-2026-000001", "a@example.com"), "headers", True, "In-Reply-To")
CLAIMED = ThreadMatch(CaseRef("PRV-2026-000001", "a@example.com"), "subject", False, "sender differs")
AUTO = ("auto_reply", Verdict(True, "Auto-Submitted: auto-replied"))


@pytest.mark.parametrize(
    ("no_reply", "match", "intent", "confidence", "left", "sender", "kind"),
    [
        (AUTO, OWNED, "request_disclosure", 0.99, True, True, "no_reply"),  # machines first
        (None, OWNED, "thank", 0.99, True, True, "thread"),
        (None, CLAIMED, "check_status", 0.99, True, True, "escalate"),  # a stranger naming a case
        (None, NONE, "request_deletion", 0.3, True, True, "escalate"),  # not clearly understood
        (None, NONE, None, 0.0, True, True, "escalate"),
        (None, NONE, "file_complaint", 0.99, True, True, "escalate"),
        (None, NONE, "request_deletion", 0.95, True, True, "new_case"),
        (None, NONE, "report_suspicious", 0.95, True, True, "new_case"),
        (None, NONE, "ask_fee", 0.9, True, True, "answer"),
        (None, NONE, "ask_fee", 0.9, False, True, "escalate"),  # daily auto-reply limit reached
        (None, NONE, "ask_fee", 0.9, True, False, "escalate"),  # nobody to answer
        (None, NONE, "greet", 0.9, True, True, "escalate"),
        (None, NONE, "check_status", 0.9, True, True, "escalate"),  # no case it could thread to
    ],
)
def test_decision_table(no_reply, match, intent, confidence, left, sender, kind):
    decision = decide(no_reply, match, intent, confidence, left, sender_known=sender)
    assert decision.kind == kind
    assert decision.case_ref == (OWNED.case.reference if kind == "thread" else None)


def test_documents_sent_without_a_case_go_to_a_person():
    assert decide(None, NONE, "ask_documents", 0.97, has_attachments=True).kind == "escalate"
    assert decide(None, NONE, "request_deletion", 0.97, has_attachments=True).kind == "new_case"


def test_mail_hands_over_where_the_chat_asks_again():
    threshold = fallback_threshold()  # the FallbackClassifier's, in bot/config.yml
    assert 0 < threshold < 1
    assert decide(None, NONE, "request_deletion", threshold - 0.01).kind == "escalate"
    assert decide(None, NONE, "request_deletion", threshold).kind == "new_case"
