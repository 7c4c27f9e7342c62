"""Mail that waits for a person: shown escaped, settled one way, with who and when."""

from sqlalchemy import select

from cases.models import Case, OutboxMessage
from cases.service import CaseService, NewCase
from desk.models import StaffAction
from mail.intake.models import InboundMail
from mail.intake.states import InboundStatus
from mail.intake.store import pending, store
from mail.rules.decisions import DecisionKind
from responses.profiles import load_profile
from tests.desk.conftest import sign_in

HOSTILE = (
    "From: =?utf-8?b?5bGx55Sw?= <yamada@example.jp>\r\n"
    "To: privacy@example.jp\r\n"
    "Subject: <script>alert('s')</script>\r\n"
    "Message-ID: <held-1@example.jp>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    '<img src=x onerror="alert(1)"> 登録情報を全部消してください。\r\n'
).encode()


def hold(sessions, raw: bytes, status: InboundStatus = InboundStatus.PROCESSED) -> int:
    with sessions.begin() as session:
        row = store(session, raw, "smtp")
        row.status, row.decision = status, DecisionKind.ESCALATE
        row.reason = "the message is not clearly understood"
        if status is InboundStatus.QUARANTINED:
            row.reason, row.last_error, row.tries = None, "MailDecodeError", 1
        return row.id


def open_case(sessions) -> str:
    with sessions.begin() as session:
        new = NewCase("request_disclosure", "appi", "ja", "mail", "山田", "yamada@example.jp")
        return CaseService(session).open(new, load_profile("actio")).reference


def test_held_mail_is_listed_and_shown_inert(client, sessions):
    inbound_id = hold(sessions, HOSTILE)
    broken = hold(sessions, b"\xff\xfe<b>not mail</b>\x00", status=InboundStatus.QUARANTINED)
    sign_in(client)
    listing = client.get("/desk/mail").text
    assert f"/desk/mail/{inbound_id}" in listing and f"/desk/mail/{broken}" in listing
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    message = client.get(f"/desk/mail/{inbound_id}").text
    assert "<img src=x" not in message and "&lt;img src=x onerror=" in message
    assert "登録情報を全部消してください" in message and "yamada@example.jp" in message
    unreadable = client.get(f"/desk/mail/{broken}")
    assert unreadable.status_code == 200 and "&lt;b&gt;not mail" in unreadable.text
    assert client.get("/desk/mail/999999").status_code == 404


def test_attaching_to_a_case_files_the_message_and_leaves_the_queue(client, sessions):
    inbound_id, reference = hold(sessions, HOSTILE), open_case(sessions)
    csrf = sign_in(client)
    missing = client.post(f"/desk/mail/{inbound_id}/attach", data={"reference": "PRV-1", "csrf_token": csrf})
    assert missing.status_code == 409
    done = client.post(f"/desk/mail/{inbound_id}/attach", data={"reference": reference, "csrf_token": csrf})
    assert done.status_code == 200 and reference in done.text
    assert "登録情報を全部消してください" in done.text  # now in the case's transcript
    again = client.post(f"/desk/mail/{inbound_id}/attach", data={"reference": reference, "csrf_token": csrf})
    assert again.status_code == 409
    assert f"/desk/mail/{inbound_id}" not in client.get("/desk/mail").text
    assert f"/desk/mail/{inbound_id}" in client.get("/desk/mail", params={"settled": "true"}).text
    with sessions() as session:
        row = session.get(InboundMail, inbound_id)
        case = CaseService(session).get(reference)
        assert row.case_id == case.id and row.handled_by_id is not None and row.handled_at is not None
        assert CaseService(session).events(case)[-1].actor == "staff:agent@example.jp"
        action = session.scalar(select(StaffAction).where(StaffAction.target == f"mail:{inbound_id}"))
        assert action.action == "mail_attached" and action.staff_id == row.handled_by_id


def test_opening_a_case_sends_the_customer_the_form_and_instructions(client, sessions):
    inbound_id = hold(sessions, HOSTILE)
    csrf = sign_in(client)
    refused = client.post(
        f"/desk/mail/{inbound_id}/open-case", data={"request_type": "make_coffee", "csrf_token": csrf}
    )
    assert refused.status_code == 409
    opened = client.post(
        f"/desk/mail/{inbound_id}/open-case", data={"request_type": "request_deletion", "csrf_token": csrf}
    )
    assert opened.status_code == 200
    with sessions() as session:
        case = session.scalar(select(Case).where(Case.id == session.get(InboundMail, inbound_id).case_id))
        assert (case.request_type, case.channel, case.language) == ("request_deletion", "mail", "ja")
        assert case.requester_email == "yamada@example.jp" and "全部消して" in case.details
        ack = session.scalar(select(OutboxMessage).where(OutboxMessage.case_id == case.id))
        assert ack.kind == "case_opened" and ack.recipient == "yamada@example.jp"
        assert ack.in_reply_to == "<held-1@example.jp>"


def test_a_quarantined_message_can_be_processed_again(client, sessions):
    broken = hold(sessions, b"\xff\xfe<b>not mail</b>\x00", status=InboundStatus.QUARANTINED)
    escalated = hold(sessions, HOSTILE)
    csrf = sign_in(client)
    assert client.post(f"/desk/mail/{escalated}/retry", data={"csrf_token": csrf}).status_code == 409
    assert client.post(f"/desk/mail/{broken}/retry", data={"csrf_token": csrf}).status_code == 200
    with sessions() as session:
        row = session.get(InboundMail, broken)
        assert (row.status, row.tries) == ("stored", 0)
        assert pending(session) == [broken]  # the worker's stored-mail queue takes it again


def test_closing_needs_a_note_and_a_csrf_token(client, sessions):
    inbound_id = hold(sessions, HOSTILE)
    csrf = sign_in(client)
    assert client.post(f"/desk/mail/{inbound_id}/close", data={"note": "spam"}).status_code == 403
    assert client.post(f"/desk/mail/{inbound_id}/close", data={"csrf_token": csrf}).status_code == 422
    closed = client.post(f"/desk/mail/{inbound_id}/close", data={"note": "spam", "csrf_token": csrf})
    assert closed.status_code == 200 and "/desk/mail/" not in closed.text.split("<main>")[1]
    with sessions() as session:
        assert session.get(InboundMail, inbound_id).handled_note == "spam"


def test_held_mail_pages_need_a_session(client, sessions):
    inbound_id = hold(sessions, HOSTILE)
    assert client.get("/desk/mail", follow_redirects=False).status_code == 303
    assert client.post(f"/desk/mail/{inbound_id}/close", data={"note": "x"}).status_code == 401
