"""A chat in the console: the queue, taking it, a staff line, handing it back (Rasa is not running)."""

from __future__ import annotations

from cases.service import CaseService, NewCase
from desk.conversation_service import ConversationService
from responses.profiles import load_profile
from tests.desk.conftest import sign_in


def escalated_chat(client, sessions) -> tuple[str, str]:
    """A conversation opened by the widget API, waiting for a person, with a case it opened."""
    chat = client.post("/api/chat/conversations", json={"lang": "ja"}).json()
    with sessions.begin() as session:
        conversations = ConversationService(session)
        conversations.escalate(conversations.get(chat["id"]), "request_human")
        new = NewCase(
            "request_disclosure", "appi", "ja", "chat", "山田", "y@example.jp", conversation_id=chat["id"]
        )
        reference = CaseService(session).open(new, load_profile("actio")).reference
    return chat["id"], reference


def test_staff_take_a_waiting_chat_answer_and_hand_it_back(client, sessions):
    conversation_id, reference = escalated_chat(client, sessions)
    csrf = sign_in(client)
    [row] = client.get("/desk/api/queue").json()
    assert (row["id"], row["state"], row["assignee"]) == (conversation_id, "waiting", None)
    page = client.get(f"/desk/conversations/{conversation_id}").text
    assert reference in page and 'data-testid="take"' in page and 'data-testid="reply-form"' not in page

    taken = client.post(f"/desk/conversations/{conversation_id}/take", data={"csrf_token": csrf})
    assert taken.status_code == 200 and 'data-testid="reply-form"' in taken.text
    assert client.get("/desk/api/queue").json()[0]["assignee"] == "Agent Sato"
    said = client.post(
        f"/desk/conversations/{conversation_id}/messages",
        data={"text": "担当の佐藤です。", "csrf_token": csrf},
        headers={"Accept": "application/json"},
    )
    assert said.status_code == 204  # stored; the assistant being down costs only its memory of the line
    messages = client.get(f"/desk/api/conversations/{conversation_id}/messages", params={"after": 0}).json()
    assert messages["state"] == "staff" and messages["messages"][-1]["text"] == "担当の佐藤です。"

    back = client.post(f"/desk/conversations/{conversation_id}/hand-back", data={"csrf_token": csrf})
    assert back.status_code == 200 and client.get("/desk/api/queue").json() == []
    again = client.post(f"/desk/conversations/{conversation_id}/take", data={"csrf_token": csrf})
    assert again.status_code == 409


def test_a_staff_line_needs_the_conversation_taken_first(client, sessions):
    conversation_id, _ = escalated_chat(client, sessions)
    csrf = sign_in(client)
    refused = client.post(
        f"/desk/conversations/{conversation_id}/messages", data={"text": "hello", "csrf_token": csrf}
    )
    assert refused.status_code == 409
    assert client.get("/desk/conversations/no-such-chat").status_code == 404
    assert client.post("/desk/conversations/no-such-chat/take", data={"csrf_token": csrf}).status_code == 404
