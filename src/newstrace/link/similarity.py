"""Pairwise story similarity of two articles, computed on their :class:`ArticleEvidence`.

Each *component* is a number in 0..1 that says how much one kind of evidence agrees:

- ``terms``: cosine of the wordfreq-weighted key terms (mostly same-language overlap);
- ``entities``: overlap of transliteration-aware entity keys (shared / smaller set);
- ``numbers``: overlap of numbers (shared / smaller set, damped for small sets);
- ``years``: overlap of the years mentioned;
- ``embedding``: cosine of the lead embeddings (multilingual encoder), when both have one;
- ``same_language``: 1 when both articles are in one language (cross-lingual cosines run
  lower, so the blend needs to know);
- ``time``: agreement of publication dates (1 when close or unknown).

All are cheap to compare (set intersections, sparse dot products and one dense dot product:
tens of microseconds a pair, see ``bench/similarity/RESULTS.md``); what costs is embedding the
lead, done once per article by :func:`~newstrace.link.evidence.article_evidence`.

The score is a linear blend of the components and two transforms of them (``terms_sqrt``, the
square root of ``terms``, and ``embedding_sq``, the squared cosine: see :func:`blend_inputs`),
with weights learned on the SemEval-2022 Task 8 fit split (``bench/similarity/blend.py``
writes ``data/similarity_weights.json``), clipped to 0..1, then damped by ``time``. The blend
is chosen by the embeddings the two articles carry: one for each packaged encoder (matched by
vector dimension) and a lexical one when either article has no embedding or the two come from
different encoders. ``time`` is not learned (the task data has no dates): a fixed decay that
starts after a week's gap.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from newstrace.link.evidence import ArticleEvidence

WEIGHTS_RESOURCE = "similarity_weights.json"
LEXICAL_BLEND = "lexical"
SHARED_TERMS_SHOWN = 12
TIME_GRACE_DAYS = 7
TIME_HALF_LIFE_DAYS = 45.0
TIME_FLOOR = 0.25
NUMBER_DAMPING = 2.0


@dataclass(frozen=True, slots=True)
class Similarity:
    """How similar two articles are (``score`` 0..1, higher = same story) and why."""

    score: float
    components: Mapping[str, float]
    shared_entities: tuple[str, ...]
    shared_numbers: tuple[str, ...]
    shared_terms: tuple[str, ...]
    blend: str = LEXICAL_BLEND

    @property
    def semeval(self) -> float:
        """The score on the SemEval-2022 Task 8 scale (1 = same story .. 4 = unrelated)."""
        return to_semeval_scale(self.score)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "score": round(self.score, 4),
            "semeval": round(self.semeval, 3),
            "blend": self.blend,
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "shared_entities": list(self.shared_entities),
            "shared_numbers": list(self.shared_numbers),
            "shared_terms": list(self.shared_terms),
        }


@dataclass(frozen=True, slots=True)
class Blend:
    """Linear blend weights for one evidence configuration (an encoder, or lexical only)."""

    name: str
    intercept: float
    weights: Mapping[str, float]
    dimension: int | None = None

    def apply(self, components: Mapping[str, float]) -> float:
        """The blended score of a pair's components, clipped to 0..1 (missing inputs count
        as 0)."""
        inputs = blend_inputs(components)
        raw = self.intercept + sum(w * inputs.get(k, 0.0) for k, w in self.weights.items())
        return min(1.0, max(0.0, raw))


def blend_inputs(components: Mapping[str, float]) -> dict[str, float]:
    """The components plus the transforms the blends use: ``terms_sqrt`` and, when there is an
    embedding cosine, ``embedding_sq``."""
    inputs = dict(components)
    inputs["terms_sqrt"] = math.sqrt(max(0.0, components.get("terms", 0.0)))
    if "embedding" in components:
        inputs["embedding_sq"] = components["embedding"] ** 2
    return inputs


def to_semeval_scale(score: float) -> float:
    """Map a 0..1 similarity onto the task's 1..4 scale (1 = same story, 4 = unrelated)."""
    return 4.0 - 3.0 * min(1.0, max(0.0, score))


def similarity(
    a: ArticleEvidence, b: ArticleEvidence, blends: Mapping[str, Blend] | None = None
) -> Similarity:
    """Score how likely two articles tell the same story, with the evidence behind it.

    ``blends`` defaults to the packaged learned weights (:func:`packaged_blends`). An article
    without any evidence (no text) is similar to nothing: its score is 0.
    """
    table = packaged_blends() if blends is None else blends
    values = components(a, b)
    blend = choose_blend(a, b, table)
    empty = a.is_empty or b.is_empty
    score = 0.0 if empty else blend.apply(values) * values["time"]
    return Similarity(
        score=score,
        components=values,
        shared_entities=tuple(sorted(a.entities & b.entities)),
        shared_numbers=tuple(sorted(a.numbers & b.numbers, key=lambda n: (-len(n), n))),
        shared_terms=shared_terms(a, b),
        blend=blend.name,
    )


