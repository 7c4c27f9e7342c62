"""The Rasa client when the server is not there or fails: every call says AssistantUnavailable."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bot.client import Assistant, AssistantUnavailable
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


class Failing(BaseHTTPRequestHandler):
    """Answers every request 503, as Rasa does while it loads a model."""

    def do_POST(self) -> None:
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the default writes every request to stderr."""


def test_an_error_status_is_assistant_unavailable() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(AssistantUnavailable) as caught:
            Assistant(f"http://127.0.0.1:{server.server_port}", timeout=5).parse("hello")
    finally:
        server.shutdown()
        server.server_close()
    assert isinstance(caught.value.__cause__, httpx.HTTPStatusError)
    assert caught.value.__cause__.response.status_code == 503
