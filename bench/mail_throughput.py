"""Mail intake throughput and delivery-to-reply latency, against a real Dovecot mailbox.

Needs the Rasa server running (`make run`, or the Rasa process alone) and root (Dovecot):
    .venv/bin/python bench/mail_throughput.py [--messages 1000] [--latency-messages 150] [--rate 5]
Phase 1 puts N mixed messages in the mailbox, then times one worker from first fetch to the
last committed case or queued reply (messages per second). Phase 2 delivers messages at a
steady rate while the worker polls (IDLE) and the outbox sends to a local relay, and reports
p50/p95 from delivery to the reply leaving. Uses its own SQLite case store in a temp folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from bench.stats import latency_summary
from cases.models import OutboxMessage
from madoguchi.settings import settings
from madoguchi.wiring import build_mail_worker
from mail.intake.models import InboundMail
from mail.intake.worker import MailWorker
from tests.conftest import free_port
from tests.e2e.mailtools import customer_mail, message_id_of
from tests.mail.dovecot import PASSWORD, USER, Dovecot

MIX = [
    (
        0.30,
        "request",
        [
            "私の個人データを全て削除してください。",
            "Please send me a copy of all my personal data.",
            "カタログの送付を停止してください。",
            "Please correct my address in your records.",
        ],
    ),
    (
        0.35,
        "question",
        [
            "手数料はいくらですか？",
            "Which ID documents do you accept?",
            "How long do you keep my data?",
            "クッキーは何に使っていますか",
        ],
    ),
    (0.20, "auto", ["I am out of the office until Monday."]),
    (0.15, "unclear", ["asdf qwer", "Hello", "商品がまだ届きません"]),
]


def mixed_mail(n: int, rng: random.Random) -> bytes:
    _, kind, bodies = rng.choices(MIX, weights=[share for share, _, _ in MIX])[0]
    headers = {"Auto_Submitted": "auto-replied"} if kind == "auto" else {}
    return customer_mail(f"bench{n}@customer.example", f"{kind} {n}", rng.choice(bodies), **headers)


def worker_for(root: Path, dovecot: Dovecot) -> MailWorker:
    imap = {
        "host": "127.0.0.1",
        "port": str(dovecot.port),
        "user": USER,
        "password": PASSWORD,
        "security": "none",
    }
    relay = free_port()
    config = replace(
        settings(),
        database_url=f"sqlite:///{root / 'bench.db'}",
        imap=imap,
        intake_port=0,
        smtp_port=relay,
        sink_port=relay,
        sink_maildir=root / "sent",
        lease_seconds=60,
    )
    return build_mail_worker(config)


def throughput(root: Path, dovecot: Dovecot, count: int) -> dict:
    rng = random.Random(1)
    for n in range(count):
        dovecot.deliver(mixed_mail(n, rng))
    worker = worker_for(root, dovecot)
    started = time.perf_counter()
    worker.poll_imap(threading.Event(), once=True)
    elapsed = time.perf_counter() - started
    with worker.sessions() as session:
        decisions = session.scalars(select(InboundMail.decision)).all()
        queued = len(session.scalars(select(OutboxMessage.id)).all())
    return {
        "messages": count,
        "seconds": round(elapsed, 1),
        "messages_per_second": round(count / elapsed, 1),
        "replies_queued": queued,
        "decisions": {d: decisions.count(d) for d in sorted(set(decisions))},
    }


def latency(root: Path, dovecot: Dovecot, count: int, rate: float) -> dict:
    worker = worker_for(root, dovecot)
    stop = threading.Event()
    runner = threading.Thread(target=worker.run, args=(stop,), kwargs={"intake": False}, daemon=True)
    runner.start()
    rng = random.Random(2)
    delivered: dict[str, dt.datetime] = {}
    for n in range(count):
        raw = mixed_mail(100_000 + n, rng)
        dovecot.deliver(raw)
        delivered[message_id_of(raw)] = dt.datetime.now(dt.UTC)
        time.sleep(1 / rate)
    deadline = time.monotonic() + 600
    samples: list[float] = []
    while time.monotonic() < deadline:
        with worker.sessions() as session:
            rows = session.execute(
                select(OutboxMessage.in_reply_to, OutboxMessage.sent_at, OutboxMessage.status)
            ).all()
        pending = [r for r in rows if r.status in {"queued", "sending"}]
        if rows and not pending and dovecot.count("INBOX") == 0:
            samples = [
                (r.sent_at.replace(tzinfo=dt.UTC) - delivered[r.in_reply_to]).total_seconds()
                for r in rows
                if r.status == "sent" and r.in_reply_to in delivered
            ]
            break
        time.sleep(1)
    stop.set()
    runner.join(timeout=60)
    return {
        "messages": count,
        "rate_per_second": rate,
        "replies_sent": len(samples),
        **latency_summary(samples, unit="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--latency-messages", type=int, default=150)
    parser.add_argument("--rate", type=float, default=5.0)
    args = parser.parse_args()
    report = {}
    for phase in ("throughput", "latency"):
        root = Path(tempfile.mkdtemp(prefix="madoguchi-bench-"))
        root.chmod(0o755)
        dovecot = Dovecot(root / "dovecot", free_port())
        (root / "dovecot").mkdir()
        (root / "dovecot").chmod(0o755)
        dovecot.start()
        try:
            if phase == "throughput":
                report[phase] = throughput(root, dovecot, args.messages)
            else:
                report[phase] = latency(root, dovecot, args.latency_messages, args.rate)
        finally:
            dovecot.stop()
            shutil.rmtree(root, ignore_errors=True)
    report["cpu_count"] = os.cpu_count()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
