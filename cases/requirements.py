"""Which details a request needs, by request type, company and the answers so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cases.regimes import regime_for_residence, residence_area
from responses.profiles.schema import Profile

FORM_SLOTS = (
    "requester_name",
    "email",
    "country",
    "acting_for",
    "principal_name",
    "deputy_kind",
    "postal_address",
    "phone",
    "request_details",
    "incident_channel",
    "incident_date",
    "incident_asked_for",
    "incident_sender",
    "reply_channel",
    "review",
)
# What the form keeps between turns besides the answers: a postcode or an address waiting for
# the other half, what the customer said they lack, and the answers taken as written.
FORM_STATE = (
    "postcode",
    "pending_address",
    "no_email",
    "no_postcode",
    "no_phone",
    "flagged",
    "reasked_slots",
)
# Changing one answer makes these others stale.
DEPENDENTS = {"acting_for": ("principal_name", "deputy_kind"), "country": ("postal_address",)}

DETAILS_FOR = {"request_correction", "request_deletion", "withdraw_consent", "file_complaint"}
_INCIDENT = ("incident_channel", "incident_date", "incident_asked_for", "incident_sender")


def uses_post(profile: Profile) -> bool:
    return "post" in profile.submission.channels or profile.submission.forms_provided_by == "post"


DEFAULT_DEPUTY_KINDS = ("legal_representative", "adult_guardian", "mandatary", "parent_of_minor")


def deputy_kinds(profile: Profile) -> list[str]:
    """The kinds of deputy a customer may choose from: the company's, else every kind."""
    return list(profile.deputy.kinds or DEFAULT_DEPUTY_KINDS)


def reply_options(profile: Profile) -> list[str]:
    """How the desk can answer someone without e-mail: the company's stated channels, else post or phone."""
    stated = [channel for channel in profile.submission.reply_channels if channel != "email"]
    if stated:
        return stated
    return ["post", "phone"] if profile.desk.phone or "phone" in profile.submission.channels else ["post"]


def _contact(slots: Mapping[str, Any]) -> list[str]:
    """E-mail, or for someone without it, the way they chose to be answered and what it needs."""
    if not slots.get("no_email"):
        return ["email"]
    channel = slots.get("reply_channel")
    if channel == "phone":
        return ["reply_channel", "phone"]
    if channel == "post":
        return ["reply_channel", "postal_address"]
    return ["reply_channel"]


def required_slots(request_type: str | None, profile: Profile, slots: Mapping[str, Any]) -> list[str]:
    """The slots to fill, in the order they are asked; empty once the customer cancelled."""
    if slots.get("review") == "cancelled" or request_type is None:
        return []
    contact = _contact(slots)
    if request_type == "report_suspicious":
        return _unique(["requester_name", *contact, *_INCIDENT, "review"])
    if request_type == "optout_catalog":
        return _unique(["requester_name", "postal_address", *contact, "review"])
    needed = ["requester_name", *contact, "country"]
    if request_type in profile.identity.required_for and profile.deputy.allowed:
        needed.append("acting_for")
        if slots.get("acting_for") == "deputy":
            needed += ["principal_name", "deputy_kind"]
    if uses_post(profile) and request_type in profile.identity.required_for:
        needed.append("postal_address")
    if profile.submission.verifies_by_phone and request_type in profile.identity.required_for:
        needed.append("phone")
    if request_type in DETAILS_FOR:
        needed.append("request_details")
    return _unique([*needed, "review"])


def _unique(slots: list[str]) -> list[str]:
    return list(dict.fromkeys(slots))


def regime(request_type: str, country: str | None) -> str:
    """Reports and catalogue stops are handled under APPI; other requests by residence."""
    if request_type in {"report_suspicious", "optout_catalog"}:
        return "appi"
    return regime_for_residence(country) or "appi"


def lives_abroad(country: str | None) -> bool:
    return country is not None and residence_area(country) not in {None, "japan"}


# What an acknowledgement asks for when the request came without it (name and address of the mail are known).
_ASKED_BY_MAIL = ("country", "principal_name", "deputy_kind", "postal_address", "phone")


def missing_details(request_type: str, profile: Profile, given: Mapping[str, Any]) -> list[str]:
    """The details a request needs that it came without, in the order the form would ask them."""
    needed = required_slots(request_type, profile, given)
    return [slot for slot in needed if slot in _ASKED_BY_MAIL and not given.get(slot)]
