"""The mail package's one error tree, and texts that never carry personal data."""

from __future__ import annotations

import pytest

from mail.errors import LeaseLost, MailDecodeError, MailError, TokenCommandError
from mail.intake.imap import ImapConfig, access_token
from mail.reading.decode import parse_mail


@pytest.mark.parametrize("error", [MailDecodeError, LeaseLost, TokenCommandError])
def test_every_mail_error_is_a_mail_error(error):
    assert issubclass(error, MailError)


def test_a_failing_token_command_is_an_os_error_so_the_worker_reconnects(tmp_path):
    config = ImapConfig(
        "127.0.0.1", 993, "desk@example.jp", oauth2_token_command=f"cat {tmp_path / 'missing'}"
    )
    with pytest.raises(TokenCommandError) as caught:
        access_token(config)
    assert isinstance(caught.value, OSError)
    assert str(caught.value) == "the OAuth2 token command printed no token (exit 1)"


def test_a_lost_lease_keeps_the_mailbox_out_of_its_text():
    lost = LeaseLost("imap:desk@example.jp@imap.example.jp/INBOX")
    assert str(lost) == "another worker holds the lease"
    assert lost.name == "imap:desk@example.jp@imap.example.jp/INBOX"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"", "input is empty"),
        (b"\xff\xfe yamada@example.jp \x00", "input has no header fields"),
    ],
)
def test_what_is_not_mail_raises_a_fixed_phrase(raw, text):
    with pytest.raises(MailDecodeError) as caught:
        parse_mail(raw)
    assert str(caught.value) == text
