"""The runner offline: every path a stored message takes, with a scripted NLU, on each real database.

The NLU is the one collaborator scripted here (its answers are Rasa's, not ours
to test); the store, the case service, the outbox and the .eml bytes are real.
"""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.header import Header
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.client import Assistant, AssistantError, AssistantUnavailable
from cases.clock import utc_now
from cases.models import Case, OutboxMessage, ReferenceCounter
from cases.outbox import queue
from cases.service import CaseService, NewCase
from desk.held_mail import held_query
from mail.intake.models import InboundMail
from mail.intake.runner import HANDLERS, MAX_TRIES, Runner
from mail.intake.states import InboundStatus
from mail.intake.store import pending, store
from mail.rules.decisions import DecisionKind
from responses.profiles import load_profile
from responses.rendering import renderer
from tests import MAIL_FIXTURES
from tests.conftest import free_port

PROFILE = load_profile("actio")
DESK = "privacy@madoguchi.example"  # the address the fixtures are sent to, as in expected.yaml
OUR_ACK = "<PRV-2026-000012.1234@madoguchi.example>"  # the acknowledgement the fixtures reply to
OWNER = "hanako.sato@example.jp"
NOW = dt.datetime(2026, 5, 8, 1, 0, tzinfo=dt.UTC)
NEW_REQUEST_ID = "<0f9e8d7c-6b5a-4c3d-2e1f-anna@example.de>"
NEW_REQUEST_TEXT = (
    "Dear privacy team,\n\nI bought from your online shop last year. Please delete all personal data\n"
    "you hold about me and confirm when this is done.\n\nKind regards,\nAnna Schmidt"
)
NOT_MAIL = b"\xff\xfe<b>not mail</b>\x00"


class ScriptedNlu:
    """Answers /model/parse with one scripted intent, or raises `error`; records every text it is asked."""

    def __init__(
        self, intent: str = "nlu_fallback", confidence: float = 0.0, error: Exception | None = None
    ) -> None:
        self.intent, self.confidence, self.error = intent, confidence, error
        self.asked: list[str] = []

    def parse(self, text: str) -> dict:
        self.asked.append(text)
        if self.error is not None:
            raise self.error
        best = {"name": self.intent, "confidence": self.confidence}
        return {"text": text, "intent": best, "entities": [], "intent_ranking": [best]}


def fixture(name: str) -> bytes:
    return (MAIL_FIXTURES / "rules" / name).read_bytes()


def question(message_id: str = "<fee-1@example.jp>") -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Taro Yamada <taro@example.jp>", DESK
    message["Subject"], message["Message-ID"] = "Fees", message_id
    message["Date"] = "Fri, 08 May 2026 10:00:00 +0900"
    message.set_content("How much does a disclosure request cost?")
    return message.as_bytes()


def runner(sessions: sessionmaker[Session], nlu: object) -> Runner:
    return Runner(sessions, nlu, PROFILE, DESK, clock=lambda: NOW)


def stored(sessions: sessionmaker[Session], raw: bytes) -> int:
    with sessions.begin() as session:
        return store(session, raw, "smtp", clock=lambda: NOW).id


def seed_case(sessions: sessionmaker[Session], number: int, ack_status: str = "queued") -> int:
    """Case PRV-2026-<number> of OWNER, acknowledged with OUR_ACK, as the fixtures expect."""
    with sessions.begin() as session:
        session.add(ReferenceCounter(year=2026, last=number - 1))
        session.flush()
        new = NewCase("request_disclosure", "appi", "ja", "mail", "佐藤 花子", OWNER)
        case = CaseService(session, lambda: NOW).open(new, PROFILE)
        ack = queue(session, kind="case_opened", recipient=OWNER, message_id=OUR_ACK, case_id=case.id)
        ack.status = ack_status
        return case.id


def outcome(session: Session, inbound_id: int) -> tuple:
    row = session.get(InboundMail, inbound_id)
    return row.status, row.decision, row.reason, row.tries, row.last_error


def last_event(session: Session, case_id: int) -> tuple:
    event = CaseService(session).events(session.get(Case, case_id))[-1]
    return event.actor, event.kind, event.detail


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model))


def utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def test_every_decision_kind_has_its_handler():
    assert set(HANDLERS) == set(DecisionKind)


