"""Every detail a customer's message holds, cleaned: one reader for the chat forms and the mail alike.

`extract(text, now=..., expecting=...)` returns an `Extraction`: the slots found
with their cleaned values and where in the (NFKC-folded) text each came from.
"""

from cases.extraction.extractor import SLOTS, Extraction, extract

__all__ = ["SLOTS", "Extraction", "extract"]
