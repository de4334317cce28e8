"""The running state of one story and how well an article fits it (private to ``stories``).

A story keeps sums, not lists: the summed term vectors of its members (its centroid, trimmed to
the strongest terms), how many members name each entity, number and year, the span of dates its
members carry, and the summed embeddings. It also keeps a bounded set of member *exemplars*
(the first few and the most recent ones) to link an article to its closest member and to spot
near-identical copies. All of this stays bounded however many articles join the story.
"""

from __future__ import annotations

import bisect
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from newstrace.link.evidence import ArticleEvidence

Vector = npt.NDArray[np.float32]
STEM_CHARS = 5
SKETCH_SIZE = 32
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Weights and thresholds of the story clusterer (defaults tuned on ECB+ dev, see bench)."""

    threshold: float = 0.28
    centroid_weight: float = 0.3
    entity_weight: float = 0.15
    number_weight: float = 0.05
    contrast_weight: float = 0.0
    time_window_days: int = 30
    time_penalty: float = 0.15
    embedding_weight: float = 0.5
    embedding_threshold: float = 0.5
    cross_stem_weight: float = 0.6
    cross_number_weight: float = 0.4
    duplicate_threshold: float = 0.8
    term_cap: float = 0.3
    merge_threshold: float = 0.6
    move_margin: float = 0.1
    movable_story_size: int = 4
    refine: bool = True
    max_centroid_terms: int = 300
    exemplars_first: int = 8
    exemplars_recent: int = 24
    max_counted_keys: int = 400
    stale_after: int = 20_000
    max_candidate_stories: int = 8
    compact_exemplars: int = 4
    compact_terms: int = 100


@dataclass(slots=True)
class Member:
    """One article's place in a story: its (trimmed) evidence and how it got there."""

    number: int
    article_id: str
    evidence: ArticleEvidence
    title: str | None
    score: float = 1.0
    duplicate_of: str | None = None
    shingles: tuple[int, ...] = ()


