"""When something happened, from what a customer wrote: ja-timex for Japanese, dateparser for English.

Values are ISO 8601 at the precision the customer gave: a day (2026-12-07), a
week as an interval Monday to Sunday (2026-11-30/2026-12-06), or a month (2026-11).
Dates are in the past: an incident is reported after it happened.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from cases.extraction.contacts import Found

log = logging.getLogger(__name__)

# Kana spellings ja-timex does not know, as the kanji it does.
_KANA = {
    "おととい": "一昨日",
    "おとつい": "一昨日",
    "きのう": "昨日",
    "きょう": "今日",
    "けさ": "今朝",
    "せんしゅう": "先週",
}
_WEEKDAYS = "月火水木金土日"
_EN_WEEK = re.compile(r"\b(last|this) week\b", re.IGNORECASE)
_EN_MONTH = re.compile(r"\blast month\b", re.IGNORECASE)
_EN_IN_MONTH = re.compile(
    r"\b(?:in|during|early|late|mid)[\s-]+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d)",
    re.IGNORECASE,
)
_MONTHS = "january february march april may june july august september october november december".split()
_TODAY_JA = re.compile(r"今日|本日|今朝|さっき|先ほど|先程")
_THIS_WEEK_JA = re.compile(r"今週")
_ONLY_MONTH_JA = re.compile(
    r"(?<!\d)(1[0-2]|[1-9])月(?:に|頃|ごろ|中|上旬|中旬|下旬|の初め|の終わり|です|でした|の)"
)
_MONTH_END_JA = re.compile(r"先月")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(monday: date) -> str:
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _past(day: date, today: date) -> date:
    """A month-day without a year that lies ahead is last year's."""
    return day.replace(year=day.year - 1) if day > today else day


def find(text: str, now: datetime) -> Found | None:
    """The first date in the text, at the precision written."""
    today = now.date()
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return _japanese(text, now, today)
    return _english(text, now, today)


def _japanese(text: str, now: datetime, today: date) -> Found | None:
    spelled = text
    for kana, kanji in _KANA.items():
        spelled = spelled.replace(kana, kanji + "\u3000" * (len(kana) - len(kanji)))  # offsets kept
    try:
        from ja_timex import TimexParser

        found = TimexParser(reference=now.replace(tzinfo=None)).parse(spelled)
    except Exception:  # a parser error on strange input must not lose the turn
        log.warning("ja-timex could not read a message")
        found = []
    previous_week = None
    for timex in found:
        start, end = timex.span
        if timex.type == "DURATION" and timex.mod == "BEFORE":
            unit = timex.value[-1]
            amount = timex.value[1:-1]
            if not amount.isdigit():
                continue
            count = int(amount)
            if unit == "D":
                return Found((today - timedelta(days=count)).isoformat(), start, end)
            if unit == "W":
                following = _weekday_after(found, timex)
                if following is not None:
                    weekday = _WEEKDAYS.index(following.parsed["weekday"])
                    day = _monday(today) - timedelta(weeks=count) + timedelta(days=weekday)
                    return Found(day.isoformat(), start, following.span[1])
                previous_week = Found(_week(_monday(today) - timedelta(weeks=count)), start, end)
                return previous_week
            if unit == "M" and count >= 1:
                month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
                for _ in range(count - 1):
                    month = (month - timedelta(days=1)).replace(day=1)
                return Found(month.strftime("%Y-%m"), start, end)
        if timex.type == "DATE":
            if "weekday" in timex.parsed and timex.parsed.get("weekday"):
                weekday = _WEEKDAYS.index(timex.parsed["weekday"])
                back = (today.weekday() - weekday) % 7 or 7
                return Found((today - timedelta(days=back)).isoformat(), start, end)
            day = _calendar_day(timex.value, today)
            if day is not None:
                return Found(day.isoformat(), start, end)
    for pattern, value in (
        (_TODAY_JA, today.isoformat()),
        (_THIS_WEEK_JA, _week(_monday(today))),
    ):
        match = pattern.search(text)
        if match:
            return Found(value, match.start(), match.end())
    match = _ONLY_MONTH_JA.search(text)
    if match:
        month = date(today.year, int(match.group(1)), 1)
        month = month.replace(year=today.year - 1) if month > today else month
        return Found(month.strftime("%Y-%m"), match.start(), match.end())
    return None


def _weekday_after(found: list, week) -> object | None:
    """A weekday written right after 先週 (先週の金曜): the day, not the week."""
    for timex in found:
        if timex.type == "DATE" and timex.parsed.get("weekday") and 0 <= timex.span[0] - week.span[1] <= 2:
            return timex
    return None


def _calendar_day(value: str, today: date) -> date | None:
    match = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year = today.year if match.group(1) == "XXXX" else int(match.group(1))
    try:
        day = date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return _past(day, today) if match.group(1) == "XXXX" else day


_EN_MONTH_NAMES = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# Where an English date is written; dateparser reads each candidate (its search mode guesses too freely).
_EN_CANDIDATES = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH_NAMES}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_EN_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b(?:the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|earlier today)\b"
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|ten|a few|couple of)\s+(?:days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
_EN_WEEKDAY = re.compile(
    r"\b(?:(?:last|this past|on|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "a few": 3,
    "couple of": 2,
}


def _english(text: str, now: datetime, today: date) -> Found | None:
    found: list[Found] = []
    match = _EN_WEEK.search(text)
    if match:
        monday = _monday(today) - timedelta(weeks=1 if match.group(1).lower() == "last" else 0)
        found.append(Found(_week(monday), match.start(), match.end()))
    match = _EN_MONTH.search(text)
    if match:
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        found.append(Found(month.strftime("%Y-%m"), match.start(), match.end()))
    match = _EN_IN_MONTH.search(text)
    if match:
        month = date(today.year, _MONTHS.index(match.group(1).lower()) + 1, 1)
        month = month.replace(year=today.year - 1) if month > today else month
        found.append(Found(month.strftime("%Y-%m"), match.start(1), match.end(1)))
    match = _EN_WEEKDAY.search(text)
    if match:
        weekday = _WEEKDAY_NAMES.index(match.group(1).lower())
        back = (today.weekday() - weekday) % 7 or 7
        found.append(Found((today - timedelta(days=back)).isoformat(), match.start(), match.end()))
    for candidate in _EN_CANDIDATES.finditer(text):
        day = _read_english(candidate.group(0), now)
        if day is not None:
            found.append(
                Found(
                    _past(day, today).isoformat() if day.year == today.year else day.isoformat(),
                    candidate.start(),
                    candidate.end(),
                )
            )
            break
    return min(found, key=lambda item: item.start) if found else None


def _read_english(written: str, now: datetime) -> date | None:
    """One candidate read by dateparser, relative to when the message was written."""
    words = written.lower().split()
    if words[-1] == "ago" and " ".join(words[:-2]) in _COUNTS:  # "a few days ago": dateparser knows digits
        written = f"{_COUNTS[' '.join(words[:-2])]} {words[-2]} ago"
    try:
        import dateparser

        when = dateparser.parse(
            written,
            languages=["en"],
            settings={
                "RELATIVE_BASE": now.replace(tzinfo=None),
                "PREFER_DATES_FROM": "past",
                "DATE_ORDER": "DMY",
            },
        )
    except Exception:  # a parser error on strange input must not lose the turn
        log.warning("dateparser could not read a date")
        return None
    return when.date() if when else None
