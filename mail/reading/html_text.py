"""HTML mail bodies as plain text: readable enough to classify and to show staff, not a renderer.

Links keep their target next to the text because a phishing mail's visible
text and its href differ, and that difference is what staff need to see.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROPPED = {"script", "style", "head", "title", "template", "noscript"}
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "dl", "hr"}
_LINE = {
    "div",
    "tr",
    "li",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "address",
    "form",
    "center",
    "caption",
    "figure",
    "figcaption",
    "nav",
    "main",
    "aside",
    "fieldset",
}
_CELL = {"td", "th"}
_SHOWN_SCHEMES = ("http://", "https://", "mailto:")


def html_to_text(html: str) -> str:
    """The text of an HTML document with line breaks, list bullets and link targets."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError):  # html.parser's rare internal failures
        pass
    if parser.link is not None:  # an <a> never closed still shows its target
        parser.finish_link(*parser.link)
    return _tidy("".join(parser.out))


class _TextParser(HTMLParser):
    """Collects text, turning block structure into newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropped: list[str] = []  # open elements whose content is not shown
        self.pre = 0
        self.lists: list[list[int]] = []  # one counter per open list; [-1] for unordered
        self.link: tuple[str, int] | None = None  # href and where its text starts in out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.dropped.clear()  # a <head> never closed must not hide the body
        if tag in _DROPPED:
            self.dropped.append(tag)
        elif not self.dropped:
            self._open(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            if tag in self.dropped:
                del self.dropped[self.dropped.index(tag) :]
        elif not self.dropped:
            self._close(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropped and tag not in _DROPPED:
            self._open(tag, dict(attrs))
            if tag not in ("br", "hr", "img"):
                self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f\u00a0]+", " ", data)
        self.out.append(data)

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif tag == "img" and attrs.get("alt"):
            self.out.append(f" {attrs['alt']} ")
        elif tag == "a":
            self.link = ((attrs.get("href") or "").strip(), len(self.out))
        elif tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._break(1)
            self.out.append(self._bullet())
        elif tag in _CELL:
            self.out.append(" ")
        self._block(tag, opening=True)

    def _close(self, tag: str) -> None:
        if tag == "a" and self.link is not None:
            self.finish_link(*self.link)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in _CELL:
            self.out.append(" ")
        self._block(tag, opening=False)

    def _block(self, tag: str, opening: bool) -> None:
        if tag == "pre":
            self.pre = self.pre + 1 if opening else max(self.pre - 1, 0)
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE and tag != "li":
            self._break(1)

    def _bullet(self) -> str:
        if not self.lists:
            return "・"
        counter = self.lists[-1]
        if counter[0] < 0:
            return "・"
        counter[0] += 1
        return f"{counter[0]}. "

    def finish_link(self, href: str, start: int) -> None:
        """Append the target after the link text unless the text already says it."""
        self.link = None
        if not href.lower().startswith(_SHOWN_SCHEMES):
            return
        text = "".join(self.out[start:]).strip()
        shown = href[7:] if href.lower().startswith("mailto:") else href
        if _same_target(text, shown):
            return
        self.out.append(f" ({shown})" if text else shown)

    def _break(self, count: int) -> None:
        """End the current line (count=1) or paragraph (count=2) unless it already is."""
        tail = "".join(self.out[-8:]).rstrip(" ")
        if not tail.strip():
            return
        have = len(tail) - len(tail.rstrip("\n"))
        self.out.append("\n" * max(count - have, 0))


def _same_target(text: str, href: str) -> bool:
    def norm(value: str) -> str:
        return value.strip().rstrip("/").lower()

    return norm(text) == norm(href)


def _tidy(text: str) -> str:
    """Trim each line, keep at most one blank line in a row."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip(" \t\u00a0") for line in text.split("\n")]
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()