def similarity_score(
    a: ArticleEvidence, b: ArticleEvidence, blends: Mapping[str, Blend] | None = None
) -> float:
    """Just :attr:`Similarity.score` of :func:`similarity`, without building the explanation
    (for hot loops such as candidate scoring in the story clusterer)."""
    if a.is_empty or b.is_empty:
        return 0.0
    values = components(a, b)
    blend = choose_blend(a, b, packaged_blends() if blends is None else blends)
    return blend.apply(values) * values["time"]


def components(a: ArticleEvidence, b: ArticleEvidence) -> dict[str, float]:
    """Every component of the pair (see the module docstring); ``embedding`` only when both
    articles carry embeddings of the same dimension."""
    values = {
        "terms": term_cosine(a.terms, b.terms),
        "entities": overlap(a.entities, b.entities),
        "numbers": overlap(a.numbers, b.numbers, damping=NUMBER_DAMPING),
        "years": overlap(a.years, b.years),
        "time": time_agreement(a, b),
        "same_language": float(a.language == b.language),
    }
    cosine = embedding_cosine(a, b)
    if cosine is not None:
        values["embedding"] = cosine
    return values


def choose_blend(a: ArticleEvidence, b: ArticleEvidence, blends: Mapping[str, Blend]) -> Blend:
    """The blend for the encoder both articles were embedded with, else the lexical one."""
    if a.embedding is not None and b.embedding is not None:
        dimension = int(a.embedding.shape[-1])
        if dimension == int(b.embedding.shape[-1]):
            for blend in blends.values():
                if blend.dimension == dimension:
                    return blend
    if LEXICAL_BLEND not in blends:
        raise KeyError(f"no {LEXICAL_BLEND!r} blend among {sorted(blends)}")
    return blends[LEXICAL_BLEND]


def term_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two L2-normalised term-weight maps."""
    return min(1.0, sum(a[t] * b[t] for t in a.keys() & b.keys()))


def overlap(a: frozenset[str], b: frozenset[str], damping: float = 1.0) -> float:
    """Shared items over the smaller set's size plus ``damping`` (so one shared item out of
    one is weak evidence); 0 when either set is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / (min(len(a), len(b)) + damping)


def embedding_cosine(a: ArticleEvidence, b: ArticleEvidence) -> float | None:
    """Cosine of the two embeddings clipped to 0..1; ``None`` when one is missing or the two
    come from different encoders."""
    if a.embedding is None or b.embedding is None:
        return None
    if a.embedding.shape != b.embedding.shape:
        return None
    squared = float(np.dot(a.embedding, a.embedding)) * float(np.dot(b.embedding, b.embedding))
    if squared <= 0.0:
        return 0.0
    return min(1.0, max(0.0, float(np.dot(a.embedding, b.embedding)) / math.sqrt(squared)))


def time_agreement(a: ArticleEvidence, b: ArticleEvidence) -> float:
    """1 when both dates are within a week or either is unknown, then halving every
    ``TIME_HALF_LIFE_DAYS`` days down to ``TIME_FLOOR``."""
    if a.published is None or b.published is None:
        return 1.0
    gap = abs((a.published - b.published).days) - TIME_GRACE_DAYS
    if gap <= 0:
        return 1.0
    return max(TIME_FLOOR, math.pow(0.5, gap / TIME_HALF_LIFE_DAYS))


def shared_terms(a: ArticleEvidence, b: ArticleEvidence) -> tuple[str, ...]:
    """The shared key terms that contribute most to ``terms``, strongest first."""
    common = a.terms.keys() & b.terms.keys()
    ranked = sorted(common, key=lambda t: (-a.terms[t] * b.terms[t], t))
    return tuple(ranked[:SHARED_TERMS_SHOWN])


@functools.lru_cache(maxsize=1)
def packaged_blends() -> dict[str, Blend]:
    """The learned blends shipped in ``newstrace/data/similarity_weights.json``."""
    raw = resources.files("newstrace").joinpath("data", WEIGHTS_RESOURCE).read_text("utf-8")
    return blends_from_json(json.loads(raw))


def blends_from_json(data: Mapping[str, Any]) -> dict[str, Blend]:
    """Parse the weights file's ``blends`` table; raises ``ValueError`` when malformed."""
    table = data.get("blends")
    if not isinstance(table, Mapping) or LEXICAL_BLEND not in table:
        raise ValueError(f"similarity weights need a 'blends' table with {LEXICAL_BLEND!r}")
    blends = {}
    for name, entry in table.items():
        dimension = entry.get("dimension")
        blends[name] = Blend(
            name=name,
            intercept=float(entry["intercept"]),
            weights={str(k): float(v) for k, v in entry["weights"].items()},
            dimension=int(dimension) if dimension is not None else None,
        )
    return blends
