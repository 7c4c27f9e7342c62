from responses.mailtext import NO_START, columns, wrap_line, wrap_line_en, wrap_text

LONG = (
    "窓口の担当者がご請求の内容を確認し、ご本人確認書類がそろいましたら、"
    "法令に定める期間内に書面にてご回答いたします。"
)


def test_lines_stay_within_70_columns_and_lose_nothing():
    lines = wrap_line(LONG * 2).split("\n")
    assert len(lines) > 1 and all(columns(line) <= 70 for line in lines)
    assert "".join(lines) == LONG * 2


def test_no_line_starts_with_closing_punctuation():
    for line in wrap_line(LONG * 3).split("\n")[1:]:
        assert line[0] not in NO_START


def test_an_address_is_never_split():
    text = "お問い合わせは " + "あ" * 28 + " privacy-desk-for-customers@example.co.jp までお願いします。"
    assert any("privacy-desk-for-customers@example.co.jp" in line for line in wrap_line(text).split("\n"))


def test_a_bullet_keeps_a_hanging_indent():
    lines = wrap_line("・" + LONG).split("\n")
    assert lines[0].startswith("・") and all(line.startswith("　") for line in lines[1:])


def test_short_lines_and_blocks_pass_unchanged():
    assert wrap_line("山田 様") == "山田 様"
    assert wrap_text("一行目\n\n三行目\n") == "一行目\n\n三行目\n"


def test_english_lines_break_at_spaces_and_bullets_hang():
    line = "- " + " ".join(["word"] * 30) + " privacy-desk-contact-address@example.co.jp end"
    wrapped = wrap_line_en(line, 40).split("\n")
    assert all(len(row) <= 40 or "@" in row for row in wrapped)
    assert wrapped[0].startswith("- word") and all(row.startswith("  ") for row in wrapped[1:])
    assert "privacy-desk-contact-address@example.co.jp" in "\n".join(wrapped)  # never split
    assert wrap_line_en("short line") == "short line"
    assert wrap_line_en("1. " + "a " * 40, 30).split("\n")[1].startswith("   a")
