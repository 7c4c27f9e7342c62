"""Read one message into every detail it holds, each taken once, in an order where the surest go first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cases.extraction import addresses, contacts, dates, names, phrases
from cases.extraction.contacts import Found
from cases.extraction.text import Reading, fold

SLOTS = (
    "requester_name",
    "principal_name",
    "email",
    "phone",
    "postcode",
    "address",
    "country",
    "acting_for",
    "deputy_kind",
    "incident_channel",
    "incident_date",
    "incident_asked_for",
    "incident_sender",
    "no_email",
    "no_postcode",
    "no_phone",
    "reply_channel",
    "request_details",
)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# A one-word answer to "for whom are you acting?" / "in what capacity?": the writer's relation.
_RELATION_ANSWERS = {
    "parent_of_minor": re.compile(
        r"^(?:私は)?(?:親|母親|父親|両親|親権者|娘|息子|子ども|子供|子)(?:です|だよ|よ|のよ)?$"
    ),
    "adult_guardian": re.compile(r"^(?:成年)?後見人(?:です)?$"),
}
# "my e-mail is", "tel:": words about the writer's own contact details, not how a contact came.
_CONTACT_WORDS = re.compile(
    r"\b(?:my|our|his|her|your)\s+(?:e-?mail(?:\s+address)?|mail|phone(?:\s+number)?|number|tel)\b"
    r"|\b(?:e-?mail|mail|tel|phone)\s*(?:address)?\s*[:：]|\breply by e-?mail\b|\bby e-?mail\b|\bno e-?mail\b"
    r"|\bemail me\b|\bcall me\b|\bphone me\b|\b(?:e-?mail|mail|tel|phone)(?=[\s\u2003]*\u2003)"
    r"|(?:メール(?:アドレス)?|電話(?:番号)?|連絡先|メアド)\s*(?:は|:|：)|メールで(?:返信|連絡|回答|お願い)|電話で(?:連絡|お願い)|電話なら"
    r"|(?:メール|メアド)(?=\s*[A-Za-z0-9._%+\-]+@|\u2003)|(?:電話|携帯|TEL|tel)(?=\s*[0-9+(])|電話して|メールはやって|メールは(?:使|持)",
    re.IGNORECASE,
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


_LACK_BOTH_JA = re.compile(r"(電話|メール|携帯)も(電話|メール|携帯|パソコン)もない")
_CHILD_JA = re.compile(r"(?:娘|息子|子ども|子供)(?:[（(][^）)]*[）)])?(?:の|は|が)")
_ABOUT_A_CHILD = re.compile(r"親として|代わり|の分|アカウント|情報|データ|消して|削除|開示")
_FOR_SOMEONE = re.compile(
    r"\b(?:for|on behalf of)\s+my\s+(?:\w+\s+)?(?:daughter|son|child|kid|mother|father|mum|mom|dad|wife|husband|"
    r"grandmother|grandfather|grandma|grandpa|sister|brother|parent|aunt|uncle|niece|nephew|friend|partner|"
    r"neighbou?r|client)\b|\bon (?:her|his|their) behalf\b|\bfor (?:him|her|them)\b",
    re.IGNORECASE,
)
_LACK_BOTH = re.compile(
    r"\b(?:don't|do not|dont)\s+(?:have|use)\s+(?:an?\s+)?(e-?mail|phone|telephone|mobile)(?:\s+address)?"
    r"\s+(?:or|nor)\s+(?:an?\s+)?(e-?mail|phone|telephone|mobile)\b",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^(?:です|はい|ええ|うん|よろしく.*|お願いします|[\s、。,.!?]*)$", re.IGNORECASE)


@dataclass
class Extraction:
    """The slots found in one message: cleaned values, and where each came from in `text` (NFKC)."""

    text: str
    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def get(self, slot: str) -> Any:
        return self.values.get(slot)

    def __contains__(self, slot: str) -> bool:
        return slot in self.values

    def put(self, slot: str, found: Found | None, reading: Reading | None = None) -> bool:
        """Keep the first value found for a slot; mark its text as taken."""
        if found is None or slot in self.values or found.value in (None, ""):
            return False
        self.values[slot] = found.value
        self.spans[slot] = (found.start, found.end)
        if reading is not None:
            reading.take(found.start, found.end)
        return True


def extract(text: str | None, *, now: datetime | None = None, expecting: str | None = None) -> Extraction:
    """Every slot the text holds; `expecting` names the question it answers, so a bare answer counts."""
    reading = Reading(fold(text or "")[:5000])
    found = Extraction(reading.text)
    when = now or datetime.now()
    try:
        _read(reading, found, when, expecting)
    except Exception:  # a reader that fails on strange input must not lose the customer's turn
        import logging

        logging.getLogger(__name__).exception("the extractor failed on a message; keeping what it found")
    return found


def _read(reading: Reading, found: Extraction, now: datetime, expecting: str | None) -> None:
    table = phrases.phrases()
    for reference in contacts.references(reading.text):
        reading.take(reference.start, reference.end)
    incident_slots = {"incident_channel", "incident_date", "incident_asked_for", "incident_sender"}
    reporting = phrases.said(reading.text, "report") is not None or expecting in incident_slots
    # Only a report has a sender; an address or number after any sender cue is not the writer's.
    cues = list(phrases.senders(reading.rest)) if reporting else []
    sender = cues[0] if cues else None
    for url in contacts.urls(reading.rest):
        if sender is not None and _overlaps(url, sender):
            found.put("incident_sender", Found(url.value, url.start, url.end), reading)
        reading.take(url.start, url.end)
    for email in contacts.emails(reading.rest):
        slot = "incident_sender" if _is_sender(email, cues, expecting) else "email"
        found.put(slot, email, reading)
        reading.take(email.start, email.end)
    _phones(reading, found, cues, expecting)
    found.put("postcode", addresses.postcode(reading.rest), reading)
    japanese = bool(_JAPANESE.search(reading.text))
    address = addresses.japanese_address(reading.rest) if japanese else None
    address = address or addresses.foreign_address(reading.rest)
    found.put("address", address, reading)
    _incident(reading, found, now, expecting, sender)
    found.put("country", addresses.country(reading.rest, address), reading)
    requester, principal = names.japanese(reading.rest) if japanese else (None, None)
    if requester is None and principal is None:
        requester, principal = names.english(reading.rest)
    if expecting == "principal_name" and principal is None:
        requester, principal = None, requester
    found.put("requester_name", requester, reading)
    found.put("principal_name", principal, reading)
    _deputy(reading, found, expecting)
    for flag in ("no_email", "no_postcode", "no_phone"):
        said = phrases.said(reading.text, flag)
        if said is not None:
            found.put(flag, Found(True, said.start, said.end))
    for lack in [
        *_LACK_BOTH.finditer(reading.text),
        *_LACK_BOTH_JA.finditer(reading.text),
    ]:  # "I don't have an e-mail address or a phone"
        for word in lack.group(1, 2):
            if word == "パソコン":
                continue
            flag = "no_phone" if re.match(r"(?:tele)?phone|mobile|電話|携帯", word, re.I) else "no_email"
            found.put(flag, Found(True, lack.start(), lack.end()))
    found.put("reply_channel", phrases.choose(reading.text, table["reply_channel"]))
    if (
        found.get("no_email")
        and "email" in found.values.get("reply_channel", "email")
        and "reply_channel" in found
    ):
        del found.values["reply_channel"]
    _expected(reading, found, now, expecting)


def _overlaps(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end


def _is_sender(item: Found, cues: list[Found], expecting: str | None) -> bool:
    return expecting == "incident_sender" or any(_overlaps(item, cue) for cue in cues)


def _phones(reading: Reading, found: Extraction, cues: list[Found], expecting: str | None) -> None:
    for phone in contacts.phones(reading.rest):
        slot = "incident_sender" if _is_sender(phone, cues, expecting) else "phone"
        if slot == "incident_sender":
            written = reading.text[phone.start : phone.end].strip()
            phone = Found(written, phone.start, phone.end)
        found.put(slot, phone, reading)
        reading.take(phone.start, phone.end)


def _incident(
    reading: Reading, found: Extraction, now: datetime, expecting: str | None, sender: Found | None
) -> None:
    """A suspicious contact's channel, date, demands and sender: read only in a report (or when asked for)."""
    table = phrases.phrases()
    incident_slots = {"incident_channel", "incident_date", "incident_asked_for", "incident_sender"}
    channel = phrases.choose(_CONTACT_WORDS.sub(_blank, reading.rest), table["incident_channel"])
    demands = phrases.every(reading.rest, table["incident_asked_for"])
    reporting = (
        phrases.said(reading.text, "report") is not None
        or expecting in incident_slots
        # "a website asked for my card number" (an address or a name alone is no sign of a report)
        or (channel is not None and any(item.value != "personal_info" for item in demands))
    )
    if not reporting:
        return
    date = dates.find(reading.rest, now)
    found.put("incident_date", date, reading)
    asked = phrases.every(reading.rest, table["incident_asked_for"])
    if asked:
        found.put(
            "incident_asked_for", Found(",".join(item.value for item in asked), asked[0].start, asked[-1].end)
        )
    if sender is not None and "incident_sender" not in found:
        found.put("incident_sender", phrases.sender(reading.rest), reading)
    if channel is not None:
        found.put("incident_channel", channel)


