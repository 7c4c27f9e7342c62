"""A postal address as the desk writes it: the postcode checked against the town, or looked up from it."""

from __future__ import annotations

from dataclasses import dataclass

from cases.extraction.postcodes import PREFECTURES, Postcode, lookup, matches


@dataclass(frozen=True)
class PostalAddress:
    value: str | None  # "〒857-1151 長崎県佐世保市日宇町1234-5", or an address abroad as written
    looked_up: Postcode | None = None  # the postcode found from the address, to tell the customer
    problem: str | None = None  # "mismatch" (postcode of another town) or "postcode" (none written or found)


def postal_address(address: str, postcode: str | None, *, abroad: bool) -> PostalAddress:
    """Join an address and its postcode; an address in Japan without one gets it from Japan Post's data."""
    if abroad or (address.isascii() and not postcode):
        return PostalAddress(address)  # romanised Japanese addresses cannot be looked up
    if postcode:
        if not address.isascii() and matches(postcode, address) is False:
            return PostalAddress(None, problem="mismatch")
        return PostalAddress(written(postcode, address))
    known = lookup(address)
    if known is not None:
        return PostalAddress(written(known.code, address), looked_up=known)
    return PostalAddress(None, problem="postcode")


def written(postcode: str, address: str) -> str:
    return f"{address} {postcode}" if address.isascii() else f"〒{postcode} {address}"


def in_japan(address: str) -> bool:
    """Whether an address written in Japanese names a prefecture or a town Japan Post knows."""
    return not address.isascii() and (
        any(name in address for name in PREFECTURES) or lookup(address) is not None
    )


def japan(lang: str) -> str:
    """The country of an address in Japan, as a customer writing in `lang` would name it."""
    return "日本" if lang == "ja" else "Japan"
