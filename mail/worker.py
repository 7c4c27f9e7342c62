"""The mail worker process: sends the outbox, and runs the embedded relay when it is the target."""

from __future__ import annotations

import logging
import signal
import threading

from bot.cases.db import session_factory
from bot.settings import Settings
from mail.compose import Composer
from mail.outbox import OutboxSender, Relay
from mail.sink import start_sink

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0


def run_worker(config: Settings, sender_address: str) -> None:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's INFO lines name peers
    sink = None
    if config.smtp_host in {"127.0.0.1", "localhost"} and config.smtp_port == config.sink_port:
        sink = start_sink(config.sink_maildir, config.smtp_host, config.sink_port)
        log.info(
            "local relay listening on %s:%d, filing mail in %s",
            config.smtp_host,
            config.sink_port,
            config.sink_maildir,
        )
    relay = Relay(
        config.smtp_host, config.smtp_port, config.smtp_user, config.smtp_password, config.smtp_starttls
    )
    sender = OutboxSender(
        session_factory(config.database_url), relay, sender_address, Composer(config.mail_from)
    )
    log.info("outbox sender started")
    try:
        while not stop.is_set():
            try:
                sender.send_due()
            except Exception:  # the worker never dies on one bad round; the next one retries
                log.exception("outbox round failed")
            stop.wait(POLL_SECONDS)
    finally:
        if sink is not None:
            sink.stop()
