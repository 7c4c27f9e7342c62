"""The .eml fixtures hold the headers the rules rely on, and the chain names them as expected.yaml says.

The messages are read with the standard library's email package and turned
into ParsedMail by a deliberately small adapter here, so these fixtures check
the rules now; a later test runs the same files through mail.reading.decode.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from email.message import EmailMessage
from email.utils import getaddresses

import pytest
import yaml

from mail.reading.message import Attachment, ForwardedMessage, ParsedMail
from mail.reading.threads import CaseRef, thread
from mail.rules.base import MailContext
from mail.rules.bounce import original_message_id
from mail.rules.chain import first_match
from tests import MAIL_FIXTURES

FIXTURES = MAIL_FIXTURES / "rules"
EXPECTED: dict[str, str | None] = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
OURS_12 = "<PRV-2026-000012.1234@madoguchi.example>"
OURS_78 = "<PRV-2026-000078.5678@madoguchi.example>"
CONTEXT = MailContext(
    our_addresses=frozenset({"privacy@madoguchi.example"}),
    our_message_ids=frozenset({OURS_12, OURS_78}).__contains__,
)
HEADER_LINE = re.compile(rb"^[!-9;-~]+:")

# What each rule reads in each fixture: (header, expected value or None for "present").
RELIED_ON: dict[str, list[tuple[str, str | None]]] = {
    "exchange_out_of_office.eml": [("auto-submitted", "auto-generated"), ("return-path", "<>")],
    "ja_auto_reply_precedence.eml": [("precedence", "auto_reply")],
    "gmail_vacation.eml": [("auto-submitted", "auto-replied")],
    "read_receipt_mdn.eml": [("content-type", None)],
    "postfix_bounce_dsn.eml": [("content-type", None), ("auto-submitted", "auto-replied")],
    "mailer_daemon_plain_bounce.eml": [("from", "MAILER-DAEMON@mail.example.ne.jp"), ("return-path", "<>")],
    "mailing_list_digest.eml": [("list-id", None)],
    "newsletter_bulk.eml": [("precedence", "bulk"), ("list-unsubscribe", None), ("x-campaign", None)],
    "own_message_looped.eml": [("x-madoguchi-case", "PRV-2026-000090"), ("auto-submitted", "auto-replied")],
    "reply_in_reply_to.eml": [("in-reply-to", OURS_12)],
}


def _read(name: str) -> EmailMessage:
    return email.message_from_bytes((FIXTURES / name).read_bytes(), policy=email.policy.default)


def _to_parsed(message: EmailMessage) -> ParsedMail:
    """A minimal stand-in for mail.reading.decode: enough for the rules, not a parser to ship."""
    texts: list[str] = []
    attachments: list[Attachment] = []
    forwarded: list[ForwardedMessage] = []
    _collect(message, texts, attachments, forwarded)
    senders = getaddresses([str(message.get("from", ""))])
    headers = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), str(value))
    return ParsedMail(
        message_id=_get(message, "message-id"),
        in_reply_to=_get(message, "in-reply-to"),
        references=tuple((_get(message, "references") or "").split()),
        sender=senders[0][1].lower() if senders and senders[0][1] else None,
        sender_name=senders[0][0] if senders else None,
        recipients=tuple(addr.lower() for _, addr in getaddresses([str(message.get("to", ""))])),
        subject=_get(message, "subject") or "",
        date=None,
        text="\n".join(texts),
        content_type=message.get_content_type(),
        headers=headers,
        attachments=tuple(attachments),
        forwarded=tuple(forwarded),
    )


def _collect(part: EmailMessage, texts: list, attachments: list, forwarded: list) -> None:
    kind = part.get_content_type()
    if part.is_multipart() and kind != "message/rfc822":
        for child in part.iter_parts():
            _collect(child, texts, attachments, forwarded)
    elif kind == "message/rfc822":
        inner = part.get_content()
        forwarded.append(
            ForwardedMessage(_get(inner, "from"), _get(inner, "subject"), _get(inner, "date"), ())
        )
    elif kind == "text/plain":
        texts.append(part.get_content())
    elif kind in ("text/rfc822-headers", "application/pdf"):
        data = part.get_payload(decode=True)
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(Attachment(part.get_filename(), kind, len(data), digest, data))


def _get(message: EmailMessage, name: str) -> str | None:
    value = message.get(name)
    return str(value).strip() if value is not None else None


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {path.name for path in FIXTURES.glob("*.eml")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 12
    assert set(EXPECTED.values()) == {"own_mail", "bounce", "auto_reply", "bulk", None}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_starts_with_a_clean_header_block(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    assert HEADER_LINE.match(raw), "a fixture starts with a header, not a comment"
    assert raw.isascii(), "8-bit text belongs in encoded words and transfer encodings"
    message = _read(name)
    assert not message.defects
    assert message["date"] is not None and message["from"] is not None


@pytest.mark.parametrize("name", sorted(RELIED_ON))
def test_relied_on_headers_are_present(name: str) -> None:
    message = _read(name)
    for header, value in RELIED_ON[name]:
        assert message[header] is not None, header
        if value is not None:
            assert str(message[header]).strip() == value, header


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_chain_names_the_fixture(name: str, expected: str | None) -> None:
    found = first_match(_to_parsed(_read(name)), CONTEXT)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("name", "original"),
    [("postfix_bounce_dsn.eml", OURS_12), ("mailer_daemon_plain_bounce.eml", OURS_78)],
)
def test_bounces_name_our_original(name: str, original: str) -> None:
    mail = _to_parsed(_read(name))
    assert original_message_id(mail, CONTEXT.our_message_ids) == original
    found = first_match(mail, CONTEXT)
    assert found is not None and found[1].detail["ours"] is True


class _Cases:
    case = CaseRef("PRV-2026-000123", "hanako.sato@example.jp")
    acked = CaseRef("PRV-2026-000012", "hanako.sato@example.jp")

    def by_message_id(self, message_id: str) -> CaseRef | None:
        return self.acked if message_id == OURS_12 else None

    def by_reference(self, reference: str) -> CaseRef | None:
        return {"PRV-2026-000123": self.case, "PRV-2026-000012": self.acked}.get(reference)


@pytest.mark.parametrize(
    ("name", "reference", "how", "trusted"),
    [
        ("reply_in_reply_to.eml", "PRV-2026-000012", "headers", True),
        ("followup_subject_owner.eml", "PRV-2026-000123", "subject", True),
        ("followup_subject_stranger.eml", "PRV-2026-000123", "subject", False),
        ("new_request.eml", None, "none", False),
    ],
)
def test_fixture_threading(name: str, reference: str | None, how: str, trusted: bool) -> None:
    match = thread(_to_parsed(_read(name)), _Cases())
    assert (match.case.reference if match.case else None, match.how, match.trusted) == (
        reference,
        how,
        trusted,
    )
