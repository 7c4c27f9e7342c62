"""Who has a website chat, changed only by the conversation service, stored as the same strings."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from desk.auth import create_user
from desk.conversation_service import ConversationService
from desk.errors import ConversationError
from desk.models import ConversationState, StaffAction
from tests.desk.conftest import PASSWORD


def test_a_chat_goes_from_the_bot_to_the_queue_to_a_person_and_back(sessions):
    with sessions.begin() as session:
        service = ConversationService(session)
        staff = create_user(session, "s@example.jp", "Staff", PASSWORD, "agent")
        conversation, _ = service.open("actio", "ja")
        assert conversation.state == ConversationState.BOT and service.queue() == []
        with pytest.raises(ConversationError):
            service.hand_back(conversation, staff)  # nobody has it to hand back
        service.escalate(conversation, "request_human")
        assert conversation.state == ConversationState.WAITING and service.queue() == [conversation]
        service.escalate(conversation, "complaint")  # already escalated: nothing changes
        assert conversation.reason == "request_human"
        service.take(conversation, staff)
        assert (conversation.state, conversation.assignee_id) == (ConversationState.STAFF, staff.id)
        service.hand_back(conversation, staff)
        assert (conversation.state, conversation.assignee_id) == (ConversationState.BOT, None)
        with pytest.raises(ConversationError):
            service.take(conversation, staff)  # the bot has it again: nothing to take
        lines = [(m.sender, m.text) for m in service.after(conversation.id, 0)]
        assert lines == [("system", code) for code in ("waiting_for_staff", "staff_joined", "handed_back")]
        actions = session.scalars(select(StaffAction.action).order_by(StaffAction.id))
        assert list(actions) == ["escalated", "took", "handed_back"]


def test_states_are_stored_as_the_strings_they_always_were(sessions):
    with sessions.begin() as session:
        service = ConversationService(session)
        conversation, _ = service.open("actio", "en")
        service.escalate(conversation, "request_human")
    with sessions() as session:
        stored = session.execute(text("SELECT state FROM conversations")).scalar_one()
        assert stored == "waiting" and type(stored) is str
        assert [state.value for state in ConversationState] == ["bot", "waiting", "staff", "closed"]


def test_a_customer_reads_a_chat_only_with_its_token(sessions):
    with sessions.begin() as session:
        service = ConversationService(session)
        conversation, token = service.open("actio", "ja")
        assert service.for_customer(conversation.id, token) is conversation
        assert service.for_customer(conversation.id, "forged") is None
        assert service.for_customer(conversation.id, None) is None
        assert service.for_customer("no-such-id", token) is None


def test_a_button_press_is_kept_as_the_customer_saw_it(sessions):
    with sessions.begin() as session:
        service = ConversationService(session)
        conversation, _ = service.open("actio", "en")
        payload = '/inform{"choice": "deputy"}'
        service.add(conversation, "bot", "For whom?", [{"title": "For someone else", "payload": payload}])
        assert service.as_shown(conversation, payload) == "For someone else"
        assert service.as_shown(conversation, "/inform{}") == "/inform{}"  # not a button it was shown
        assert service.as_shown(conversation, "for my mum") == "for my mum"
