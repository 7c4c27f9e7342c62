"""Sentence embeddings of training examples, kept on disk between trainings.

Embedding the training data was two thirds of `rasa train` (py-spy: about 6.5 of 10 minutes
for 8,800 examples on one core), and Rasa's own cache is keyed on the whole training data, so
one added example embedded everything again, and each fold of a cross-validation did it anew.
Examples are our own text, never a customer's: messages parsed at run time are not stored.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


class EmbeddingCache:
    """sqlite, one row per (model, text); a missing or unreadable file only costs time."""

    def __init__(self, path: Path, model_id: str) -> None:
        self.path = path
        self.model_id = model_id

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_id}\0{text}".encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return db

    def embed(self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """One float32 row per text: stored rows are read, the others computed in one batch and stored."""
        keys = [self._key(text) for text in texts]
        found: dict[str, np.ndarray] = {}
        try:
            with self._connect() as db:
                unique = sorted(set(keys))
                for start in range(0, len(unique), 500):
                    chunk = unique[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, vector FROM embedding WHERE key IN ({marks})"
                    for key, blob in db.execute(query, chunk):
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error:
            found = {}
        missing = {text: key for text, key in zip(texts, keys, strict=True) if key not in found}
        if missing:
            vectors = np.asarray(compute(list(missing)), dtype=np.float32).reshape(len(missing), -1)
            fresh = dict(zip(missing.values(), vectors, strict=True))
            found.update(fresh)
            try:
                with self._connect() as db:
                    db.executemany(
                        "INSERT OR REPLACE INTO embedding VALUES (?, ?)",
                        [(key, vector.tobytes()) for key, vector in fresh.items()],
                    )
            except sqlite3.Error:
                pass
        return np.stack([found[key] for key in keys]) if keys else np.zeros((0, 0), np.float32)
