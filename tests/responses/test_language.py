import pytest

from responses.language import detect_language


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("個人情報を削除してください", None, "ja"),
        ("ｶﾀﾛｸﾞ停止", "en", "ja"),
        ("Please delete my data", "ja", "en"),
        ("hello", None, "en"),
        ("taro@example.com", "ja", "ja"),  # a bare address keeps the conversation's language
        ("PRV-2026-000123", "en", "en"),
        ("John Smith", "ja", "ja"),  # a romanised name is not a switch to English
        ("090-1234-5678", None, None),
        ("What is the status of my request", "ja", "en"),
    ],
)
def test_language_is_decided_per_message(text, current, expected):
    assert detect_language(text, current) == expected
