"""Training examples are embedded once: later trainings and cross-validation folds read them back."""

import numpy as np

from bot.nlu.embedding_cache import EmbeddingCache


class Counting:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)


def test_only_texts_not_seen_before_are_embedded_and_order_is_kept(tmp_path):
    cache, compute = EmbeddingCache(tmp_path / "e5.sqlite", "m1"), Counting()
    first = cache.embed(["ab", "c", "ab"], compute)
    assert compute.seen == ["ab", "c"]
    again = cache.embed(["c", "ab", "def"], compute)
    assert compute.seen == ["ab", "c", "def"]
    np.testing.assert_array_equal(first, [[2, 97], [1, 99], [2, 97]])
    np.testing.assert_array_equal(again, [[1, 99], [2, 97], [3, 100]])


def test_another_model_does_not_read_this_models_vectors(tmp_path):
    compute = Counting()
    EmbeddingCache(tmp_path / "e5.sqlite", "m1").embed(["ab"], compute)
    EmbeddingCache(tmp_path / "e5.sqlite", "m2").embed(["ab"], compute)
    assert compute.seen == ["ab", "ab"]


def test_an_unreadable_cache_file_costs_time_not_the_training(tmp_path):
    path = tmp_path / "e5.sqlite"
    path.write_bytes(b"not a database")
    compute = Counting()
    vectors = EmbeddingCache(path, "m1").embed(["ab", "c"], compute)
    assert compute.seen == ["ab", "c"]
    np.testing.assert_array_equal(vectors, [[2, 97], [1, 99]])
