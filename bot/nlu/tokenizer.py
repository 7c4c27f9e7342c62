"""A Rasa tokenizer for Japanese and English on fugashi + unidic-lite.

Rasa's WhitespaceTokenizer refuses Japanese, which has no spaces. MeCab with
UniDic splits Japanese into morphemes and Latin text at spaces and symbols, so
one tokenizer serves a bilingual model. Features are built from the NFKC form
(and, for Japanese, the dictionary form as lemma, so 削除して/削除したい share
features), while token offsets point into the text the customer typed.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import fugashi
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.normalize import normalize

# UniDic part-of-speech tags for tokens that carry no meaning for intent.
_SKIPPED_POS = {"補助記号", "空白"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class JapaneseTokenizer(Tokenizer):
    """See `Tokenizer`: splits Japanese and English text into tokens."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def supported_languages() -> list[str] | None:
        return None  # bilingual by design

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._tagger = fugashi.Tagger()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> JapaneseTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        tokens = split(self._tagger, text)
        if not tokens:
            tokens = [Token(text, 0)]
        return self._apply_token_pattern(tokens)


def split(tagger: fugashi.Tagger, text: str) -> list[Token]:
    """Tokens of `text`, with offsets into `text` and normalised text and lemma."""
    normalized = normalize(text)
    tokens: list[Token] = []
    cursor = 0
    for word in tagger(normalized.text):
        surface = word.surface
        start = normalized.text.find(surface, cursor)
        if start < 0:  # MeCab never reorders text; guard against odd input anyway
            continue
        cursor = start + len(surface)
        if word.feature.pos1 in _SKIPPED_POS or _is_punctuation(surface):
            continue
        original_start, original_end = normalized.span(start, cursor)
        lowered = surface.lower()
        tokens.append(Token(lowered, original_start, original_end, lemma=_lemma(word, lowered)))
    return tokens


def _is_punctuation(surface: str) -> bool:
    return all(unicodedata.category(char)[0] in "PSZ" for char in surface)


def _lemma(word: fugashi.UnidicNode, lowered: str) -> str:
    base = getattr(word.feature, "orthBase", None)
    if not base or base == "*" or base.isascii():
        return lowered
    return base.lower()
