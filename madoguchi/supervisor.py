"""Starting the assistant's processes together and stopping them together.

`madoguchi run` uses it for a person trying Madoguchi out; the end-to-end tests
use it to run the same processes on private ports.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from madoguchi.processes import Process, all_processes
from madoguchi.settings import Settings

START_TIMEOUT = 300.0


class ProcessGroup:
    def __init__(
        self, processes: list[Process], env: dict[str, str] | None = None, log_dir: Path | None = None
    ):
        self.processes, self.env, self.log_dir = processes, env or {}, log_dir
        self.handles: list[tuple[Process, subprocess.Popen]] = []
        self._logs: list = []

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start every process, then wait until each answers its health check."""
        for process in self.processes:
            output = None
            if self.log_dir is not None:
                output = open(self.log_dir / f"{process.name}.log", "wb")  # noqa: SIM115  (closed in stop)
                self._logs.append(output)
            handle = subprocess.Popen(
                process.argv,
                env=process.env | self.env,
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
            )
            self.handles.append((process, handle))
        for process, handle in self.handles:
            _wait_healthy(process, handle, timeout)

    def alive(self) -> bool:
        return all(handle.poll() is None for _, handle in self.handles)

    def stop(self) -> None:
        for _, handle in self.handles:
            if handle.poll() is None:
                handle.terminate()
        for _, handle in self.handles:
            try:
                handle.wait(timeout=20)
            except subprocess.TimeoutExpired:
                handle.kill()
        for log in self._logs:
            log.close()


def _wait_healthy(process: Process, handle: subprocess.Popen, timeout: float) -> None:
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
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    group = ProcessGroup(all_processes(config))
    try:
        group.start()
        print(
            f"Madoguchi is up: Rasa {config.rasa_url}, actions 127.0.0.1:{config.action_port}, "
            f"SMTP intake {config.intake_host}:{config.intake_port}, outbox relay {config.smtp_host}:"
            f"{config.smtp_port} (sent mail in {config.sink_maildir}). "
            "Try `madoguchi chat` in another terminal; Ctrl-C stops everything.",
            flush=True,
        )
        while not stopping and group.alive():
            time.sleep(0.5)
    except RuntimeError as exc:
        print(f"madoguchi run: {exc}", file=sys.stderr)
        return 1
    finally:
        group.stop()
    return 0 if stopping else 1