def test_a_request_opens_a_case_queues_its_acknowledgement_and_records_the_message(sessions):
    nlu = ScriptedNlu("request_deletion", 0.95)
    inbound_id = stored(sessions, fixture("new_request.eml"))
    assert runner(sessions, nlu).process(inbound_id) is InboundStatus.PROCESSED
    assert nlu.asked == [NEW_REQUEST_TEXT]  # the body was clear: the subject is not read with it
    with sessions() as session:
        row = session.get(InboundMail, inbound_id)
        assert outcome(session, inbound_id) == (
            "processed",
            "new_case",
            "the message makes a request that opens a case",
            0,
            None,
        )
        assert (row.intent, row.confidence, row.language, utc(row.processed_at)) == (
            "request_deletion",
            0.95,
            "en",
            NOW,
        )
        case = session.get(Case, row.case_id)
        assert (case.reference, case.request_type, case.regime, case.channel, case.language) == (
            f"PRV-{utc_now().year}-000001",
            "request_deletion",
            "appi",
            "mail",
            "en",
        )
        assert (case.requester_name, case.requester_email, case.details, case.status) == (
            "Anna Schmidt",
            "anna.schmidt@example.de",
            NEW_REQUEST_TEXT,
            "awaiting_identity",
        )
        ack = session.scalars(select(OutboxMessage)).one()
        assert (ack.kind, ack.case_id, ack.recipient, ack.in_reply_to, ack.status, ack.raw) == (
            "case_opened",
            case.id,
            "anna.schmidt@example.de",
            NEW_REQUEST_ID,
            "queued",
            None,  # composed when it leaves
        )
        trail = [(e.actor, e.kind, e.detail) for e in CaseService(session).events(case)]
        assert trail[-2:] == [
            ("system", "message_out", {"message_id": ack.message_id, "kind": "case_opened"}),
            ("customer", "message_in", {"inbound_id": inbound_id, "message_id": NEW_REQUEST_ID}),
        ]


def test_a_policy_question_is_answered_by_mail_in_its_thread(sessions):
    inbound_id = stored(sessions, question())
    assert runner(sessions, ScriptedNlu("ask_fee", 0.93)).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        assert outcome(session, inbound_id) == (
            "processed",
            "answer",
            "the message asks a question mail answers",
            0,
            None,
        )
        row = session.get(InboundMail, inbound_id)
        assert (row.intent, row.language, row.case_id) == ("ask_fee", "en", None)
        answer = session.scalars(select(OutboxMessage)).one()
        assert (answer.kind, answer.recipient, answer.in_reply_to, answer.case_id, answer.status) == (
            "answer",
            "taro@example.jp",
            "<fee-1@example.jp>",
            None,
            "queued",
        )
        assert utc(answer.created_at) == NOW
        assert count(session, Case) == 0
    sent = message_from_bytes(answer.raw, policy=policy.default)
    assert (sent["In-Reply-To"], sent["References"], sent["Message-ID"]) == (
        "<fee-1@example.jp>",
        "<fee-1@example.jp>",
        answer.message_id,
    )
    assert (sent["To"], sent["Subject"], sent["Auto-Submitted"]) == (
        "Taro Yamada <taro@example.jp>",
        "Re: Fees",
        "auto-replied",
    )
    assert sent["From"].addresses[0].addr_spec == DESK
    assert answer.message_id.endswith("@madoguchi.example>")
    assert sent.get_content().startswith("Dear Taro Yamada,")


@pytest.mark.parametrize(
    ("name", "number", "reason", "message_id"),
    [
        pytest.param(
            "reply_in_reply_to.eml",
            12,
            "replies to a message recorded on the case",
            "<a1b2c3d4-0505-2031-sato@example.jp>",
            id="in-reply-to",
        ),
        pytest.param(
            "followup_subject_owner.eml",
            123,
            "subject names a case of the sender",
            "<20260506080530.4455@smtp.example.jp>",
            id="subject-reference-from-the-owner",
        ),
    ],
)
def test_a_follow_up_is_attached_to_its_case(sessions, name, number, reason, message_id):
    case_id = seed_case(sessions, number)
    inbound_id = stored(sessions, fixture(name))
    assert runner(sessions, ScriptedNlu("inform", 0.9)).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        assert outcome(session, inbound_id) == ("processed", "thread", reason, 0, None)
        assert session.get(InboundMail, inbound_id).case_id == case_id
        assert session.get(Case, case_id).reference == f"PRV-2026-{number:06d}"
        assert last_event(session, case_id) == (
            "customer",
            "message_in",
            {"inbound_id": inbound_id, "message_id": message_id},
        )
        assert count(session, OutboxMessage) == 1  # only the seeded acknowledgement: no reply to a follow-up
        assert count(session, Case) == 1


def test_an_auto_reply_is_never_answered(sessions):
    inbound_id = stored(sessions, fixture("gmail_vacation.eml"))
    assert runner(sessions, ScriptedNlu("inform", 0.9)).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        assert outcome(session, inbound_id) == (
            "processed",
            "no_reply",
            "auto_reply: headers declare an automatic response",
            0,
            None,
        )
        assert session.get(InboundMail, inbound_id).case_id is None
        assert (count(session, OutboxMessage), count(session, Case)) == (0, 0)


