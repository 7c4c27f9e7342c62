"""The embedded mail relay: an aiosmtpd server that files what it receives in a Maildir.

It stands where a company's SMTP relay would be, so a person trying Madoguchi
can read exactly what customers would have been sent (any Maildir reader;
`var/sent-mail/` by default).
"""

from __future__ import annotations

import mailbox
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


def start_sink(maildir: Path, host: str, port: int) -> Controller:
    maildir.parent.mkdir(parents=True, exist_ok=True)
    mailbox.Maildir(maildir, create=True)
    controller = Controller(Mailbox(maildir), hostname=host, port=port)
    controller.start()
    return controller