@dataclass(slots=True)
class StoryState:
    """The sums and exemplars of one story (see the module docstring)."""

    id: str
    created: int
    article_ids: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    years: Counter[str] = field(default_factory=Counter)
    stems: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    first_date: date | None = None
    last_date: date | None = None
    embedding_sum: Vector | None = None
    counted: int = 0
    exemplars: list[Member] = field(default_factory=list)
    updated: int = 0
    _norm: float | None = None

    def centroid_norm(self) -> float:
        """The L2 norm of the centroid (cached until the story changes)."""
        if self._norm is None:
            self._norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        return self._norm

    def absorb(self, member: Member, options: StoryOptions, *, listed: bool = False) -> None:
        """Add a member's evidence to the sums (duplicates only count as articles).

        ``listed`` says the article is already in ``article_ids`` (a member put back).
        """
        if not listed:
            self.article_ids.append(member.article_id)
        self.updated = max(self.updated, member.number)
        self._norm = None
        if member.duplicate_of is not None:
            return
        ev = member.evidence
        self.counted += 1
        for term, weight in ev.terms.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if len(self.centroid) > 2 * options.max_centroid_terms:
            self.centroid = _top(self.centroid, options.max_centroid_terms)
        _count(self.entities, ev.entities, options.max_counted_keys)
        _count(self.numbers, ev.numbers, options.max_counted_keys)
        _count(self.years, ev.years, options.max_counted_keys)
        _count(self.stems, entity_stems(ev.entities), options.max_counted_keys)
        self.languages[ev.language] += 1
        self._widen(ev)
        if ev.embedding is not None:
            vec = ev.embedding.astype(np.float32)
            self.embedding_sum = vec if self.embedding_sum is None else self.embedding_sum + vec
        position = bisect.bisect([m.number for m in self.exemplars], member.number)
        self.exemplars.insert(position, member)
        keep_first, keep_recent = options.exemplars_first, options.exemplars_recent
        if len(self.exemplars) > keep_first + keep_recent:
            del self.exemplars[keep_first]

    def release(self, member: Member, *, keep_listed: bool = False) -> None:
        """Take a member's evidence back out of the sums (when it moves to another story)."""
        if not keep_listed and member.article_id in self.article_ids:
            self.article_ids.remove(member.article_id)
        self._norm = None
        self.exemplars = [m for m in self.exemplars if m.article_id != member.article_id]
        if member.duplicate_of is not None:
            return
        ev = member.evidence
        self.counted -= 1
        for term, weight in ev.terms.items():
            left = self.centroid.get(term, 0.0) - weight
            if left > 1e-6:
                self.centroid[term] = left
            else:
                self.centroid.pop(term, None)
        self.entities.subtract(ev.entities)
        self.numbers.subtract(ev.numbers)
        self.years.subtract(ev.years)
        self.stems.subtract(entity_stems(ev.entities))
        self.languages[ev.language] -= 1
        for counter in (self.entities, self.numbers, self.years, self.stems, self.languages):
            for key in [k for k, v in counter.items() if v <= 0]:
                del counter[key]
        if ev.embedding is not None and self.embedding_sum is not None:
            self.embedding_sum = self.embedding_sum - ev.embedding.astype(np.float32)

    def take_over(self, other: StoryState, options: StoryOptions) -> None:
        """Absorb every sum and exemplar of ``other`` (a merge; ``other`` is then dropped)."""
        self.article_ids.extend(other.article_ids)
        self._norm = None
        for term, weight in other.centroid.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        self.centroid = _top(self.centroid, options.max_centroid_terms)
        self.entities.update(other.entities)
        self.numbers.update(other.numbers)
        self.years.update(other.years)
        self.stems.update(other.stems)
        self.languages.update(other.languages)
        self.counted += other.counted
        for day in (other.first_date, other.last_date):
            self._widen_date(day)
        if other.embedding_sum is not None:
            mine = self.embedding_sum
            self.embedding_sum = other.embedding_sum if mine is None else mine + other.embedding_sum
        merged = sorted([*self.exemplars, *other.exemplars], key=lambda m: m.number)
        keep_first, keep_recent = options.exemplars_first, options.exemplars_recent
        if len(merged) > keep_first + keep_recent:
            merged = merged[:keep_first] + merged[-keep_recent:]
        self.exemplars = merged
        self.updated = max(self.updated, other.updated)

    def compact(self, options: StoryOptions) -> None:
        """Shrink a story that stopped receiving articles (it can still be found and grow)."""
        half = options.compact_exemplars // 2
        if len(self.exemplars) > options.compact_exemplars:
            self.exemplars = self.exemplars[:half] + self.exemplars[-half:]
        self.centroid = _top(self.centroid, options.compact_terms)
        self._norm = None
        for counter in (self.entities, self.numbers, self.years, self.stems):
            for key, _ in counter.most_common()[options.compact_terms // 2 :]:
                del counter[key]

    def _widen(self, ev: ArticleEvidence) -> None:
        self._widen_date(ev.published or ev.inferred_date)

    def _widen_date(self, day: date | None) -> None:
        if day is None:
            return
        if self.first_date is None or day < self.first_date:
            self.first_date = day
        if self.last_date is None or day > self.last_date:
            self.last_date = day


@dataclass(frozen=True, slots=True)
class Fit:
    """How well one article fits one story, component by component (for explanations)."""

    score: float
    centroid: float
    best: float
    best_member: str | None
    entities: float
    numbers: float
    contrast: float
    time_gap_days: int | None
    embedding: float | None
    shared_entities: tuple[str, ...] = ()
    shared_numbers: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()


def fit(
    ev: ArticleEvidence,
    story: StoryState,
    options: StoryOptions,
    near: frozenset[int] | None = None,
) -> Fit:
    """Score how well an article's evidence fits a story (higher is better).

    ``near`` limits the closest-member search to those member numbers (the index hits).
    """
    centroid_sim = _dot(ev.terms, story.centroid) / (story.centroid_norm() or 1.0)
    best, best_id = 0.0, None
    for member in story.exemplars:
        if near is not None and member.number not in near:
            continue
        sim = _dot(ev.terms, member.evidence.terms)
        if sim > best:
            best, best_id = sim, member.article_id
    lexical = options.centroid_weight * centroid_sim + (1 - options.centroid_weight) * best
    entity_sim = _set_cosine(ev.entities, story.entities)
    number_sim = _set_cosine(ev.numbers, story.numbers)
    if story.languages and ev.language != story.languages.most_common(1)[0][0]:
        stem_sim = _set_cosine(entity_stems(ev.entities), story.stems)
        crossing = options.cross_stem_weight * stem_sim + options.cross_number_weight * number_sim
        lexical = max(lexical, crossing)
    contrast = _contrast(ev, story)
    gap = _time_gap(ev, story)
    score = (
        lexical
        + options.entity_weight * entity_sim
        + options.number_weight * number_sim
        - options.contrast_weight * contrast
    )
    if gap is not None and gap > options.time_window_days:
        over = (gap - options.time_window_days) / max(1, options.time_window_days)
        score -= options.time_penalty * min(1.0, over)
    embedding_sim = _embedding_cosine(ev, story)
    if embedding_sim is not None:
        weight = options.embedding_weight
        score = (1 - weight) * score + weight * embedding_sim
    return Fit(
        score=score,
        centroid=centroid_sim,
        best=best,
        best_member=best_id,
        entities=entity_sim,
        numbers=number_sim,
        contrast=contrast,
        time_gap_days=gap,
        embedding=embedding_sim,
    )


def detailed(match: Fit, ev: ArticleEvidence, story: StoryState) -> Fit:
    """The fit with the shared entities, numbers and terms filled in (for explanations)."""
    return replace(
        match,
        shared_entities=tuple(sorted(ev.entities & story.entities.keys())[:12]),
        shared_numbers=tuple(sorted(ev.numbers & story.numbers.keys())[:12]),
        shared_terms=_shared_terms(ev.terms, story.centroid),
    )


def lead_shingles(lead: str, keep: int = SKETCH_SIZE) -> tuple[int, ...]:
    """A bottom-k sketch of the lead's word trigrams (near-identical copies share it)."""
    words = [w.lower() for w in _WORDS.findall(lead)]
    hashes = {zlib.crc32(" ".join(words[i : i + 3]).encode("utf-8")) for i in range(len(words) - 2)}
    return tuple(sorted(hashes)[:keep])


def shingle_overlap(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard overlap of two bottom-k sketches (0 when either is empty)."""
    if not a or not b:
        return 0.0
    keep = max(len(a), len(b))
    union = sorted(set(a) | set(b))[:keep]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def entity_stems(entities: frozenset[str]) -> frozenset[str]:
    """Word stems of entity keys: what survives inflection across languages (Korvask/Korvaske)."""
    return frozenset(
        word[:STEM_CHARS] for key in entities for word in key.split() if len(word) >= STEM_CHARS
    )


def story_similarity(a: StoryState, b: StoryState) -> float:
    """Centroid cosine between two stories (used to decide merges)."""
    return _cosine(a.centroid, b.centroid)


def _contrast(ev: ArticleEvidence, story: StoryState) -> float:
    """How much the story's core entities and the article's lead entities disagree (0..1)."""
    if story.counted < 2 or not ev.lead_entities:
        return 0.0
    core = {e for e, n in story.entities.items() if n * 2 >= story.counted}
    if not core:
        return 0.0
    missing_core = len(core - ev.entities) / len(core)
    missing_lead = len(ev.lead_entities - story.entities.keys()) / len(ev.lead_entities)
    return missing_core * missing_lead


def _time_gap(ev: ArticleEvidence, story: StoryState) -> int | None:
    day = ev.published or ev.inferred_date
    if day is None or story.first_date is None or story.last_date is None:
        return None
    if day < story.first_date:
        return (story.first_date - day).days
    if day > story.last_date:
        return (day - story.last_date).days
    return 0


def _embedding_cosine(ev: ArticleEvidence, story: StoryState) -> float | None:
    if ev.embedding is None or story.embedding_sum is None:
        return None
    norm = float(np.linalg.norm(story.embedding_sum)) * float(np.linalg.norm(ev.embedding))
    return float(np.dot(story.embedding_sum, ev.embedding)) / norm if norm else 0.0


def _cosine(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(w * large.get(t, 0.0) for t, w in small.items())
    if dot == 0.0:
        return 0.0
    if b_norm is None:
        b_norm = math.sqrt(sum(w * w for w in b.values()))
    norm = math.sqrt(sum(w * w for w in a.values())) * b_norm
    return dot / norm if norm else 0.0


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors (the cosine when both are unit vectors)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    get = large.get
    return sum(w * get(t, 0.0) for t, w in small.items())


def _set_cosine(keys: frozenset[str], counts: Counter[str]) -> float:
    if not keys or not counts:
        return 0.0
    dot = sum(counts.get(k, 0) for k in keys)
    norm = math.sqrt(len(keys)) * math.sqrt(sum(v * v for v in counts.values()))
    return dot / norm if norm else 0.0


def _shared_terms(a: dict[str, float], b: dict[str, float]) -> tuple[str, ...]:
    shared = sorted((-(w * b[t]), t) for t, w in a.items() if t in b)
    return tuple(t for _, t in shared[:8])


def _top(weights: dict[str, float], n: int) -> dict[str, float]:
    return dict(sorted(weights.items(), key=lambda kv: -kv[1])[:n])


def _count(counter: Counter[str], keys: frozenset[str], cap: int) -> None:
    counter.update(keys)
    if len(counter) > 2 * cap:
        for key, _ in counter.most_common()[cap:]:
            del counter[key]
