"""Intent classification by logistic regression over the n-gram counts and the sentence embedding.

Rasa's DIET reached a cross-validated macro-F1 near 0.79 on our data; a linear
model over the same features reaches about 0.9 (docs/nlu.md has the figures),
trains in seconds instead of minutes and answers in well under a millisecond.
Rasa's own LogisticRegressionClassifier feeds raw counts, where a long e-mail
outweighs a short chat line, and fixes C at 1. Here counts are damped
(log1p) and each message's n-gram vector is scaled to unit length, as a
sublinear tf-idf would, so the embedding and the n-grams weigh alike whatever
the length, and C is configurable. The embedding is then weighted
(`embedding_weight`, 2 by default): cross-validation on our data gave the best
macro-F1 at weight 2 with C 100 (docs/nlu.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """See the module docstring; persistence and ranking are Rasa's."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "C": 100.0,
            "max_iter": 1000,
            "embedding_weight": 2.0,
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if float(config["C"]) <= 0:
            raise ValueError("LinearIntentClassifier: C must be positive")
        if float(config["embedding_weight"]) < 0:
            raise ValueError("LinearIntentClassifier: embedding_weight must not be negative")

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf = LogisticRegression(
            C=float(self.config["C"]),
            solver=self.config["solver"],
            max_iter=int(self.config["max_iter"]),
            tol=self.config["tol"],
            random_state=self.config["random_state"],
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, execution_context.node_name, model_storage, resource)

    def _create_X(self, messages: list[Message]) -> csr_matrix:  # noqa: N802 (Rasa's name)
        rows = []
        weight = float(self.config["embedding_weight"])
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            counts = csr_matrix(sparse.features) if sparse else csr_matrix((1, 0))
            embedding = np.asarray(dense.features) if dense else np.zeros((1, 0))
            rows.append(hstack([normalize(counts.log1p()), csr_matrix(weight * embedding)]))
        return vstack(rows).tocsr()
