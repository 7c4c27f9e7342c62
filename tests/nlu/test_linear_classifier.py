"""The linear intent classifier's features: damped, unit-length n-grams beside the weighted embedding."""

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.linear_classifier import LinearIntentClassifier


def classifier(tmp_path, **config) -> LinearIntentClassifier:
    merged = {**LinearIntentClassifier.get_default_config(), **config}
    LinearIntentClassifier.validate_config(merged)
    return LinearIntentClassifier(merged, "clf", LocalModelStorage(tmp_path), Resource("clf"))


def message(counts: list[float], embedding: list[float]) -> Message:
    m = Message({TEXT: "x"})
    m.add_features(Features(scipy.sparse.coo_matrix([counts]), "sentence", TEXT, "cv"))
    m.add_features(Features(np.array([embedding]), "sentence", TEXT, "e5"))
    return m


def test_counts_are_damped_and_unit_length_and_the_embedding_weighted(tmp_path):
    row = classifier(tmp_path, embedding_weight=2.0)._create_X([message([0, 3, 3], [0.6, 0.8])]).toarray()[0]
    np.testing.assert_allclose(row[:3], [0, 2**-0.5, 2**-0.5])
    np.testing.assert_allclose(row[3:], [1.2, 1.6])


def test_a_long_message_weighs_as_much_as_a_short_one(tmp_path):
    clf = classifier(tmp_path)
    short, long = clf._create_X([message([1, 1, 0], [1, 0]), message([40, 40, 0], [1, 0])]).toarray()
    np.testing.assert_allclose(short, long)


@pytest.mark.parametrize("config", [{"C": 0}, {"embedding_weight": -1}])
def test_bad_settings_are_refused(tmp_path, config):
    with pytest.raises(ValueError):
        classifier(tmp_path, **config)
