"""The fixture corpus through the runner's reading, with the real NLU: each message's expected decision."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

from cases.db import make_engine
from cases.models import ReferenceCounter
from cases.outbox import queue
from cases.service import CaseService
from madoguchi.db import upgrade
from mail.intake.triage import triage
from responses.profiles import load_profile
from tests import MAIL_FIXTURES
from tests.factories import new_request

FIXTURES = MAIL_FIXTURES
EXPECTED = yaml.safe_load((FIXTURES / "decisions.yaml").read_text(encoding="utf-8"))
OUR_ADDRESS = "privacy@madoguchi.example"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> sessionmaker:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('fixtures') / 'cases.db'}")
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    profile = load_profile("actio")
    with sessions.begin() as session:
        service = CaseService(session)
        new = new_request(
            channel="mail", requester_name="佐藤 花子", requester_email="hanako.sato@example.jp"
        )
        session.add(ReferenceCounter(year=2026, last=11))
        session.flush()
        acked = service.open(new, profile)
        queue(
            session,
            kind="case_opened",
            recipient=acked.requester_email,
            case_id=acked.id,
            message_id="<PRV-2026-000012.1234@madoguchi.example>",
        )
        session.execute(update(ReferenceCounter).values(last=122))
        assert (acked.reference, service.open(new, profile).reference) == (
            "PRV-2026-000012",
            "PRV-2026-000123",
        )
    return sessions


def test_the_corpus_is_big_enough_and_covers_every_decision():
    assert len(EXPECTED) >= 30
    assert set(EXPECTED.values()) == {"new_case", "answer", "thread", "no_reply", "escalate"}


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_fixture_decision(stack, store, name, expected):
    with store() as session:
        reading = triage(
            (FIXTURES / name).read_bytes(), session, stack.assistant, load_profile("actio"), OUR_ADDRESS
        )
        session.rollback()
    assert reading.decision.kind == expected, (
        reading.decision,
        reading.intent,
        reading.confidence,
        reading.text,
    )
