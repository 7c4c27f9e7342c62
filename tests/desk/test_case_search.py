"""The case service's queries for the console: the filtered list and a chat's cases (both databases)."""

from __future__ import annotations

import datetime as dt

from cases.service import CaseFilter, CaseService, NewCase
from desk.auth import create_user, staff_names
from responses.profiles import load_profile
from tests.desk.conftest import PASSWORD

ACTIO = load_profile("actio")


def new(request_type: str, regime: str, name: str, email: str, conversation_id: str | None = None) -> NewCase:
    return NewCase(request_type, regime, "ja", "chat", name, email, conversation_id=conversation_id)


def test_the_list_is_narrowed_by_each_filter_and_sorted_by_due_date(sessions):
    with sessions.begin() as session:
        cases = CaseService(session)
        gdpr = cases.open(new("request_disclosure", "gdpr", "Anna Schmidt", "anna@example.de"), ACTIO)
        appi = cases.open(new("request_deletion", "appi", "山田 太郎", "taro@example.jp"), ACTIO)
        done = cases.open(new("request_deletion", "appi", "佐藤 花子", "hanako@example.jp"), ACTIO)
        cases.transition(done, "withdrawn", "test")
        appi.assignee_id = create_user(session, "a@example.jp", "Agent", PASSWORD, "agent").id
        appi.due_date = gdpr.due_date - dt.timedelta(days=40)

        def found(**filters) -> list[str]:
            return [case.reference for case in cases.search(CaseFilter(**filters))]

        assert found() == sorted(found(), key=lambda r: cases.get(r).due_date) and len(found()) == 3
        assert found(request_type="request_disclosure") == [gdpr.reference]
        assert found(regime="appi", status=appi.status) == [appi.reference]  # not the withdrawn one
        assert found(assignee_id=appi.assignee_id) == [appi.reference]
        assert found(text="  TARO@  ") == [appi.reference]  # any case, trimmed
        assert found(text=gdpr.reference[-6:]) == [gdpr.reference]
        overdue = found(overdue_on=appi.due_date + dt.timedelta(days=1))
        assert overdue == [appi.reference]  # open and due before that day; the withdrawn one is not
        assert len(cases.search(CaseFilter(), limit=2)) == 2


def test_the_command_lines_list_is_newest_first_and_narrowed_by_status(sessions):
    with sessions.begin() as session:
        cases = CaseService(session)
        first = cases.open(new("request_disclosure", "appi", "山田 太郎", "taro@example.jp"), ACTIO)
        second = cases.open(new("request_deletion", "appi", "佐藤 花子", "hanako@example.jp"), ACTIO)
        cases.transition(second, "withdrawn", "test")
        newest = [case.reference for case in cases.search(CaseFilter(), newest_first=True)]
        assert newest == [second.reference, first.reference]
        withdrawn = cases.search(CaseFilter(status="withdrawn"), newest_first=True)
        assert [case.reference for case in withdrawn] == [second.reference]


def test_a_conversations_cases_oldest_first(sessions):
    with sessions.begin() as session:
        cases = CaseService(session)
        first = cases.open(new("request_disclosure", "appi", "A", "a@example.jp", "chat-1"), ACTIO)
        cases.open(new("request_disclosure", "appi", "B", "b@example.jp", "chat-2"), ACTIO)
        second = cases.open(new("request_deletion", "appi", "A", "a@example.jp", "chat-1"), ACTIO)
        assert [c.reference for c in cases.for_conversation("chat-1")] == [first.reference, second.reference]
        assert cases.for_conversation("nobody") == []


def test_staff_names_include_inactive_accounts(sessions):
    with sessions.begin() as session:
        left = create_user(session, "gone@example.jp", "Former Agent", PASSWORD, "agent")
        left.active = False
        assert staff_names(session)[left.id] == "Former Agent"
