"""The MIME tree as parse_mail sorts it: attachments and their cap, alternatives, forwards, nesting."""

from __future__ import annotations

import hashlib

from mail.reading.decode import parse_mail
from mail.reading.message import ForwardedMessage
from tests import MAIL_FIXTURES

FIXTURES = MAIL_FIXTURES / "decoding"
CAP = 1024  # small, so fixture 12's 3 KiB scan is over it


def _parse(name: str):
    return parse_mail((FIXTURES / name).read_bytes(), attachment_cap=CAP)


def test_oversized_attachment_keeps_size_and_hash_but_not_data() -> None:
    scan = _parse("12_oversized_attachment.eml").attachments[0]
    blob = bytes(range(256)) * 12
    assert (scan.size, scan.sha256, scan.data) == (len(blob), hashlib.sha256(blob).hexdigest(), None)
    kept = parse_mail((FIXTURES / "12_oversized_attachment.eml").read_bytes()).attachments[0]
    assert kept.data == blob


def test_attachment_at_exactly_the_cap_is_kept() -> None:
    raw = (FIXTURES / "12_oversized_attachment.eml").read_bytes()
    assert parse_mail(raw, attachment_cap=3072).attachments[0].data is not None
    assert parse_mail(raw, attachment_cap=3071).attachments[0].data is None


def test_attachment_data_and_hash() -> None:
    pdf = _parse("11_attachments_rfc2231.eml").attachments[0]
    assert pdf.data == b"%PDF-1.4 tiny\n"
    assert pdf.sha256 == hashlib.sha256(b"%PDF-1.4 tiny\n").hexdigest()


def test_html_alternative_is_used_when_plain_is_empty() -> None:
    raw = (
        b"From: a@example.jp\nSubject: x\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/alternative; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\n \n"
        b"--b\nContent-Type: text/html; charset=utf-8\n\n<p>HTML</p>\n--b--\n"
    )
    assert parse_mail(raw).text == "HTML"


def test_html_meta_charset_is_used_when_the_part_has_none() -> None:
    html = '<html><head><meta charset="shift_jis"></head><body>日本語</body></html>'.encode("cp932")
    raw = b"From: a@example.jp\nSubject: x\nContent-Type: text/html\n\n" + html
    mail = parse_mail(raw)
    assert (mail.text, mail.defects) == ("日本語", ())


def test_base64_message_rfc822_is_opened() -> None:
    inner = b"From: Evil <evil@example.net>\nSubject: hi\n\nhttps://evil.example.net/x\n"
    raw = (
        b"From: a@example.jp\nSubject: fwd\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
        b"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
        + __import__("base64").encodebytes(inner)
        + b"--b--\n"
    )
    assert parse_mail(raw).forwarded == (
        ForwardedMessage("evil@example.net", "hi", None, ("https://evil.example.net/x",)),
    )


def test_multipart_without_boundary_is_read_as_text() -> None:
    raw = b"From: a@example.jp\nSubject: x\nContent-Type: multipart/mixed\n\nbody text\n"
    mail = parse_mail(raw)
    assert "body text" in mail.text
    assert any("without usable boundary" in defect for defect in mail.defects)


def test_deep_nesting_stops_with_a_defect() -> None:
    raw = (
        b"From: a@example.jp\nSubject: deep\n"
        + b"".join(b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(60))
        + b"Content-Type: text/plain\n\ninner\n"
    )
    mail = parse_mail(raw)
    assert any("nesting too deep" in defect for defect in mail.defects)
