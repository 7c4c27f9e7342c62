import datetime as dt

import pytest

from cases.deadlines import add_business_days, add_months, due_date, extended_due_date
from responses.profiles import load_profile


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)), (dt.date(2026, 11, 22), 2, dt.date(2027, 1, 22))],
)
def test_a_month_ends_on_the_same_day_or_the_last_one(day, months, expected):
    assert add_months(day, months) == expected


def test_business_days_skip_weekends():
    assert add_business_days(dt.date(2026, 11, 20), 1) == dt.date(2026, 11, 23)  # Friday -> Monday


@pytest.mark.parametrize(
    ("regime", "profile_id", "expected"),
    [
        ("gdpr", "actio", dt.date(2026, 12, 22)),
        ("ccpa", "actio", dt.date(2027, 1, 6)),
        ("pipl", "actio", dt.date(2026, 12, 11)),
        ("appi", "japanet-holdings", dt.date(2026, 12, 6)),  # the company states two weeks
        ("appi", "actio", dt.date(2026, 12, 6)),  # states none: the desk's target of 14 days
    ],
)
def test_due_dates_follow_regime_and_company(regime, profile_id, expected):
    assert due_date(regime, dt.date(2026, 11, 22), load_profile(profile_id)) == expected


def test_extensions_by_regime():
    assert extended_due_date("gdpr", dt.date(2026, 12, 22)) == dt.date(2027, 2, 22)
    assert extended_due_date("ccpa", dt.date(2027, 1, 6)) == dt.date(2027, 2, 20)
    assert extended_due_date("appi", dt.date(2026, 12, 6), 10) == dt.date(2026, 12, 16)
