"""Many customers chatting at once through the websocket gateway.

Start the assistant first (`make run`), then:
    .venv/bin/python bench/chat_load.py [--customers 50] [--turns 10]
Each simulated customer opens a conversation (its own client address, as a
reverse proxy would report it), then holds a --turns long conversation of policy
questions, waiting for each answer. Prints turn round-trip p50/p95, errors, and
where the time goes: the same questions sent straight to Rasa's REST channel
(NLU + dialogue + action server) and to /model/parse (NLU alone) under the same
concurrency, so the rest is the gateway's own share. --think 2,6 gives each
customer a human pause between turns; the default 0,0 is a closed-loop stress.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
import uuid
from pathlib import Path

import httpx
import websockets
import yaml

from bench.stats import latency_summary
from madoguchi.settings import settings

ROOT = Path(__file__).resolve().parent.parent


def questions() -> list[str]:
    texts = []
    for path in sorted((ROOT / "intents").glob("*/questions.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            texts += [line.strip()[2:] for line in block["examples"].splitlines() if line.strip()]
    return texts


async def customer(
    web: str,
    number: int,
    turns: int,
    texts: list[str],
    samples: list[float],
    errors: list[str],
    think: tuple[float, float],
):
    rng = random.Random(number)
    headers = {"X-Forwarded-For": f"10.{number // 250}.{number % 250}.1"}
    async with httpx.AsyncClient(base_url=web, timeout=60) as client:
        opened = (await client.post("/api/chat/conversations", json={"lang": "ja"}, headers=headers)).json()
    url = web.replace("http", "ws", 1) + f"/ws/chat/{opened['id']}?token={opened['token']}"
    async with websockets.connect(url, additional_headers=headers, open_timeout=30) as socket:
        for _ in range(turns):
            await asyncio.sleep(rng.uniform(*think))  # reading the answer and typing the next question
            started = time.perf_counter()
            await socket.send(json.dumps({"text": rng.choice(texts)}))
            while True:
                event = json.loads(await asyncio.wait_for(socket.recv(), 60))
                if event["type"] == "error":
                    errors.append(event["code"])
                    break
                if event["type"] == "message" and event["sender"] in {"bot", "system"}:
                    samples.append(time.perf_counter() - started)
                    break


async def straight_to_rasa(rasa: str, customers: int, turns: int, texts: list[str], path: str) -> list[float]:
    samples: list[float] = []

    async def one(number: int) -> None:
        rng, sender = random.Random(number), f"bench-{uuid.uuid4().hex}"
        async with httpx.AsyncClient(base_url=rasa, timeout=60) as client:
            for _ in range(turns):
                text = rng.choice(texts)
                body = {"sender": sender, "message": text} if "webhook" in path else {"text": text}
                started = time.perf_counter()
                (await client.post(path, json=body)).raise_for_status()
                samples.append(time.perf_counter() - started)

    await asyncio.gather(*(one(n) for n in range(customers)))
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--think", default="0,0", help="seconds a customer takes between turns, min,max")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    config, texts = settings(), questions()
    web = f"http://{config.web_host}:{config.web_port}"
    samples: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    results = await asyncio.gather(
        *(customer(web, n, args.turns, texts, samples, errors, think) for n in range(args.customers)),
        return_exceptions=True,
    )
    wall = time.perf_counter() - started
    errors += [type(result).__name__ for result in results if isinstance(result, BaseException)]
    rest = await straight_to_rasa(
        config.rasa_url, args.customers, args.turns, texts, "/webhooks/rest/webhook"
    )
    parse = await straight_to_rasa(config.rasa_url, args.customers, args.turns, texts, "/model/parse")
    print(
        json.dumps(
            {
                "customers": args.customers,
                "turns_each": args.turns,
                "wall_seconds": round(wall, 1),
                "gateway_turn": latency_summary(samples),
                "errors": len(errors),
                "error_kinds": sorted(set(errors)),
                "where_the_time_goes": {
                    "rasa_rest_turn": latency_summary(rest),
                    "nlu_parse": latency_summary(parse),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
