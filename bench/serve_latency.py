"""Latency of the running assistant, and the peak memory of each of its processes.

Start the assistant first (`make run`), then: .venv/bin/python bench/serve_latency.py [--n 500]
Prints JSON: /model/parse p50/p95 over N messages from the training data (both languages),
one REST chat turn end to end p50/p95 (a question answered from the profile by the action
server), and VmHWM (peak resident memory) of the Rasa server, action server and mail worker.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import uuid
from pathlib import Path

import yaml

from bench.stats import latency_summary
from bot.client import Assistant
from madoguchi.settings import settings

ROOT = Path(__file__).resolve().parent.parent


def messages(n: int, intents_prefix: str = "") -> list[str]:
    texts = []
    for path in sorted((ROOT / "intents").glob("*/*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block["intent"].startswith(intents_prefix):
                texts += [line.strip()[2:] for line in block["examples"].splitlines() if line.strip()]
    random.Random(7).shuffle(texts)
    return (texts * (n // len(texts) + 1))[:n]


def timed(call, items) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        call(item)
        samples.append(time.perf_counter() - started)
    return samples


def peak_memory_mb() -> dict[str, float]:
    patterns = {
        "rasa_server": "bot.rasa_server run",
        "action_server": "rasa_sdk",
        "mail_worker": "mail worker",
        "web": "main web",
    }
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = (proc / "status").read_text()
        except OSError:
            continue
        for name, pattern in patterns.items():
            if pattern in cmdline and "bench" not in cmdline:
                kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
                found[name] = max(found.get(name, 0), round(kb / 1024, 1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()
    assistant = Assistant(settings().rasa_url)
    for text in messages(20):  # warm up
        assistant.parse(text)
    parse = timed(assistant.parse, messages(args.n))
    questions = messages(args.turns, intents_prefix="ask_")
    turn = timed(lambda text: assistant.send(f"bench-{uuid.uuid4().hex}", text), questions)
    print(
        json.dumps(
            {
                "model_parse": latency_summary(parse),
                "chat_turn": latency_summary(turn),
                "peak_memory_mb": peak_memory_mb(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
