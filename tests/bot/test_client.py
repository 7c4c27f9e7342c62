"""The Rasa client when the server is not there or fails: unavailable (wait) or an error (count a try)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bot.client import Assistant, AssistantError, AssistantUnavailable
from tests.conftest import free_port


@pytest.fixture
def assistant() -> Assistant:
    return Assistant(f"http://127.0.0.1:{free_port()}", timeout=5)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda a: a.parse("手数料はいくらですか"), id="parse"),
        pytest.param(lambda a: a.tracker("mail-test"), id="tracker"),
        pytest.param(lambda a: a.send("mail-test", "hello"), id="send"),
    ],
)
def test_a_closed_port_is_assistant_unavailable(assistant: Assistant, call) -> None:
    with pytest.raises(AssistantUnavailable) as caught:
        call(assistant)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


class Answering(BaseHTTPRequestHandler):
    """Answers every request with the status in the server's `status` attribute."""

    def do_POST(self) -> None:
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the default writes every request to stderr."""


@pytest.mark.parametrize(
    ("status", "error"),
    [
        pytest.param(503, AssistantUnavailable, id="503-loading-its-model"),
        pytest.param(502, AssistantUnavailable, id="502-proxy"),
        pytest.param(500, AssistantError, id="500-this-message"),
        pytest.param(400, AssistantError, id="400"),
    ],
)
def test_an_error_status_says_whether_to_wait(status: int, error: type[AssistantError]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    server.status = status
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(AssistantError) as caught:
            Assistant(f"http://127.0.0.1:{server.server_port}", timeout=5).parse("hello")
    finally:
        server.shutdown()
        server.server_close()
    assert type(caught.value) is error
    assert str(caught.value) == f"HTTP {status}"
    assert caught.value.__cause__.response.status_code == status
