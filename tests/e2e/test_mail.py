"""Mail into a real Dovecot mailbox, read by the real NLU, ending in cases and replies."""

from __future__ import annotations

import random
import signal
import time

import pytest

from tests.e2e.mailtools import Store, customer_mail, imap_env, message_id_of, poll_once, start_poller


def wait_until(condition, timeout: float = 90.0, step: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError("condition not met in time")


def test_mail_in_a_mailbox_becomes_cases_and_replies(stack, dovecot):
    store = Store(stack.database_url)
    request = customer_mail(
        "Hanako Sato <hanako@customer.example>",
        "個人情報の開示請求",
        "お世話になっております。私の保有個人データの開示を請求いたします。よろしくお願いいたします。",
    )
    question = customer_mail(
        "Tom Baker <tom@customer.example>",
        "Question about fees",
        "Hello, how much is the fee for a disclosure request? Thanks, Tom",
    )
    vacation = customer_mail(
        "Out Of Office <ooo@customer.example>",
        "Automatic reply: 開示請求",
        "I am away until Monday.",
        Auto_Submitted="auto-replied",
    )
    newsletter = customer_mail(
        "news@shop.example",
        "Weekly deals",
        "Unsubscribe at any time.",
        List_Id="<deals.shop.example>",
        Precedence="bulk",
    )
    for raw in (request, question, vacation, newsletter):
        dovecot.deliver(raw)

    poll_once(imap_env(stack, dovecot))

    assert dovecot.count("INBOX") == 0 and dovecot.count("Madoguchi/Processed") == 4
    (opened,) = store.inbound(message_id_of(request))
    assert (opened.decision, opened.intent) == ("new_case", "request_disclosure")
    case = store.case(opened.case_id)
    assert (case.channel, case.language, case.requester_email) == ("mail", "ja", "hanako@customer.example")
    (answered,) = store.inbound(message_id_of(question))
    assert answered.decision == "answer" and answered.language == "en"
    for quiet in (vacation, newsletter):
        (row,) = store.inbound(message_id_of(quiet))
        assert row.decision == "no_reply" and not store.replies_to(message_id_of(quiet))

    ack = stack.wait_for_mail(case.reference)
    assert ack["In-Reply-To"] == message_id_of(request) and ack["Auto-Submitted"] == "auto-replied"
    answer = stack.wait_for_mail("Question about fees")
    assert answer["In-Reply-To"] == message_id_of(question)
    assert "2,500" in answer.get_body(("plain",)).get_content()

    # The customer answers our acknowledgement: it threads into the case by In-Reply-To.
    follow_up = customer_mail(
        "hanako@customer.example",
        f"Re: {ack['Subject']}",
        "本人確認書類を郵送しました。",
        In_Reply_To=ack["Message-ID"],
        References=ack["Message-ID"],
    )
    # A stranger names the same case in the subject: staff see it, nothing is told.
    stranger = customer_mail("mallory@evil.example", f"Status of {case.reference}?", "What is the status?")
    dovecot.deliver(follow_up)
    dovecot.deliver(stranger)
    poll_once(imap_env(stack, dovecot))
    (threaded,) = store.inbound(message_id_of(follow_up))
    assert (threaded.decision, threaded.case_id) == ("thread", case.id)
    (held,) = store.inbound(message_id_of(stranger))
    assert (
        held.decision == "escalate" and held.case_id is None and not store.replies_to(message_id_of(stranger))
    )


def test_imap_server_restart_mid_poll_loses_and_doubles_nothing(stack, dovecot, tmp_path):
    store = Store(stack.database_url)
    first = [
        customer_mail(f"c{n}@customer.example", "cookies?", "Do you use cookies on your site?")
        for n in range(3)
    ]
    second = [
        customer_mail(f"d{n}@customer.example", "retention", "How long do you keep my data?")
        for n in range(3)
    ]
    with open(tmp_path / "poller.log", "wb") as log:
        poller = start_poller(imap_env(stack, dovecot), log)
        try:
            for raw in first:
                dovecot.deliver(raw)
            wait_until(lambda: all(store.inbound(message_id_of(raw)) for raw in first))
            dovecot.restart()
            for raw in second:
                dovecot.deliver(raw)
            wait_until(lambda: dovecot.count("INBOX") == 0 and dovecot.count("Madoguchi/Processed") == 6)
        finally:
            poller.send_signal(signal.SIGTERM)
            poller.wait(timeout=60)
    for raw in first + second:
        rows = store.inbound(message_id_of(raw))
        assert len(rows) == 1 and rows[0].status == "processed"
        assert len(store.replies_to(message_id_of(raw))) == 1


@pytest.mark.parametrize("seed", [1])
def test_killing_the_worker_at_random_points_never_loses_or_doubles(stack, dovecot, tmp_path, seed):
    """SIGKILL the poller again and again while mail arrives; every message ends in exactly one outcome."""
    rng = random.Random(seed)
    store = Store(stack.database_url)
    kinds = [
        ("請求", "私の個人データを全て削除してください。"),
        ("question", "Which ID documents do you accept?"),
        ("catalog", "Please stop sending me your catalogue."),
    ]
    sent: list[bytes] = []
    env = imap_env(stack, dovecot)
    with open(tmp_path / "poller.log", "wb") as log:
        for _ in range(8):
            poller = start_poller(env, log)
            for _ in range(rng.randint(1, 3)):
                subject, body = rng.choice(kinds)
                raw = customer_mail(f"k{len(sent)}@customer.example", subject, body)
                dovecot.deliver(raw)
                sent.append(raw)
            time.sleep(rng.uniform(1.0, 4.0))
            poller.send_signal(signal.SIGKILL)
            poller.wait()
        poller = start_poller(env, log)  # the last one lives to finish the work
        try:
            wait_until(lambda: dovecot.count("INBOX") == 0, timeout=180)
            wait_until(lambda: store.count_stored() == 0, timeout=60)
        finally:
            poller.send_signal(signal.SIGTERM)
            poller.wait(timeout=60)
    assert dovecot.count("Madoguchi/Processed") == len(sent)
    for raw in sent:
        rows = store.inbound(message_id_of(raw))
        assert len(rows) == 1 and rows[0].status == "processed", rows
        replies = store.replies_to(message_id_of(raw))
        assert len(replies) <= 1
        if rows[0].decision in {"new_case", "answer"}:
            assert len(replies) == 1
        if rows[0].decision == "new_case":
            assert rows[0].case_id is not None


def test_replies_wait_while_the_relay_is_down_and_leave_when_it_is_back(stack, dovecot, tmp_path):
    from mail.outbox.local_relay import start_sink
    from tests.conftest import free_port

    # A store of its own: the stack's worker must not send this reply through its relay.
    database = f"sqlite:///{tmp_path / 'relay-test.db'}"
    relay_port = free_port()
    env = imap_env(stack, dovecot) | {
        "MADOGUCHI_DATABASE_URL": database,
        "MADOGUCHI_SMTP_PORT": str(relay_port),
        "MADOGUCHI_SINK_PORT": "1",
    }
    question = customer_mail(
        "relay@customer.example", "fees", "How much is the fee for a disclosure request?"
    )
    dovecot.deliver(question)
    poll_once(env)  # the relay is down: the answer is queued, the send fails and waits
    store = Store(database)
    (reply,) = store.replies_to(message_id_of(question))
    assert reply.status == "queued" and reply.attempts == 1 and reply.last_error
    relay = start_sink(tmp_path / "relay", "127.0.0.1", relay_port)
    try:
        time.sleep(6)  # past the first backoff
        poll_once(env)
        (reply,) = store.replies_to(message_id_of(question))
        assert reply.status == "sent"
    finally:
        relay.stop()
