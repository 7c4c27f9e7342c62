"""The schema every company policy profile must satisfy.

A profile holds facts taken from a company's published policy, never its prose.
Every key is required: where the policy states nothing, the profile says so
explicitly (``status: not_stated`` or ``null``), so an omission is a decision
someone made, not a blank that turns into an invented fee or deadline.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

Lang = Literal["ja", "en"]


class Strict(BaseModel):
    """Unknown keys are typos; reject them rather than ignore them."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One fact worded in both customer languages."""

    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Company(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Text
    website: str | None


class Hours(Strict):
    days: Literal["weekdays", "weekdays_and_saturday", "every_day"]
    open: str = Field(pattern=r"^\d{2}:\d{2}$")
    close: str = Field(pattern=r"^\d{2}:\d{2}$")
    timezone: str
    closed_note: Text | None  # e.g. holidays and year-end closures


class Desk(Strict):
    name: Text
    organisation: Text  # the company or group company that runs the desk
    postal_code: str | None = Field(pattern=r"^\d{3}-\d{4}$")
    address: Text | None
    email: EmailStr | None
    phone: str | None
    fax: str | None
    contact_form_url: str | None
    hours: Hours | None


Channel = Literal["post", "phone", "email", "contact_form", "in_person"]


class Submission(Strict):
    """How a request reaches the company, and how its forms reach the customer."""

    channels: list[Channel] = Field(min_length=1)
    forms_provided_by: Literal["post", "email", "download", "desk_on_request"]
    form_download_url: str | None
    verifies_by_phone: bool  # the desk calls back to confirm identity
    notes: list[Text]


class Fee(Strict):
    status: Literal["charged", "free", "not_stated"]
    amount_jpy: int | None = Field(ge=0)
    tax_included: bool | None
    per: Literal["request", "item"] | None
    applies_to: list[str]  # request intents that incur the fee
    payment_methods: list[
        Literal["postal_money_order", "postage_stamps", "bank_transfer", "cash_on_delivery", "credit_card"]
    ]
    refund_note: Text | None


IdDocument = Literal[
    "drivers_license",
    "passport",
    "my_number_card",
    "residence_card",
    "health_insurance_card",
    "pension_book",
    "family_register",
    "resident_record",
    "seal_certificate",
    "disability_certificate",
    "other_public_document",
]


class Identity(Strict):
    """The company's rule for proving who is asking."""

    required_for: list[str]  # request intents that need verification
    documents: list[IdDocument] = Field(min_length=1)
    photo_documents_needed: int = Field(ge=1)  # how many if one carries a photo
    non_photo_documents_needed: int = Field(ge=1)  # how many if none carries a photo
    copies_accepted: bool | None  # None: the policy does not say whether copies will do
    max_age_months: int | None  # for certificates such as the resident record
    address_must_match: bool
    mask_honseki: bool  # 本籍 must be blacked out
    mask_my_number: bool  # the individual number must be blacked out
    notes: list[Text]


class Deputy(Strict):
    allowed: bool
    kinds: list[Literal["legal_representative", "adult_guardian", "mandatary", "parent_of_minor"]]
    deputy_identity_same_rules: bool
    authority_documents: list[
        Literal[
            "power_of_attorney",
            "power_of_attorney_with_seal_certificate",
            "family_register",
            "health_insurance_card",
            "certificate_of_registered_matters",
            "guardianship_record",
            "lawyer_registration",
        ]
    ]
    notes: list[Text]


class Timeline(Strict):
    status: Literal["stated", "not_stated"]
    days: int | None = Field(ge=1)
    business_days: bool | None
    starts: Literal["receipt_of_request", "receipt_of_documents", "verification"] | None


class Statement(Strict):
    """A fact the policy may or may not state, with a short summary in our words."""

    status: Literal["stated", "not_stated"]
    summary: Text | None


class JointUse(Strict):
    status: Literal["yes", "no", "not_stated"]
    partners: Text | None
    items: Text | None
    purpose: Text | None
    manager: Text | None


class ThirdParty(Strict):
    without_consent_only_by_law: bool
    consignment: bool
    transfer_abroad: Statement
    joint_use: JointUse


class EuRepresentative(Strict):
    name: str
    address: str
    email: EmailStr | None


class Regimes(Strict):
    appi: Literal[True]
    gdpr: bool
    eu_representative: EuRepresentative | None
    ccpa: bool
    pipl: bool


class CatalogOptout(Strict):
    status: Literal["stated", "not_stated"]
    lead_time_days: int | None = Field(ge=0)
    how: Text | None


class ComplaintBody(Strict):
    name: Text
    phone: str | None
    url: str | None


class Profile(Strict):
    company: Company
    desk: Desk
    submission: Submission
    fee: Fee
    identity: Identity
    deputy: Deputy
    timeline: Timeline
    retention: Statement
    purposes: list[Text] = Field(min_length=1)
    third_party: ThirdParty
    security: list[Text]
    cookies: Statement
    regimes: Regimes
    catalog_optout: CatalogOptout
    complaint_bodies: list[ComplaintBody] = Field(min_length=1)