def test_a_bounce_of_our_mail_fails_the_outbox_row_and_is_recorded_on_the_case(sessions):
    case_id = seed_case(sessions, 12, ack_status="sent")
    inbound_id = stored(sessions, fixture("postfix_bounce_dsn.eml"))
    assert runner(sessions, ScriptedNlu("inform", 0.9)).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        assert outcome(session, inbound_id) == (
            "processed",
            "no_reply",
            "bounce: delivery failure notice",
            0,
            None,
        )
        assert session.get(InboundMail, inbound_id).case_id is None
        ack = session.scalars(select(OutboxMessage)).one()
        assert (ack.message_id, ack.status, ack.last_error) == (OUR_ACK, "failed", "bounced")
        assert last_event(session, case_id) == ("mail", "bounce", {"message_id": OUR_ACK})


@pytest.mark.parametrize(
    ("raw", "seeded", "nlu", "reason"),
    [
        pytest.param(
            fixture("new_request.eml"),
            None,
            ScriptedNlu("request_deletion", 0.3),
            "the message is not clearly understood",
            id="unclear",
        ),
        pytest.param(
            fixture("followup_subject_stranger.eml"),
            123,
            ScriptedNlu("request_disclosure", 0.95),
            "the subject names a case that belongs to another address",
            id="a-stranger-names-a-case",
        ),
        pytest.param(
            fixture("new_request.eml"),
            None,
            ScriptedNlu("file_complaint", 0.95),
            "complaints are handled by a person",
            id="complaint",
        ),
    ],
)
def test_an_escalated_message_stays_for_staff(sessions, raw, seeded, nlu, reason):
    if seeded:
        seed_case(sessions, seeded)
    inbound_id = stored(sessions, raw)
    assert runner(sessions, nlu).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        assert outcome(session, inbound_id) == ("processed", "escalate", reason, 0, None)
        assert session.get(InboundMail, inbound_id).case_id is None
        assert [row.id for row in session.scalars(held_query())] == [inbound_id]  # the console's queue
        assert count(session, OutboxMessage) == (1 if seeded else 0)  # nothing sent to the sender
        assert count(session, Case) == (1 if seeded else 0)


def test_an_unclear_body_is_read_again_with_its_subject(sessions):
    nlu = ScriptedNlu("request_deletion", 0.3)
    runner(sessions, nlu).process(stored(sessions, fixture("new_request.eml")))
    assert nlu.asked == [NEW_REQUEST_TEXT, f"Request to delete my personal data\n{NEW_REQUEST_TEXT}"]


def test_a_duplicate_of_a_processed_message_is_settled_without_reading_it(sessions):
    nlu = ScriptedNlu("request_deletion", 0.95)
    first, again = stored(sessions, fixture("new_request.eml")), stored(sessions, fixture("new_request.eml"))
    assert runner(sessions, nlu).process(first) is InboundStatus.PROCESSED
    assert runner(sessions, nlu).process(again) is InboundStatus.PROCESSED
    assert len(nlu.asked) == 1  # the copy never reached the NLU
    with sessions() as session:
        assert outcome(session, again) == (
            "processed",
            "no_reply",
            "the same message was already processed",
            0,
            None,
        )
        assert (session.get(InboundMail, again).intent, session.get(InboundMail, again).case_id) == (
            None,
            None,
        )
        assert (count(session, Case), count(session, OutboxMessage)) == (1, 1)


@pytest.mark.parametrize(
    ("error", "recorded"),
    [
        pytest.param(RuntimeError("scripted failure"), "RuntimeError", id="a-bug"),
        pytest.param(AssistantError("HTTP 500"), "AssistantError", id="the-nlu-refuses-this-message"),
    ],
)
def test_a_failing_message_is_tried_max_tries_times_then_quarantined(sessions, error, recorded):
    nlu = ScriptedNlu(error=error)
    inbound_id = stored(sessions, fixture("new_request.eml"))
    the_runner = runner(sessions, nlu)
    statuses, tries = [], []
    for _ in range(MAX_TRIES):
        statuses.append(the_runner.process(inbound_id))
        with sessions() as session:
            tries.append(session.get(InboundMail, inbound_id).tries)
    assert MAX_TRIES == 3
    assert statuses == [InboundStatus.STORED, InboundStatus.STORED, InboundStatus.QUARANTINED]
    assert tries == [1, 2, 3]
    assert the_runner.process(inbound_id) is InboundStatus.QUARANTINED  # not tried a fourth time
    assert len(nlu.asked) == MAX_TRIES
    with sessions() as session:
        assert outcome(session, inbound_id) == ("quarantined", "escalate", None, 3, recorded)
        assert [row.id for row in session.scalars(held_query())] == [inbound_id]
        assert pending(session) == []  # out of the worker's queue until staff send it back
        assert (count(session, Case), count(session, OutboxMessage)) == (0, 0)


