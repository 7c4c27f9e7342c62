"""When a request must be answered, by regime and company.

GDPR: one month, extendable by two (Art. 12(3)). CCPA: 45 days, extendable by
45 (Cal. Civ. Code 1798.130). PIPL: 15 working days, the
desk's target taken from the national standard GB/T 35273 (8.7).
APPI sets no number ("without delay"), so the company's stated timeline
applies, and where the policy states none, the desk's own target.
"""

from __future__ import annotations

import calendar
import datetime as dt

from responses.profiles.schema import Profile

APPI_DEFAULT_DAYS = 14  # the desk's target when a policy states no timeline


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_business_days(day: dt.date, days: int) -> dt.date:
    """Weekdays only; Japanese public holidays are left to staff extensions."""
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def policy_timeline_applies(profile: Profile, request_type: str | None) -> bool:
    """Whether the policy states a number of days (or weeks) for this kind of request."""
    timeline = profile.timeline
    if timeline.days is None:
        return False
    return not timeline.applies_to or request_type is None or request_type in timeline.applies_to


def due_date(regime: str, opened_on: dt.date, profile: Profile, request_type: str | None = None) -> dt.date:
    if regime == "gdpr":
        return add_months(opened_on, 1)
    if regime == "ccpa":
        return opened_on + dt.timedelta(days=45)
    if regime == "pipl":
        return add_business_days(opened_on, 15)
    timeline = profile.timeline
    if policy_timeline_applies(profile, request_type) and timeline.days:
        if timeline.unit == "business_days":
            return add_business_days(opened_on, timeline.days)
        if timeline.unit == "months":
            return add_months(opened_on, timeline.amount or 1)
        return opened_on + dt.timedelta(days=timeline.days)
    return opened_on + dt.timedelta(days=APPI_DEFAULT_DAYS)


def is_desk_target(regime: str, profile: Profile, request_type: str | None = None) -> bool:
    """Whether a case's due date is the desk's own target rather than a law's or the policy's.

    PIPL's 15 working days come from a national standard, not the law, so they are a target too.
    """
    if regime in {"gdpr", "ccpa"}:
        return False
    return regime == "pipl" or not policy_timeline_applies(profile, request_type)


def extended_due_date(regime: str, current: dt.date, days: int | None = None) -> dt.date:
    """The due date after the one extension a regime allows (or `days` where it sets none)."""
    if regime == "gdpr":
        return add_months(current, 2)
    if regime == "ccpa":
        return current + dt.timedelta(days=45)
    return current + dt.timedelta(days=days or APPI_DEFAULT_DAYS)
