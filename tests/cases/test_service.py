"""The case service on SQLite and on PostgreSQL (the `sessions` fixture runs each test on both)."""

import datetime as dt

import pytest

from cases.models import CaseEvent
from cases.service import CaseError, CaseService, NewCase
from cases.states import TRANSITIONS, Status
from responses.profiles import load_profile

ACTIO = load_profile("actio")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def disclosure(**changes) -> NewCase:
    values = {
        "request_type": "request_disclosure",
        "regime": "gdpr",
        "language": "en",
        "channel": "chat",
        "requester_name": "Anna Schmidt",
        "requester_email": "anna@example.de",
        "country": "Germany",
    }
    return NewCase(**(values | changes))


def test_references_count_up_per_year(sessions):
    clock = Clock()
    with sessions.begin() as session:
        service = CaseService(session, clock)
        refs = [service.open(disclosure(), ACTIO).reference for _ in range(3)]
        clock.now = clock.now.replace(year=2027)
        refs.append(service.open(disclosure(), ACTIO).reference)
    assert refs == ["PRV-2026-000001", "PRV-2026-000002", "PRV-2026-000003", "PRV-2027-000001"]


def test_opening_sets_regime_due_date_fee_and_first_status(sessions):
    with sessions.begin() as session:
        service = CaseService(session, Clock())
        case = service.open(disclosure(), ACTIO)
        report = service.open(disclosure(request_type="report_suspicious", regime="appi"), ACTIO)
        kinds = [(e.kind, e.from_status, e.to_status) for e in service.events(case)]
    assert case.due_date == dt.date(2026, 12, 22)
    assert case.fee_jpy == 2500  # actio charges for disclosure
    assert case.status == Status.AWAITING_IDENTITY
    assert report.status == Status.IN_PROGRESS and report.fee_jpy is None
    assert kinds == [("opened", None, "received"), ("status", "received", "awaiting_identity")]


def test_only_transitions_in_the_table_are_allowed(sessions):
    with sessions.begin() as session:
        service = CaseService(session, Clock())
        case = service.open(disclosure(), ACTIO)
        with pytest.raises(CaseError):
            service.transition(case, Status.CLOSED, "agent")
        service.transition(case, Status.IN_PROGRESS, "agent")
        service.transition(case, Status.COMPLETED, "agent")
        service.transition(case, Status.CLOSED, "agent")
        assert case.status == Status.CLOSED
        assert not TRANSITIONS[Status.CLOSED]
        with pytest.raises(CaseError):
            service.transition(case, Status.IN_PROGRESS, "agent")


def test_a_hold_needs_a_reason_and_pushes_the_deadline_back(sessions):
    clock = Clock()
    with sessions.begin() as session:
        service = CaseService(session, clock)
        case = service.open(disclosure(), ACTIO)
        with pytest.raises(CaseError, match="reason"):
            service.transition(case, Status.ON_HOLD, "agent")
        service.transition(case, Status.ON_HOLD, "agent", reason="waiting for the customer's ID")
        clock.now += dt.timedelta(days=5)
        with pytest.raises(CaseError, match="resumes"):
            service.transition(case, Status.IN_PROGRESS, "agent")
        service.transition(case, Status.AWAITING_IDENTITY, "agent")
        assert case.due_date == dt.date(2026, 12, 27)


def test_a_deadline_is_extended_once_by_the_regime(sessions):
    with sessions.begin() as session:
        service = CaseService(session, Clock())
        case = service.open(disclosure(), ACTIO)
        service.extend(case, "supervisor", "complex request")
        assert case.due_date == dt.date(2027, 2, 22)
        with pytest.raises(CaseError, match="already"):
            service.extend(case, "supervisor", "again")


def test_the_audit_trail_is_append_only(sessions):
    with sessions() as session:
        case = CaseService(session, Clock()).open(disclosure(), ACTIO)
        session.commit()
        event = session.query(CaseEvent).filter_by(case_id=case.id).first()
        event.actor = "someone else"
        with pytest.raises(PermissionError):
            session.commit()


def test_status_is_told_only_to_the_address_on_the_case(sessions):
    with sessions.begin() as session:
        service = CaseService(session, Clock())
        reference = service.open(disclosure(), ACTIO).reference
        assert service.find_for_requester(reference.lower(), " ANNA@example.de ") is not None
        assert service.find_for_requester(reference, "mallory@example.com") is None
        assert service.find_for_requester("PRV-2026-999999", "anna@example.de") is None
