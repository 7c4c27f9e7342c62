"""The linear intent classifier's features: damped, unit-length n-grams beside the weighted embedding,
and the similarity to the nearest training example of each intent."""

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_classifier import LinearIntentClassifier, NearestExamples


def classifier(tmp_path, **config) -> LinearIntentClassifier:
    merged = {**LinearIntentClassifier.get_default_config(), **config}
    LinearIntentClassifier.validate_config(merged)
    return LinearIntentClassifier(merged, "clf", LocalModelStorage(tmp_path), Resource("clf"))


def message(counts: list[float], embedding: list[float], intent: str | None = None) -> Message:
    m = Message({TEXT: "x", **({INTENT: intent} if intent else {})})
    m.add_features(Features(scipy.sparse.coo_matrix([counts]), "sentence", TEXT, "cv"))
    m.add_features(Features(np.array([embedding]), "sentence", TEXT, "e5"))
    return m


def test_counts_are_damped_and_unit_length_and_the_embedding_weighted(tmp_path):
    row = (
        classifier(tmp_path, embedding_weight=2.0, neighbour_weight=0)
        ._create_X([message([0, 3, 3], [0.6, 0.8])])
        .toarray()[0]
    )
    np.testing.assert_allclose(row[:3], [0, 2**-0.5, 2**-0.5])
    np.testing.assert_allclose(row[3:], [1.2, 1.6])


def test_a_long_message_weighs_as_much_as_a_short_one(tmp_path):
    clf = classifier(tmp_path)
    short, long = clf._create_X([message([1, 1, 0], [1, 0]), message([40, 40, 0], [1, 0])]).toarray()
    np.testing.assert_allclose(short, long)


@pytest.mark.parametrize("config", [{"C": 0}, {"embedding_weight": -1}, {"neighbour_weight": -1}])
def test_bad_settings_are_refused(tmp_path, config):
    with pytest.raises(ValueError):
        classifier(tmp_path, **config)


def test_nearest_example_similarity_is_per_intent_and_never_matches_itself():
    memory = NearestExamples(np.array([[1, 0], [0.6, 0.8], [0, 1]]), ["greet", "greet", "goodbye"])
    assert memory.labels == ["goodbye", "greet"]
    np.testing.assert_allclose(memory.similarities(np.array([[2, 0]])), [[0, 1]])
    # In training each example sees only the others: greet's first example finds its sibling.
    np.testing.assert_allclose(
        memory.similarities(memory.embeddings, exclude_self=True), [[0, 0.6], [0.8, 0.6], [-1, 0.8]]
    )


def test_the_classifier_sees_how_much_farther_each_intent_is_than_the_nearest():
    memory = NearestExamples(np.array([[1, 0], [0.6, 0.8], [0, 1]]), ["greet", "greet", "goodbye"])
    np.testing.assert_allclose(
        memory.gaps(memory.embeddings, exclude_self=True), [[-0.6, 0], [0, -0.2], [-1.8, 0]], atol=1e-6
    )


def training_set() -> TrainingData:
    rows = [
        ([1, 0, 0], [1, 0], "greet"),
        ([1, 1, 0], [0.9, 0.1], "greet"),
        ([0, 0, 1], [0, 1], "goodbye"),
        ([0, 1, 1], [0.1, 0.9], "goodbye"),
    ]
    return TrainingData([message(c, e, i) for c, e, i in rows])


def test_the_neighbour_memory_is_kept_with_the_model_and_loaded_with_it(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("clf")
    config = {**LinearIntentClassifier.get_default_config(), "neighbour_weight": 1.0}
    trained = LinearIntentClassifier(config, "clf", storage, resource)
    trained.train(training_set())
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = LinearIntentClassifier.load(config, storage, resource, context)
    assert loaded.neighbours is not None
    np.testing.assert_allclose(loaded.neighbours.embeddings, trained.neighbours.embeddings)
    unseen = message([1, 0, 0], [0.95, 0.05])
    assert loaded.process([unseen])[0].get(INTENT)["name"] == "greet"
    row = loaded._create_X([message([0, 0, 1], [0, 1])]).toarray()[0]
    # goodbye, greet: how much less similar the nearest example of each is than the nearest of all
    np.testing.assert_allclose(row[-2:], [0.0, 0.1 / np.hypot(0.9, 0.1) - 1.0], rtol=1e-5)
