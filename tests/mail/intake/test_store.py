from mail.intake.states import InboundStatus
from mail.intake.store import earlier_copy, message_id_of, pending, store

RAW = b"From: a@example.com\r\nMessage-ID: <m1@example.com>\r\nSubject: x\r\n\r\nbody\r\n"


def test_message_id_is_read_without_parsing_the_rest():
    assert message_id_of(RAW) == "<m1@example.com>"
    assert message_id_of(b"\xff\xfe garbage without headers") is None


def test_the_same_server_copy_is_stored_once(sessions):
    with sessions.begin() as session:
        first = store(session, RAW, "imap:desk", uidvalidity=7, uid=1)
        again = store(session, RAW, "imap:desk", uidvalidity=7, uid=1)
        other_mailbox_state = store(session, RAW, "imap:desk", uidvalidity=8, uid=1)
        assert first.id == again.id != other_mailbox_state.id
        smtp = store(session, RAW, "smtp")
        assert pending(session) == [smtp.id]  # a mailbox's own poller runs its mail, not the queue
        first.settled_on_server = True  # moved to the held folder, then sent back by staff
        assert pending(session) == [first.id, smtp.id]


def test_a_redelivered_message_is_recognised_by_message_id_and_bytes(sessions):
    with sessions.begin() as session:
        first = store(session, RAW, "smtp")
        first.status = InboundStatus.PROCESSED
        redelivered = store(session, RAW, "smtp")
        changed = store(session, RAW.replace(b"body", b"other"), "smtp")
        assert earlier_copy(session, redelivered).id == first.id
        assert earlier_copy(session, changed) is None
