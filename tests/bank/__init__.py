"""The customer bank: realistic first messages per company, each with the facts its reply must
and must not carry, written from the company's policy (tests/bank/<company>.yaml)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from responses.profiles import available_profiles, load_profile

BANK_DIR = Path(__file__).parent


@dataclass(frozen=True)
class BankCase:
    company: str
    number: int
    text: str
    lang: str
    intent: str
    must: tuple[tuple[str, ...], ...]
    must_not: tuple[str, ...]
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.company}-{self.number:02d}-{self.lang}"


@dataclass
class Verdict:
    missing: list[tuple[str, ...]] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.forbidden


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def bank(company: str) -> list[BankCase]:
    data = yaml.safe_load((BANK_DIR / f"{company}.yaml").read_text(encoding="utf-8"))
    return [
        BankCase(
            company=company,
            number=number,
            text=item["text"],
            lang=item["lang"],
            intent=item["intent"],
            must=tuple(tuple(str(word) for word in group) for group in item.get("must") or []),
            must_not=tuple(str(word) for word in item.get("must_not") or []),
            note=item.get("note"),
        )
        for number, item in enumerate(data["cases"], start=1)
    ]


def all_cases() -> list[BankCase]:
    return [case for company in available_profiles() for case in bank(company)]


@lru_cache(maxsize=8)
def foreign_facts(company: str) -> tuple[str, ...]:
    """Other companies' distinctive facts (names, e-mails, phones, fees): never in this one's replies."""
    own = load_profile(company)
    own_values = set(_distinctive(own))
    facts: set[str] = set()
    for other in available_profiles():
        if other != company:
            facts |= {value for value in _distinctive(load_profile(other)) if value not in own_values}
    return tuple(sorted(facts))


def _distinctive(profile) -> list[str]:
    desk, values = profile.desk, [profile.company.name.ja, profile.company.name.en]
    values += [value for value in (desk.email, desk.phone, desk.fax, desk.contact_form_url) if value]
    if profile.fee.amount_jpy:
        values.append(f"{profile.fee.amount_jpy:,}円")
        values.append(f"{profile.fee.amount_jpy:,} yen")
    gdpr = profile.regimes.gdpr
    if gdpr and gdpr.representative and gdpr.representative.email:
        values.append(gdpr.representative.email)
    return values


def judge(case: BankCase, reply: str) -> Verdict:
    text = normalise(reply)
    verdict = Verdict()
    verdict.missing = [group for group in case.must if not any(normalise(word) in text for word in group)]
    verdict.forbidden = [
        word for word in (*case.must_not, *foreign_facts(case.company)) if normalise(word) in text
    ]
    return verdict
