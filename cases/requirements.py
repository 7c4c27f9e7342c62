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
    "review",
)
# Changing one answer makes these others stale.
DEPENDENTS = {"acting_for": ("principal_name", "deputy_kind"), "country": ("postal_address",)}

_DETAILS_FOR = {"request_correction", "request_deletion", "withdraw_consent", "file_complaint"}
_INCIDENT = ("incident_channel", "incident_date", "incident_asked_for", "incident_sender")


def uses_post(profile: Profile) -> bool:
    return "post" in profile.submission.channels or profile.submission.forms_provided_by == "post"


def required_slots(request_type: str | None, profile: Profile, slots: Mapping[str, Any]) -> list[str]:
    """The slots to fill, in the order they are asked; empty once the customer cancelled."""
    if slots.get("review") == "cancelled" or request_type is None:
        return []
    if request_type == "report_suspicious":
        return ["requester_name", "email", *_INCIDENT, "review"]
    if request_type == "optout_catalog":
        return ["requester_name", "postal_address", "email", "review"]
    needed = ["requester_name", "email", "country"]
    if request_type in profile.identity.required_for and profile.deputy.allowed:
        needed.append("acting_for")
        if slots.get("acting_for") == "deputy":
            needed += ["principal_name", "deputy_kind"]
    if uses_post(profile) and request_type in profile.identity.required_for:
        needed.append("postal_address")
    if profile.submission.verifies_by_phone and request_type in profile.identity.required_for:
        needed.append("phone")
    if request_type in _DETAILS_FOR:
        needed.append("request_details")
    return [*needed, "review"]


def regime(request_type: str, country: str | None) -> str:
    """Reports and catalogue stops are handled under APPI; other requests by residence."""
    if request_type in {"report_suspicious", "optout_catalog"}:
        return "appi"
    return regime_for_residence(country) or "appi"


def lives_abroad(country: str | None) -> bool:
    return country is not None and residence_area(country) not in {None, "japan"}
