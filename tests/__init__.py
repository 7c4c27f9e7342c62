"""Tests mirror the packages; shared fixture folders are named here once."""

from pathlib import Path

MAIL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "mail"
