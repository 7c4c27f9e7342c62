"""The mail package's errors: one tree, so a caller catches `MailError` or just the one it handles.

Texts are fixed phrases (a number at most): they reach logs and
`inbound_mail.last_error`, so they never quote a message, an address or a
token. Turning them into an SMTP reply, a quarantine or a log line is the
edge's business (mail.intake.smtp, .runner, .worker), not the raiser's.
"""

from __future__ import annotations


class MailError(Exception):
    """Base of every error the mail package raises on purpose."""


class MailDecodeError(MailError):
    """The input is not mail at all (empty, or without a single header field).

    Trying again cannot help, so the runner quarantines such a message at once.
    """


class LeaseLost(MailError):
    """Another worker holds the lease now; stop touching the mailbox.

    The lease's name (an IMAP source names the mailbox's user) is kept on the
    exception, out of its text.
    """

    def __init__(self, name: str) -> None:
        super().__init__("another worker holds the lease")
        self.name = name


class TokenCommandError(MailError, OSError):
    """The IMAP OAuth2 token command failed or printed no token.

    Also an OSError, so the worker reconnects later as after any connection trouble.
    """
