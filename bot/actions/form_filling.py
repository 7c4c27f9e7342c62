"""What one customer turn gives a request form: every slot it fills, and why the asked one was not.

The chat form and the first message of a request both come here, so what a
customer volunteers is taken once, cleaned, wherever in the conversation it
was said. Reading the text is `cases.extraction`'s job; this module decides
which reading fills which form slot, and checks answers against each other
(a postcode against its address).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cases.extraction import SLOTS, Extraction, extract
from cases.extraction.postal import in_japan, japan, postal_address
from cases.requirements import FORM_SLOTS, lives_abroad

# Extraction slots that are form slots of the same name (the details are read only when asked for).
_SAME = tuple(slot for slot in SLOTS if slot in FORM_SLOTS and slot != "request_details")
_NO_WORDS = re.compile(
    r"^(?:いいえ|いえ|ない|ないです|ありません|ないんです|持っていません|持ってない|持ってません|使っていません|"
    r"やってない|わからない|分からない|わかりません|分かりません|知らない|不明|なし|無し|no|none|nope|"
    r"i don't have one|i don't have any|don't have one|i don't know|not sure|n/a)"
    r"(?:です|のよ|よ|ね)?[\s。.!]*$",
    re.IGNORECASE,
)
_LACKS = {"email": "no_email", "postal_address": "no_postcode", "phone": "no_phone"}
_POSTCODE_PREFIX = re.compile(r"^〒\d{3}-\d{4}\s*")


@dataclass
class Filled:
    """A turn's contribution: slots to set, notes to say (template, context), the asked slot's problem."""

    slots: dict[str, Any] = field(default_factory=dict)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    problem: str | None = None  # the template under chat/invalid/ that says why the answer was not taken


def fill(
    text: str,
    *,
    requested: str | None,
    current: Mapping[str, Any],
    now: datetime,
    lang: str,
    choice: str | None = None,
    deputy_kinds: Sequence[str] = (),
) -> Filled:
    """Read `text` (the answer to `requested`, if a question was asked) against the form so far.

    `deputy_kinds` are the kinds of deputy the company names: a parent of a
    minor is its legal representative where the company names only that.
    """
    filled = Filled()
    if choice is not None and requested in {"acting_for", "deputy_kind", "reply_channel", "incident_channel"}:
        filled.slots[requested] = choice  # a button's payload is the answer to the question it came with
        if requested == "acting_for" and choice == "self":
            filled.slots.update(principal_name=None, deputy_kind=None)
        return filled
    if text.startswith("/"):
        return filled  # a button of an earlier question: no answer to this one
    expecting = "address" if requested == "postal_address" else requested
    found = extract(text, now=now, expecting=expecting)
    correcting = requested == "review"

    def may_set(slot: str) -> bool:
        return correcting or slot == requested or current.get(slot) in (None, "")

    for slot in _SAME:
        if slot in found and may_set(slot):
            filled.slots[slot] = found.get(slot)
    parent = filled.slots.get("deputy_kind") == "parent_of_minor"
    if parent and "parent_of_minor" not in deputy_kinds and "legal_representative" in deputy_kinds:
        filled.slots["deputy_kind"] = "legal_representative"
    if found.get("acting_for") == "self" and may_set("acting_for"):
        filled.slots.update(principal_name=None, deputy_kind=None)
    if found.get("no_email") or (requested == "email" and _NO_WORDS.match(found.text.strip())):
        filled.slots["no_email"] = True
        filled.slots.pop("email", None)
    if requested in _LACKS and _NO_WORDS.match(found.text.strip()):
        filled.slots[_LACKS[requested]] = True
    if found.get("no_postcode"):
        filled.slots["no_postcode"] = True
    if found.get("no_phone"):
        filled.slots["no_phone"] = True
    _address(found, filled, requested, current, lang, correcting)
    if requested == "request_details" and found.get("request_details"):
        filled.slots["request_details"] = found.get("request_details")
    if requested and requested != "review" and requested not in filled.slots and filled.problem is None:
        lacking = _LACKS.get(requested)
        declined = lacking is not None and filled.slots.get(lacking)
        if requested == "phone" and declined:
            filled.problem = "phone_declined"  # said why it is needed; said again, it is taken as written
        elif not declined and not _gave_something_else(filled, requested):
            filled.problem = requested
    return filled


def _gave_something_else(filled: Filled, requested: str) -> bool:
    return any(slot != requested and value not in (None, False) for slot, value in filled.slots.items())


def _address(
    found: Extraction,
    filled: Filled,
    requested: str | None,
    current: Mapping[str, Any],
    lang: str,
    correcting: bool,
) -> None:
    """The postal address from an address and a postcode, either of which may come in another turn."""
    address, postcode = found.get("address"), found.get("postcode")
    declined = bool(found.get("no_postcode") or current.get("no_postcode") or filled.slots.get("no_postcode"))
    pending = current.get("pending_address")
    if address is None and postcode is None and not (pending and declined):
        return
    if (
        address is not None
        and not current.get("country")
        and "country" not in filled.slots
        and in_japan(address)
    ):
        filled.slots["country"] = japan(lang)
    if not (correcting or requested == "postal_address" or not current.get("postal_address")):
        return
    if address is None and pending:
        address = pending
    elif address is None and correcting and current.get("postal_address"):
        address = _POSTCODE_PREFIX.sub("", current["postal_address"])  # "the postcode is 857-0000"
    if address is None:  # a postcode alone, kept for the address to come
        filled.slots["postcode"] = postcode
        if requested == "postal_address":
            filled.problem = "postal_address_street"
        return
    if pending:
        filled.slots["pending_address"] = None
    postcode = postcode or current.get("postcode")
    country = filled.slots.get("country") or current.get("country")
    joined = postal_address(address, postcode, abroad=lives_abroad(country))
    if joined.value is not None:
        filled.slots["postal_address"] = joined.value
        if joined.looked_up is not None:
            found_code = joined.looked_up
            filled.notes.append(
                ("form/postcode_found", {"postcode": found_code.code, "place": found_code.place})
            )
    elif joined.problem == "mismatch":
        filled.problem = "postal_address_mismatch"
        filled.slots.update(postcode=None, pending_address=address)
    elif declined:
        filled.slots["postal_address"] = address
        filled.slots["flagged"] = flag(current, "postal_address")
    else:
        filled.slots["pending_address"] = address
        filled.problem = "postal_address_postcode"


def flag(current: Mapping[str, Any], slot: str) -> list[str]:
    """The slots taken as written (not cleaned), for staff to check, with this one added."""
    flagged = list(current.get("flagged") or [])
    return flagged if slot in flagged else [*flagged, slot]
