"""Random and mutated mail through the whole runner (real NLU): it always ends somewhere."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import sessionmaker

from cases.db import make_engine
from madoguchi.db import upgrade
from mail.intake.models import InboundMail
from mail.intake.runner import MAX_TRIES, Runner
from mail.intake.store import store
from responses.profiles import load_profile
from tests import MAIL_FIXTURES

FIXTURES = sorted(MAIL_FIXTURES.rglob("*.eml"))


@st.composite
def mutated_fixture(draw) -> bytes:
    data = bytearray(FIXTURES[draw(st.integers(0, len(FIXTURES) - 1))].read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            del data[at:]
    return bytes(data)


messages = st.one_of(st.binary(max_size=3000), mutated_fixture())


def test_every_message_ends_processed_or_quarantined(stack, tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('props') / 'cases.db'}")
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    runner = Runner(sessions, stack.assistant, load_profile("actio"), None)

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(raw=messages)
    def check(raw: bytes) -> None:
        with sessions.begin() as session:
            row_id = store(session, raw, "property-test").id
        for _ in range(MAX_TRIES):
            if runner.process(row_id) != "stored":
                break
        with sessions() as session:
            assert session.get(InboundMail, row_id).status in {"processed", "quarantined"}

    assert FIXTURES, "the mail fixture corpus is missing"
    check()
