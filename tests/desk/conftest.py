from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from desk.app import create_app
from desk.auth import create_user
from desk.config import DeskConfig

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app(sessions):
    """The desk app on each supported database (the `sessions` fixture is parametrised)."""
    config = DeskConfig(
        rasa_url="http://127.0.0.1:9",
        profile="actio",
        mail_from=None,
        web_secure_cookies=False,
        widget_origins=["*"],
    )
    with sessions.begin() as session:
        create_user(session, "agent@example.jp", "Agent Sato", PASSWORD, "agent")
        create_user(session, "boss@example.jp", "Boss Ito", PASSWORD, "supervisor")
    return create_app(config, sessions)


@pytest.fixture
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def sign_in(client: TestClient, email: str = "agent@example.jp") -> str:
    """Sign in through the login form; return the session's CSRF token from the next page."""
    form = client.get("/desk/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    response = client.post("/desk/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 200, response.text[:500]  # followed the redirect to the dashboard
    return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