def _deputy(reading: Reading, found: Extraction, expecting: str | None) -> None:
    table = phrases.phrases()
    text = reading.rest
    kind = phrases.choose(text, table["deputy_kind"])
    acting = phrases.choose(text, table["acting_for"])
    answer = re.sub(r"[\s。、.!！]+", "", text)
    if acting is None and _FOR_SOMEONE.search(text):
        acting = Found("deputy", 0, 0)
    if expecting in {"acting_for", "deputy_kind"} and kind is None:
        for option, pattern in _RELATION_ANSWERS.items():
            if pattern.match(answer):
                kind = Found(option, 0, len(reading.text))
    child = _CHILD_JA.search(text)
    about_child = child and (acting is not None or _ABOUT_A_CHILD.search(text))
    if kind is None and about_child and (acting is None or acting.value == "deputy"):
        kind = Found("parent_of_minor", child.start(), child.end())  # a parent asking about their child
    if kind is not None and (
        acting is None or acting.value == "deputy" or kind.end - kind.start >= acting.end - acting.start
    ):
        found.put("acting_for", Found("deputy", kind.start, kind.end))
        found.put("deputy_kind", kind)
    elif acting is not None:
        found.put("acting_for", acting)
    if found.get("acting_for") == "self":
        found.values.pop("deputy_kind", None)
        found.spans.pop("deputy_kind", None)


