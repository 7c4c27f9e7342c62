"""The fugashi tokenizer, run inside the Rasa environment as the Rasa server runs it."""

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.tokenizer import JapaneseTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> JapaneseTokenizer:
    return JapaneseTokenizer(JapaneseTokenizer.get_default_config())


def tokens(tokenizer: JapaneseTokenizer, text: str) -> list[tuple[str, str, int, int]]:
    return [(t.text, t.lemma, t.start, t.end) for t in tokenizer.tokenize(Message({TEXT: text}), TEXT)]


def test_japanese_is_split_into_morphemes_with_dictionary_forms(tokenizer):
    result = tokens(tokenizer, "保有個人データを開示してほしいです。")
    assert [text for text, *_ in result] == [
        "保有",
        "個人",
        "データ",
        "を",
        "開示",
        "し",
        "て",
        "ほしい",
        "です",
    ]
    assert ("し", "する", 10, 11) in result  # conjugated verb carries its dictionary form


def test_english_is_split_at_words_and_lower_cased(tokenizer):
    result = tokens(tokenizer, "Please DELETE my data, thanks!")
    assert [text for text, *_ in result] == ["please", "delete", "my", "data", "thanks"]
    assert result[1][2:] == (7, 13)


def test_full_width_and_half_width_forms_are_folded_but_offsets_stay_on_the_original(tokenizer):
    text = "ＰＲＶ－２０２６－０００１２３のｶﾀﾛｸﾞ"
    result = tokens(tokenizer, text)
    assert [t for t, *_ in result] == ["prv", "2026", "000123", "の", "カタログ"]
    assert [text[start:end] for *_, start, end in result] == [
        "ＰＲＶ",
        "２０２６",
        "０００１２３",
        "の",
        "ｶﾀﾛｸﾞ",
    ]


def test_mixed_japanese_and_english(tokenizer):
    result = [t for t, *_ in tokens(tokenizer, "I want 開示 of my data")]
    assert result == ["i", "want", "開示", "of", "my", "data"]


def test_text_of_only_punctuation_still_gives_one_token(tokenizer):
    assert len(tokens(tokenizer, "！？")) == 1


def test_process_sets_tokens_on_messages(tokenizer):
    message = Message({TEXT: "カタログを止めて"})
    tokenizer.process([message])
    assert [t.text for t in message.get("text_tokens")] == ["カタログ", "を", "止め", "て"]
