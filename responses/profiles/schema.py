"""The schema every company policy profile must satisfy.

A profile holds facts taken from a company's published policy, never its prose.
Every key is required: where the policy states nothing, the profile says so
explicitly (``status: not_stated`` or ``null``), so an omission is a decision
someone made, not a blank that turns into an invented fee or deadline.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

Lang = Literal["ja", "en"]
RequestType = Literal[
    "request_disclosure",
    "request_correction",
    "request_deletion",
    "optout_catalog",
    "report_suspicious",
    "withdraw_consent",
    "file_complaint",
]


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
    phone_toll_free: bool  # the policy calls the desk's line toll-free (even where it prints no number)
    fax: str | None
    contact_form_url: str | None
    # Where the policy points for contact details it does not print itself (a page's name or URL).
    contact_reference: Text | None
    hours: Hours | None


Channel = Literal["post", "phone", "email", "contact_form", "in_person"]


class Submission(Strict):
    """How a request reaches the company, and how its forms reach the customer."""

    channels: list[Channel] = Field(min_length=1)  # how a request is first made
    forms_provided_by: Literal["post", "email", "download", "desk_on_request"]
    form_download_url: str | None
    own_form_required: bool | None  # the company's prescribed form must be used; None: not stated
    # How the filled form and identity copies reach the company; empty: the policy does not say.
    documents_channels: list[Channel]
    reply_channels: list[Literal["post", "email", "phone"]]  # how the company answers; empty: not stated
    electronic_copy_on_request: bool  # disclosure as an electronic record if the customer asks
    verifies_by_phone: bool  # the desk calls back to confirm identity
    steps: list[Text]  # the procedure in the policy's order, one step each
    notes: list[Text]


class Fee(Strict):
    status: Literal["charged", "free", "not_stated"]
    amount_jpy: int | None = Field(ge=0)
    tax_included: bool | None
    tax_rate_percent: int | None = Field(ge=0)
    per: Literal["request", "item"] | None
    applies_to: list[RequestType]  # request intents that incur the fee
    payment_methods: list[
        Literal["postal_money_order", "postage_stamps", "bank_transfer", "cash_on_delivery", "credit_card"]
    ]
    refund_note: Text | None
    notes: list[Text]  # what the fee covers, what it is called, when it is charged


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

    required_for: list[RequestType]  # request intents that need verification
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
    """How long the company says it takes, with the policy's own qualifiers.

    ``without_delay`` is a promise with no number (APPI's own wording); then the
    case's due date is the desk's target, never a legal deadline.
    """

    status: Literal["stated", "without_delay", "not_stated"]
    amount: int | None = Field(ge=1)
    unit: Literal["days", "business_days", "weeks", "months"] | None
    approximate: bool  # "about two weeks"
    as_a_rule: bool  # "as a general rule": exceptions possible
    starts: Literal["receipt_of_request", "receipt_of_documents", "verification"] | None
    applies_to: list[RequestType]  # the requests the stated timeline is for

    @property
    def days(self) -> int | None:
        """The stated time in calendar days (business days stay business days)."""
        if self.status != "stated" or self.amount is None:
            return None
        return {"weeks": 7, "months": 30}.get(self.unit or "days", 1) * self.amount


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
    exceptions: list[Text]  # the cases the policy lists where data goes out without consent
    consignment: bool
    consignment_examples: list[Text]
    transfer_abroad: Statement
    joint_use: JointUse
    notes: list[Text]  # e.g. credit bureaus, selling or sharing


class Acquisition(Strict):
    """Where the company gets personal data from: the answer to "where did you get my details?"."""

    status: Literal["stated", "not_stated"]
    sources: list[Text]
    # The policy lists disclosure of the records of provision to third parties among its requests.
    records_of_provision: bool


class SuspiciousContact(Strict):
    """What the policy says about mail or calls that use the company's name."""

    report_to_desk: bool  # the policy asks customers to report them
    company_never: list[Text]  # what the policy says the company never asks for or does; usually empty
    notes: list[Text]


class RequestFacts(Strict):
    """What the policy says about one kind of request besides the common procedure."""

    covers: list[Text]  # what it includes, e.g. the items disclosed
    limits: list[Text]  # when the company may refuse all or part of it
    consequences: list[Text]  # what the customer loses, e.g. after-sales service after deletion
    # What the company says it does with the request once it has it (investigates promptly, answers
    # within a reasonable time...), in the policy's order; empty: nothing beyond the timeline.
    handling: list[Text]
    notes: list[Text]


class EuRepresentative(Strict):
    name: str
    address: str
    email: EmailStr | None


class RegimeRight(Strict):
    """One right a foreign regime's section lists, and the requests through which it is exercised."""

    text: Text  # the right in our words, with the section's own qualifiers (12 months, exceptions)
    requests: list[RequestType]  # the request intents that exercise it; empty: none of ours


class RegimeFacts(Strict):
    """A foreign regime's section of the policy: None in Regimes means the policy has none."""

    rights: list[RegimeRight]  # the rights the section lists, in its order
    legal_bases: list[Text]
    consent_valid_until_withdrawn: bool  # the section says consent holds until withdrawn
    complaint_authority: Text | None  # the authority the section names for complaints
    representative: EuRepresentative | None
    limits: list[Text]
    notes: list[Text]


class Regimes(Strict):
    appi: Literal[True]
    gdpr: RegimeFacts | None
    ccpa: RegimeFacts | None
    pipl: RegimeFacts | None


class CatalogOptout(Strict):
    status: Literal["stated", "not_stated"]
    lead_time_days: int | None = Field(ge=0)
    how: Text | None


class ComplaintBody(Strict):
    name: Text
    address: Text | None
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
    requests: dict[RequestType, RequestFacts]  # every request type, each with its own facts
    acquisition: Acquisition
    suspicious_contact: SuspiciousContact
    retention: Statement
    purposes: list[Text] = Field(min_length=1)
    purpose_changes: Statement
    third_party: ThirdParty
    security: list[Text]
    breach_response: Statement
    anonymised_data: Statement  # anonymously or pseudonymously processed information
    certification: Statement  # e.g. PrivacyMark / JIS Q 15001
    cookies: Statement
    regimes: Regimes
    catalog_optout: CatalogOptout
    complaint_bodies: list[ComplaintBody] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_request_type(self) -> Profile:
        missing = set(get_args(RequestType)) - set(self.requests)
        if missing:
            raise ValueError(f"requests: missing {', '.join(sorted(missing))}")
        return self
