"""The services a route gets are built on the request's own session, so one commit covers them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cases.service import CaseService
from desk.conversation_service import ConversationService
from desk.deps import CaseServiceDep, ConversationServiceDep, GatewayDep, SessionDep


def test_the_services_share_the_request_session_and_a_new_one_per_request(app):
    seen: list[tuple] = []

    @app.get("/probe")
    def probe(
        session: SessionDep, cases: CaseServiceDep, conversations: ConversationServiceDep, gateway: GatewayDep
    ) -> dict[str, bool]:
        seen.append((session, cases, conversations, gateway))
        return {"ok": True}

    with TestClient(app) as client:
        assert client.get("/probe").status_code == 200
        assert client.get("/probe").status_code == 200
    (first, cases, conversations, gateway), (second, *_) = seen
    assert isinstance(cases, CaseService) and cases.session is first
    assert isinstance(conversations, ConversationService) and conversations.session is first
    assert gateway is app.state.gateway
    assert second is not first
