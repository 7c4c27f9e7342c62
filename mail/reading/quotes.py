"""Reading a plain-text body by mailer conventions: what is new, what is quoted, what is forwarded.

Classification must judge what the customer wrote now, not the desk's earlier
reply they quoted or the company signature under it; a phishing mail pasted
in as a forward is history too, but its sender and links matter to staff.
Heuristics, tuned for the mailers Japanese customers use (Gmail, Outlook,
Thunderbird, Apple Mail, carrier mail); when in doubt text is kept.
"""

from __future__ import annotations

import re

from mail.reading.message import ForwardedMessage

# A forward marker line: everything below it is a pasted mail.
FORWARD_MARKER = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded message|Forwarded Message|転送メッセージ)\s*-{2,}"
    r"|Begin forwarded message:|転送されたメッセージ[:：]?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ORIGINAL_MARKER = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|元のメッセージ|オリジナルメッセージ)\s*-{2,}\s*$", re.IGNORECASE
)
_QUOTED = re.compile(r"^\s*[>＞]")
_ON_WROTE = re.compile(r"^\s*On\b.+\bwrote\s*[:：]\s*$", re.IGNORECASE | re.DOTALL)
_JA_DATE = r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
_ATTRIBUTION = [
    _ON_WROTE,
    re.compile(rf"^\s*{_JA_DATE}.*<\s*[^<>\s]+@[^<>\s]+\s*>\s*(?:のメール)?\s*[:：]\s*$", re.DOTALL),
    re.compile(r"^.{0,200}(?:\bwrote|書きました|書き込みました)\s*[:：]\s*$", re.DOTALL),
]
_OUTLOOK_FROM = re.compile(r"^\s*\*?(?:From|差出人|送信者)\*?\s*[:：]", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(?:Sent|Date|送信日時|送信日|日付)\*?\s*[:：]", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-=_*~#+━─－ー＝＿＊～〜■□◆◇・•※]\s*){3,}$")
_SIGNATURE_DELIMITER = re.compile(r"^--[ \t]*$")
_CONTACT = re.compile(
    r"@|\bTEL\b|\bFAX\b|電話|〒|株式会社|有限会社|合同会社|\(株\)|㈱|\bInc\b|\bLtd\b|\bCo\.|https?://"
    r"|\d{2,4}-\d{2,4}-\d{3,4}",
    re.IGNORECASE,
)
_SIGNATURE_MAX_LINES = 10
_LINK = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+", re.IGNORECASE)
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_INLINE_HEADER = re.compile(
    r"^[ \t>]*\*?(From|差出人|送信者|Subject|件名|Date|日付|送信日時|Sent|To|宛先|Cc)\*?\s*[:：]\s*(.*)$",
    re.IGNORECASE,
)
_INLINE_FIELDS = {"from": "from", "差出人": "from", "送信者": "from", "subject": "subject", "件名": "subject",
                  "date": "date", "日付": "date", "送信日時": "date", "sent": "date"}  # fmt: skip


def new_text(text: str) -> str:
    """The text the sender wrote in this mail; never empty when the body is not."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = _drop_signature(_drop_history(lines))
    result = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return result or _first_paragraph(text)


def _drop_history(lines: list[str]) -> list[str]:
    """Lines above the first history marker, without quoted lines and their attribution."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if _starts_history(lines, index):
            break
        span = _attribution_span(lines, index)
        if span:
            if not _quote_follows(lines, index + span):
                break  # unquoted history follows the attribution: all of it is old
            index += span
            continue
        if not _QUOTED.match(lines[index]):
            kept.append(lines[index])
        index += 1
    return kept


def _starts_history(lines: list[str], index: int) -> bool:
    line = lines[index]
    if FORWARD_MARKER.match(line) or _ORIGINAL_MARKER.match(line):
        return True
    if not _OUTLOOK_FROM.match(line):
        return False
    return any(_OUTLOOK_NEXT.match(following) for following in lines[index + 1 : index + 5])


def _attribution_span(lines: list[str], index: int) -> int:
    """1 or 2 when an "... wrote:" line (possibly wrapped in two) starts here, else 0."""
    line = lines[index].strip()
    if not line or _QUOTED.match(line):
        return 0
    if any(pattern.match(line) for pattern in _ATTRIBUTION):
        return 1
    if index + 1 >= len(lines) or _QUOTED.match(lines[index + 1]):
        return 0
    joined = f"{line} {lines[index + 1].strip()}"
    wrapped = re.match(r"^(?:On\b|" + _JA_DATE + ")", line) and len(line) <= 200
    return 2 if wrapped and any(pattern.match(joined) for pattern in _ATTRIBUTION) else 0


def _quote_follows(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index:] if line.strip()), "")
    return bool(_QUOTED.match(following))


def _drop_signature(lines: list[str]) -> list[str]:
    """Cut a "-- " signature, or a rule line followed by a short contact block at the end."""
    for index, line in enumerate(lines):
        if _SIGNATURE_DELIMITER.match(line):
            return _trim(lines[:index])
    lines = _trim(lines)
    for index, line in enumerate(lines):
        if index and _RULE.match(line) and _is_contact_block(lines[index + 1 :]):
            return _trim(lines[:index])
    return lines


def _is_contact_block(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip() and not _RULE.match(line)]
    return 0 < len(filled) <= _SIGNATURE_MAX_LINES and any(_CONTACT.search(line) for line in filled)


def _trim(lines: list[str]) -> list[str]:
    """Without trailing blank or rule-only lines (e.g. Outlook's "____" above its header block)."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or _RULE.match(lines[end - 1])):
        end -= 1
    return lines[:end]


def _first_paragraph(text: str) -> str:
    paragraphs = re.split(r"\n[ \t\u3000]*\n", text.replace("\r\n", "\n").strip())
    return next((part.strip() for part in paragraphs if part.strip()), "")


def find_links(text: str) -> list[str]:
    """Every http(s) URL in a text, in order, without trailing punctuation."""
    return list(dict.fromkeys(match.rstrip(".,;:!?'") for match in _LINK.findall(text)))


def inline_forwards(text: str) -> list[ForwardedMessage]:
    """Forwards pasted into the body ("---------- Forwarded message ---------" and the like)."""
    blocks = FORWARD_MARKER.split(text)[1:]
    return [_inline_forward(block) for block in blocks]


def _inline_forward(block: str) -> ForwardedMessage:
    fields: dict[str, str] = {}
    for line in block.strip().splitlines():
        match = _INLINE_HEADER.match(line)
        if not match:
            break
        field = _INLINE_FIELDS.get(match.group(1).lower())
        if field:
            fields.setdefault(field, match.group(2).strip())
    sender = _ADDRESS.search(fields.get("from", ""))
    return ForwardedMessage(
        sender=sender.group(0).lower() if sender else None,
        subject=fields.get("subject"),
        date=fields.get("date"),
        links=tuple(find_links(block)),
    )
