"""`madoguchi mail classify`: the runner's triage of one file as JSON, with nothing kept."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from cases.models import CaseEvent, OutboxMessage
from mail.intake.dry_run import triage_report
from mail.intake.models import InboundMail
from tests.mail.intake.test_runner import (
    DESK,
    NEW_REQUEST_TEXT,
    NOT_MAIL,
    PROFILE,
    ScriptedNlu,
    fixture,
    seed_case,
)


def report(sessions, tmp_path, raw: bytes, nlu: ScriptedNlu) -> dict:
    path = tmp_path / "message.eml"
    path.write_bytes(raw)
    return triage_report(path, sessions, nlu, PROFILE, DESK)


def test_a_request_is_reported_as_the_runner_would_decide_it(sessions, tmp_path):
    found = report(sessions, tmp_path, fixture("new_request.eml"), ScriptedNlu("request_deletion", 0.951234))
    assert found == {
        "language": "en",
        "intent": "request_deletion",
        "confidence": 0.9512,
        "decision": "new_case",
        "case_ref": None,
        "text": NEW_REQUEST_TEXT,
    }
    assert type(found["decision"]) is str  # plain JSON, not the enum
    with sessions() as session:
        assert [
            session.scalar(select(func.count()).select_from(m)) for m in (InboundMail, OutboxMessage)
        ] == [0, 0]


def test_a_follow_up_names_its_case_and_changes_nothing(sessions, tmp_path):
    seed_case(sessions, 12)
    with sessions() as session:
        before = session.scalar(select(func.count()).select_from(CaseEvent))
    found = report(sessions, tmp_path, fixture("reply_in_reply_to.eml"), ScriptedNlu("inform", 0.9))
    assert (found["decision"], found["case_ref"], found["language"]) == ("thread", "PRV-2026-000012", "ja")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == before


def test_what_is_not_mail_is_reported_for_a_person(sessions, tmp_path):
    nlu = ScriptedNlu("request_deletion", 0.95)
    assert json.dumps(report(sessions, tmp_path, NOT_MAIL, nlu)) == json.dumps(
        {
            "language": None,
            "intent": None,
            "confidence": 0.0,
            "decision": "escalate",
            "case_ref": None,
            "text": "",
        }
    )
    assert nlu.asked == []
