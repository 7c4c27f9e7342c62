def test_the_test_server_is_a_real_imap_server(dovecot):
    dovecot.deliver(b"From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n")
    with dovecot.client() as client:
        assert {b"IDLE", b"MOVE", b"UIDPLUS"} <= set(client.capabilities())
        client.select_folder("INBOX")
        assert len(client.search("ALL")) == 1
