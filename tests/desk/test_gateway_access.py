"""A customer can reach only their own conversation."""


def test_history_needs_the_conversations_own_token(client):
    mine = client.post("/api/chat/conversations", json={"lang": "en"}).json()
    theirs = client.post("/api/chat/conversations", json={"lang": "ja"}).json()
    url = f"/api/chat/conversations/{theirs['id']}/messages"
    assert client.get(url, headers={"X-Chat-Token": theirs["token"]}).status_code == 200
    assert client.get(url, headers={"X-Chat-Token": mine["token"]}).status_code == 404
    assert client.get(url).status_code == 404
    assert (
        client.get(
            "/api/chat/conversations/not-a-real-id/messages", headers={"X-Chat-Token": "x"}
        ).status_code
        == 404
    )


def test_a_websocket_with_another_conversations_token_is_closed(client):
    import pytest
    from starlette.websockets import WebSocketDisconnect

    mine = client.post("/api/chat/conversations", json={}).json()
    theirs = client.post("/api/chat/conversations", json={}).json()
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(f"/ws/chat/{theirs['id']}?token={mine['token']}") as socket,
    ):
        socket.receive_json()
    assert closed.value.code == 4404


def test_too_many_new_conversations_from_one_address_are_refused(client):
    codes = [client.post("/api/chat/conversations", json={}).status_code for _ in range(15)]
    assert codes[:10] == [200] * 10 and 429 in codes


def test_widget_strings_come_from_responses(client):
    strings = client.get("/api/chat/strings?lang=ja").json()
    assert strings and all(isinstance(value, str) for value in strings.values())
