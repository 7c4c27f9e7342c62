"""HTML bodies as text: structure kept as line breaks, hidden parts dropped, link targets shown."""

from __future__ import annotations

import pytest

from mail.reading.html_text import html_to_text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>一段落目</p><p>二段落目</p>", "一段落目\n\n二段落目"),
        ("<div>行1</div><div>行2<br>行3</div>", "行1\n行2\n行3"),
        ("<ul><li>開示</li><li>訂正</li></ul>", "・開示\n・訂正"),
        ("<ol><li>one<li>two</ol>", "1. one\n2. two"),
        ('<a href="https://madoguchi.example.jp/faq">FAQ</a>', "FAQ (https://madoguchi.example.jp/faq)"),
        ('<a href="https://example.jp/">https://example.jp</a>', "https://example.jp"),
        (
            '<a href="https://evil.example/x">https://bank.example.jp</a>',
            "https://bank.example.jp (https://evil.example/x)",
        ),
        ('<a href="mailto:desk@example.jp">desk@example.jp</a>', "desk@example.jp"),
        ('<a href="mailto:desk@example.jp">窓口</a>', "窓口 (desk@example.jp)"),
        ('<a href="#top">上へ</a> <a href="javascript:x()">押す</a>', "上へ 押す"),
        ('<a href="https://example.jp/a"></a>', "https://example.jp/a"),
        ('<a href="https://example.jp/unclosed">text', "text (https://example.jp/unclosed)"),
        ("A&amp;B &lt;tag&gt; &#x3042;&nbsp;&copy;", "A&B <tag> あ ©"),
        ("<script>alert(1)</script><style>p{}</style>見える", "見える"),
        ("<html><head><title>題</title><meta charset=utf-8></head><body>本文</body></html>", "本文"),
        ("<head><title>never closed</title><body>本文", "本文"),
        (
            "<table><tr><td>氏名</td><td>山田</td></tr><tr><td>番号</td><td>42</td></tr></table>",
            "氏名 山田\n番号 42",
        ),
        ("<p>  many   \n\n spaces\tand\nnewlines </p>", "many spaces and newlines"),
        ("<h1>見出し</h1>本文<hr>後", "見出し\n\n本文\n\n後"),
        ('<img src="x.png" alt="ロゴ"><img src="y.png">', "ロゴ"),
        ("", ""),
        ("ただのテキスト", "ただのテキスト"),
        ("<<<>>> <p unclosed", "<<<>>> <p unclosed"),  # html.parser keeps a broken tag as text
        ("<p>a</p>\n\n\n\n<p>b</p>", "a\n\nb"),
    ],
)
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected
