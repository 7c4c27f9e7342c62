"""Working a case in the console: escaping, the state machine, deadlines, replies, audit."""

from email import message_from_bytes, policy

from cases.models import OutboxMessage
from cases.service import CaseService
from responses.profiles import load_profile
from tests.desk.conftest import sign_in
from tests.factories import new_request

HOSTILE_NAME = "<script>alert('x')</script>"
HOSTILE_DETAILS = '<img src=x onerror="alert(1)">'


def open_case(sessions) -> str:
    with sessions.begin() as session:
        new = new_request(
            request_type="request_correction", requester_name=HOSTILE_NAME, details=HOSTILE_DETAILS
        )
        return CaseService(session).open(new, load_profile("actio")).reference


def test_customer_text_is_shown_inert(client, sessions):
    reference = open_case(sessions)
    sign_in(client)
    page = client.get(f"/desk/cases/{reference}").text
    assert HOSTILE_NAME not in page and HOSTILE_DETAILS not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    listing = client.get("/desk/cases", params={"q": "taro@"}).text
    assert reference in listing


def test_status_changes_follow_the_state_machine_and_are_audited(client, sessions):
    reference = open_case(sessions)
    csrf = sign_in(client)
    refused = client.post(f"/desk/cases/{reference}/status", data={"status": "closed", "csrf_token": csrf})
    assert refused.status_code == 409
    moved = client.post(
        f"/desk/cases/{reference}/status",
        data={"status": "on_hold", "reason": "waiting for documents", "csrf_token": csrf},
    )
    assert moved.status_code == 200
    with sessions() as session:
        service = CaseService(session)
        case = service.get(reference)
        assert case.status == "on_hold"
        assert service.events(case)[-1].actor == "staff:agent@example.jp"


def test_a_reply_is_composed_from_the_template_edited_and_queued(client, sessions):
    reference = open_case(sessions)
    csrf = sign_in(client)
    draft = client.get(f"/desk/cases/{reference}", params={"compose": 1}).text
    assert reference in draft and "様" in draft
    sent = client.post(
        f"/desk/cases/{reference}/reply",
        data={
            "subject": f"【{reference}】ご連絡",
            "body": "ご本人確認書類を受領しました。",
            "csrf_token": csrf,
        },
    )
    assert sent.status_code == 200
    with sessions() as session:
        row = session.query(OutboxMessage).filter_by(kind="staff_reply").one()
    mail = message_from_bytes(row.raw, policy=policy.default)
    assert row.recipient == "taro@example.jp" and reference in mail["Subject"]
    assert "受領しました" in mail.get_content() and mail["X-Madoguchi-Case"] == reference


def test_extension_by_regime(client, sessions):
    reference = open_case(sessions)
    csrf = sign_in(client)
    assert (
        client.post(
            f"/desk/cases/{reference}/extend", data={"reason": "complex", "days": 10, "csrf_token": csrf}
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/desk/cases/{reference}/extend", data={"reason": "again", "csrf_token": csrf}
        ).status_code
        == 409
    )


def test_dashboard_and_queue_render(client, sessions):
    open_case(sessions)
    sign_in(client)
    assert "request_correction" not in client.get("/desk/").text  # labels, not codes
    assert client.get("/desk/queue").status_code == 200


def test_assigning_shows_the_name_and_the_list_filters_by_it(client, sessions):
    reference = open_case(sessions)
    csrf = sign_in(client)
    assert "Agent Sato" not in client.get(f"/desk/cases/{reference}").text.split("<main>")[1]
    assigned = client.post(f"/desk/cases/{reference}/assign", data={"csrf_token": csrf})
    assert assigned.status_code == 200 and "Agent Sato" in assigned.text.split("<main>")[1]
    with sessions() as session:
        agent_id = CaseService(session).get(reference).assignee_id
    assert reference in client.get("/desk/cases", params={"assignee": agent_id}).text
    assert reference not in client.get("/desk/cases", params={"assignee": agent_id + 1}).text
    assert reference not in client.get("/desk/cases", params={"overdue": "true"}).text  # due in weeks


def test_a_requester_without_e_mail_is_shown_with_how_to_answer_and_what_was_kept_as_written(
    client, sessions
):
    with sessions.begin() as session:
        new = new_request(
            request_type="optout_catalog",
            requester_email=None,
            reply_channel="post",
            postal_address="長崎県佐世保市どこか町1-2",
            flagged=["postal_address"],
        )
        reference = CaseService(session).open(new, load_profile("actio")).reference
    sign_in(client)
    for lang, says in (("ja", "郵送してください"), ("en", "Post the acknowledgement")):
        page = client.get(f"/desk/cases/{reference}", params={"lang": lang}).text
        assert says in page
        assert 'data-testid="as-written-postal_address"' in page