def test_mail_that_cannot_be_decoded_is_quarantined_at_once(sessions):
    nlu = ScriptedNlu("request_deletion", 0.95)
    inbound_id = stored(sessions, NOT_MAIL)
    assert runner(sessions, nlu).process(inbound_id) is InboundStatus.QUARANTINED
    assert nlu.asked == []
    with sessions() as session:
        assert outcome(session, inbound_id) == ("quarantined", "escalate", None, 1, "MailDecodeError")
        assert session.get(InboundMail, inbound_id).raw == NOT_MAIL  # kept for staff, byte for byte


@pytest.mark.parametrize(
    "down",
    [
        pytest.param(ScriptedNlu(error=AssistantUnavailable("scripted outage")), id="scripted"),
        pytest.param(Assistant(f"http://127.0.0.1:{free_port()}", timeout=5), id="closed-port"),
    ],
)
def test_mail_waits_stored_without_a_try_while_the_nlu_is_down(sessions, down):
    inbound_id = stored(sessions, fixture("new_request.eml"))
    for _ in range(MAX_TRIES + 1):  # however long it is down, the message is never quarantined for it
        assert runner(sessions, down).process(inbound_id) is InboundStatus.STORED
    with sessions() as session:
        assert outcome(session, inbound_id) == ("stored", None, None, 0, None)
        assert pending(session) == [inbound_id]  # the worker's next round takes it again
        assert (count(session, Case), count(session, OutboxMessage)) == (0, 0)
    assert (
        runner(sessions, ScriptedNlu("request_deletion", 0.95)).process(inbound_id) is InboundStatus.PROCESSED
    )
    with sessions() as session:
        assert outcome(session, inbound_id)[:2] == ("processed", "new_case")


def test_a_message_that_is_not_there_has_no_status(sessions):
    assert runner(sessions, ScriptedNlu()).process(999_999) is None


def test_a_two_part_question_by_mail_gets_both_answers(sessions):
    message = message_from_bytes(question("<two-1@example.jp>"), policy=policy.default)
    message.set_content("How much does a disclosure request cost, and which ID documents do you accept?")
    inbound_id = stored(sessions, message.as_bytes())
    assert runner(sessions, ScriptedNlu("ask_fee", 0.9)).process(inbound_id) is InboundStatus.PROCESSED
    with sessions() as session:
        body = message_from_bytes(session.scalars(select(OutboxMessage)).one().raw, policy=policy.default)
    flat = " ".join(body.get_content().split())
    text = renderer("en")
    fee, documents = (
        " ".join(text.render(f"chat/answer/{topic}", PROFILE, via="mail").split())
        for topic in ("ask_fee", "ask_documents")
    )
    assert fee in flat
    assert documents in flat
    assert flat.index(fee) < flat.index(documents)


def japanese_request_with_details() -> bytes:
    """A disclosure request as a Japanese mail client sends it: ISO-2022-JP, details in the body."""
    body = (
        "お世話になっております。\r\n"
        "保有個人データの開示請求をお願いしたいです。\r\n"
        "娘の代わりに問い合わせております。鈴木由美と申します。\r\n"
        "住所は長崎県佐世保市日宇町１２３４−５、電話は０９０−１２３４−５６７８です。\r\n"
        "よろしくお願いいたします。\r\n"
    )
    name, subject = (Header(text, "iso-2022-jp").encode() for text in ("鈴木由美", "開示請求"))
    head = (
        f"From: {name} <yumi@example.jp>\r\n"
        f"To: {DESK}\r\nSubject: {subject}\r\n"
        "Message-ID: <detail-1@example.jp>\r\nDate: Tue, 08 Dec 2026 09:00:00 +0900\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n"
        "Content-Transfer-Encoding: 7bit\r\n\r\n"
    )
    return head.encode("ascii") + body.encode("iso-2022-jp")


def test_a_mailed_request_fills_the_case_from_its_body_and_asks_only_for_what_is_missing(sessions):
    inbound_id = stored(sessions, japanese_request_with_details())
    assert (
        runner(sessions, ScriptedNlu("request_disclosure", 0.95)).process(inbound_id)
        is InboundStatus.PROCESSED
    )
    with sessions() as session:
        case = session.get(Case, session.get(InboundMail, inbound_id).case_id)
        assert (case.requester_name, case.postal_address, case.phone) == (
            "鈴木由美",
            "〒857-1151 長崎県佐世保市日宇町1234-5",
            "090-1234-5678",
        )
        assert (case.acting_for, case.deputy_kind, case.country) == ("deputy", "parent_of_minor", "日本")
