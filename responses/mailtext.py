"""Hard-wrapping plain-text mail at 70 columns; in Japanese a full-width character counts two.

Done in Python, not in template macros: a character loop in Jinja was a tenth
of the mail worker's time.

Mail readers show a plain-text body as written. A line is broken after 、。）」
or a space where possible, else at a phrase boundary (after hiragana, before
kanji or katakana, not after the honorific お/ご); never right before closing
punctuation or a small kana, never right after an opening bracket, and never
inside an ASCII word, so an e-mail address or URL stays whole. A line that
starts with a bullet (・ ※ － ■ □ ◆ or "1. ") keeps a hanging indent.
"""

from __future__ import annotations

import re
import textwrap

NO_START = "、。，．）」』】〕〉》・ー～！？ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
NO_END = "（「『【〔〈《"
BREAK_AFTER = "、。）」』】 　"
BULLETS = "・※－■□◆"
_MAX_LINES = 200


def columns(text: str) -> int:
    return sum(1 if char.isascii() else 2 for char in text)


def _prefix(line: str) -> str:
    """Leading spaces plus a bullet, kept on the first line and mirrored as the hanging indent."""
    n = 0
    for index, char in enumerate(line):
        if char in " 　":
            n += 1
            continue
        if char in BULLETS:
            n += 2 if line[index + 1 : index + 2] == " " else 1
        elif char.isdigit() and line[index + 1 : index + 3] == ". ":
            n += 3
        break
    return line[:n]


def _fit(text: str, cols: int) -> int:
    """How many leading characters of `text` fit in `cols` columns."""
    used, count = 0, 0
    for char in text:
        used += 1 if char.isascii() else 2
        if used > cols:
            break
        count += 1
    return count


def _hiragana(char: str) -> bool:
    return "ぁ" <= char <= "ゖ"


def _cut(text: str, width: int) -> int:
    """Where to break `text`, which is longer than `width` characters."""
    best = next(
        (
            i
            for i in range(width, (width * 4) // 10, -1)
            if text[i - 1] in BREAK_AFTER and text[i] not in NO_START
        ),
        -1,
    )
    if best < 0:
        best = next(
            (
                i
                for i in range(width, (width * 6) // 10, -1)
                if _hiragana(text[i - 1])
                and text[i - 1] not in "おご"
                and not _hiragana(text[i])
                and text[i] not in NO_START
            ),
            -1,
        )
    cut = best if best > 0 else width
    if _in_ascii_word(text, cut):
        start = cut
        while start > 0 and _word_char(text[start - 1]):
            start -= 1
        end = cut
        while end < len(text) and _word_char(text[end]):
            end += 1
        cut = start if start > 2 else end
    for _ in range(3):
        if text[cut : cut + 1] and text[cut] in NO_START:
            cut += 1
    if cut > 1 and text[cut - 1] in NO_END:
        cut -= 1
    return cut


def _word_char(char: str) -> bool:
    return char.isascii() and char != " "


def _in_ascii_word(text: str, cut: int) -> bool:
    return 0 < cut < len(text) and _word_char(text[cut - 1]) and _word_char(text[cut])


def wrap_line(line: str, width: int = 70) -> str:
    prefix = _prefix(line)
    hang = "".join(" " if char.isascii() else "　" for char in prefix)
    rest, lead, out = line[len(prefix) :], prefix, []
    for _ in range(_MAX_LINES):
        if not rest:
            break
        fit = _fit(rest, width - columns(lead))
        if fit >= len(rest):
            out.append(lead + rest)
            break
        cut = _cut(rest, fit)
        out.append(lead + rest[:cut].rstrip())
        rest, lead = rest[cut:].lstrip(" "), hang
    return "\n".join(out) if out else line


def wrap_text(text: str, width: int = 70) -> str:
    """Every line of a block, wrapped; a trailing newline kept per line as the template had it."""
    return "".join(wrap_line(line, width) + "\n" for line in text.rstrip("\n").split("\n"))


_EN_PREFIX = re.compile(r" *(?:[-*] |\d\. )?")


def wrap_line_en(line: str, width: int = 70) -> str:
    """English: break at spaces only, words never split; a bullet ("- ", "* ", "1. ") hangs."""
    prefix = _EN_PREFIX.match(line).group()
    body = line[len(prefix) :]
    if len(line) <= width or not body.strip():
        return line
    joint = "\n" + " " * len(prefix)
    wrapped = [
        joint.join(
            textwrap.wrap(
                part,
                width=width - len(prefix),
                expand_tabs=False,
                replace_whitespace=False,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        for part in body.splitlines()
    ]
    return prefix + joint.join(wrapped)


def wrap_text_en(text: str, width: int = 70) -> str:
    return "".join(wrap_line_en(line, width) + "\n" for line in text.rstrip("\n").split("\n"))