def _expected(reading: Reading, found: Extraction, now: datetime, expecting: str | None) -> None:
    """A bare answer to the question asked counts for its slot."""
    rest = reading.remainder()
    if expecting == "request_details":
        details = re.sub(r"\s+", " ", reading.text).strip()[:2000]
        if len(re.sub(r"\W", "", details)) >= 2:
            found.values["request_details"] = details  # the whole message: details are free text
        return
    if expecting is None or expecting in found:
        return
    whole = (0, len(reading.text))
    if expecting in {"requester_name", "principal_name"}:
        value = names.bare(rest) if rest and not _FILLER.match(rest) else None
        if value:
            found.put(expecting, Found(value, *whole))
    elif expecting == "country":
        found.put("country", addresses.place_in(reading.rest))
    elif expecting in {"postal_address", "address"}:
        value = re.sub(r"\s*-\s*", "-", rest).strip(" 、,。.")
        value = re.sub(r"\s*(?:です|になります|よろしく.*)$", "", value)
        if len(value) >= 5 and re.search(r"\d", value):
            address = Found(value, *whole)
            found.put("address", address)
            found.put("country", addresses.country("", address))
    elif expecting == "reply_channel":  # the answer to "post or phone?": the word alone is enough
        found.put("reply_channel", phrases.choose(reading.text, phrases.phrases()["reply_channel_answer"]))
    elif expecting == "incident_date":
        found.put("incident_date", dates.find(reading.rest, now))
    elif expecting == "incident_sender" and len(rest) >= 2:
        value = re.sub(
            r"^(?:送信元は|差出人は|from)\s*|\s*(?:です|でした|を名乗っていました|と名乗っていました)$",
            "",
            rest,
        )
        if value and not _FILLER.match(value):
            found.put("incident_sender", Found(value, *whole))
    elif expecting == "incident_asked_for" and len(re.sub(r"\W", "", rest)) >= 2:
        found.put("incident_asked_for", Found(rest, *whole))  # nothing we have a word for: as written
