"""`madoguchi run`: start every process, wait until each answers, stop them all together."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx

from bot.cli.processes import Process, all_processes
from bot.settings import Settings

START_TIMEOUT = 300.0


def wait_healthy(process: Process, handle: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    if process.health_url is None:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if handle.poll() is not None:
            raise RuntimeError(f"{process.name} exited with code {handle.returncode}")
        try:
            if httpx.get(process.health_url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{process.name} did not answer at {process.health_url} within {timeout:.0f}s")


def run_all(config: Settings) -> int:
    handles: list[tuple[Process, subprocess.Popen]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for process in all_processes(config):
            handle = subprocess.Popen(process.argv, env=process.env)
            handles.append((process, handle))
        for process, handle in handles:
            wait_healthy(process, handle)
        print(
            f"Madoguchi is up: Rasa {config.rasa_url}, actions 127.0.0.1:{config.action_port}, "
            f"outbox relay {config.smtp_host}:{config.smtp_port} (sent mail in {config.sink_maildir}). "
            "Try `madoguchi chat` in another terminal; Ctrl-C stops everything.",
            flush=True,
        )
        while not stopping and all(handle.poll() is None for _, handle in handles):
            time.sleep(0.5)
    except RuntimeError as exc:
        print(f"madoguchi run: {exc}", file=sys.stderr)
        return 1
    finally:
        for _, handle in handles:
            if handle.poll() is None:
                handle.terminate()
        for _, handle in handles:
            try:
                handle.wait(timeout=20)
            except subprocess.TimeoutExpired:
                handle.kill()
    return 0 if stopping else 1
