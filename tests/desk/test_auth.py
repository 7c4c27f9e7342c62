"""Signing in, sessions and CSRF, through the real app and database."""

from tests.desk.conftest import PASSWORD, sign_in


def test_every_console_page_and_api_needs_a_session(client):
    for path in ["/desk/", "/desk/queue", "/desk/cases", "/desk/cases/PRV-2026-000001"]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/desk/login", path
    assert client.get("/desk/api/queue").status_code == 401
    assert client.post("/desk/conversations/x/take").status_code == 401


def test_a_wrong_password_is_refused_without_saying_why(client):
    page = client.get("/desk/login")
    for email in ["agent@example.jp", "nobody@example.jp"]:  # each page carries a fresh form token
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        page = client.post("/desk/login", data={"email": email, "password": "wrong", "csrf_token": token})
        assert page.status_code == 401 and 'role="alert"' in page.text


def test_login_needs_its_csrf_token(client):
    client.get("/desk/login")
    response = client.post(
        "/desk/login", data={"email": "agent@example.jp", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 403


def test_a_signed_in_post_needs_the_session_csrf_token(client):
    csrf = sign_in(client)
    assert client.post("/desk/logout", data={}).status_code == 403
    assert client.post("/desk/logout", data={"csrf_token": "forged"}).status_code == 403
    assert client.post("/desk/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/desk/", follow_redirects=False).status_code == 303  # signed out


def test_session_cookie_is_http_only_and_strict(client):
    form = client.get("/desk/login")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/desk/login",
        data={"email": "agent@example.jp", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
