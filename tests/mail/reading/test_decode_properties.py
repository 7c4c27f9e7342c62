"""Whatever arrives, decoding never crashes the runner: only MailDecodeError, and only for non-mail."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mail.errors import MailDecodeError
from mail.reading.charsets import decode_header_value, decode_text
from mail.reading.decode import parse_mail
from mail.reading.html_text import html_to_text
from mail.reading.message import ParsedMail
from mail.reading.quotes import inline_forwards, new_text
from tests import MAIL_FIXTURES

FIXTURES = sorted((MAIL_FIXTURES / "decoding").glob("*.eml"))
RAW = [path.read_bytes() for path in FIXTURES]
PROPERTY = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _parse_or_refuse(raw: bytes) -> ParsedMail | None:
    try:
        mail = parse_mail(raw, attachment_cap=512)
    except MailDecodeError:
        return None
    assert isinstance(mail.text, str) and isinstance(mail.subject, str)
    assert all(isinstance(defect, str) for defect in mail.defects)
    assert mail.date is None or mail.date.tzinfo is not None
    assert all(a.data is None or len(a.data) == a.size for a in mail.attachments)
    new_text(mail.text)
    return mail


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    """A fixture with bytes flipped, inserted or deleted, truncated, or spliced with another's header."""
    data = bytearray(draw(st.sampled_from(RAW)))
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice", "newline"]))
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[where] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[where:]
        elif action == "newline":
            data[where:where] = draw(st.sampled_from([b"\r\n", b"\n", b"\r", b"\n\n", b"\n "]))
        else:
            donor = draw(st.sampled_from(RAW))
            head = donor.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
            lines = head.splitlines(keepends=True)
            start = draw(st.integers(0, len(lines)))
            data[where:where] = b"".join(lines[start : start + draw(st.integers(1, 5))])
    return bytes(data)


MIME_NOISE = st.sampled_from(
    [
        b"From: a@example.jp\n",
        b"Subject: =?ISO-2022-JP?B?GyRCLSEbKEI=?=\n",
        b"Content-Type: multipart/mixed; boundary=x\n",
        b"Content-Type: message/rfc822\n",
        b"Content-Type: text/html; charset=x-unknown\n",
        b"Content-Transfer-Encoding: base64\n",
        b"Content-Transfer-Encoding: quoted-printable\n",
        b"Content-Disposition: attachment; filename*0*=UTF-8''%E6; filename*1*=%9C%AC\n",
        b"\n",
        b"--x\n",
        b"--x--\n",
        b"\x1b$B-!\x1b(B",
        b"=?utf-8?B?",
        "日本語".encode("cp932"),
        b"<a href='https://x'>y</a>",
        b"> quoted\n",
    ]
)


@PROPERTY
@given(st.binary(max_size=2000))
def test_random_bytes_decode_or_are_refused(raw: bytes) -> None:
    _parse_or_refuse(raw)


@PROPERTY
@given(mutated_fixture())
def test_mutated_fixtures_decode_or_are_refused(raw: bytes) -> None:
    _parse_or_refuse(raw)


@PROPERTY
@given(st.lists(st.one_of(MIME_NOISE, st.binary(max_size=20)), max_size=40))
def test_mime_shaped_noise_decodes_or_is_refused(pieces: list[bytes]) -> None:
    _parse_or_refuse(b"".join(pieces))


@PROPERTY
@given(st.text(max_size=500))
def test_new_text_never_raises(text: str) -> None:
    assert isinstance(new_text(text), str)
    inline_forwards(text)


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                [
                    "\n",
                    "> ",
                    "＞",
                    "-- \n",
                    "━━━━\n",
                    "On x wrote:\n",
                    "差出人: a\n送信日時: b\n",
                    "TEL 03-1-2\n",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_new_text_never_raises_on_mail_shaped_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    result = new_text(text)
    assert result == "" or text.strip()


@PROPERTY
@given(
    st.binary(max_size=300),
    st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["iso-2022-jp", "euc-jp"])),
)
def test_decode_text_never_raises(data: bytes, declared: str | None) -> None:
    text, note = decode_text(data, declared)
    assert isinstance(text, str) and (note is None or isinstance(note, str))


@PROPERTY
@given(st.binary(max_size=200))
def test_decode_header_value_never_raises(raw: bytes) -> None:
    assert isinstance(decode_header_value(raw.decode("ascii", "surrogateescape")), str)


@PROPERTY
@given(st.text(max_size=500))
def test_html_to_text_never_raises(html: str) -> None:
    assert isinstance(html_to_text(html), str)
