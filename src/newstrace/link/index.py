"""Candidate generation for story linking: an inverted index of rare keys, never all pairs.

Each stored article is filed under a handful of *keys*: its entity keys (``e:``), its
distinctive numbers (``n:``) and its highest-weighted terms (``t:``). A new article looks up its
own keys and gets back the stored articles sharing the most (weighted) keys. Posting lists are
capped (the most recent ``posting_cap`` articles per key are kept), so one lookup costs at most
``keys x posting_cap`` steps whatever the number of stored articles, and a burst of thousands
of articles on one event cannot grow a posting list without bound. A key that fills its list
is, by then, common in the stream; its weight is damped by how often it was seen.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newstrace.link._story_state import entity_stems
from newstrace.link.evidence import ArticleEvidence

ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
STEM_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class IndexOptions:
    """How many keys an article is filed under, how long a posting list may grow, and how many
    of its strongest keys a lookup follows (together they bound the cost of one lookup)."""

    terms_per_article: int = 20
    numbers_per_article: int = 12
    entities_per_article: int = 30
    posting_cap: int = 32
    query_keys: int = 24
    max_candidates: int = 30


def article_keys(evidence: ArticleEvidence, options: IndexOptions) -> dict[str, float]:
    """The keys an article is filed under, each with its weight."""
    keys: dict[str, float] = {}
    for entity in sorted(evidence.entities)[: options.entities_per_article]:
        keys["e:" + entity] = ENTITY_WEIGHT
    for stem in sorted(entity_stems(evidence.entities))[: options.entities_per_article]:
        keys["s:" + stem] = STEM_WEIGHT
    numbers = sorted((n for n in evidence.numbers if len(n) >= 3), key=lambda n: (-len(n), n))
    for number in numbers[: options.numbers_per_article]:
        keys["n:" + number] = NUMBER_WEIGHT
    top = sorted(evidence.terms.items(), key=lambda kv: (-kv[1], kv[0]))
    for term, weight in top[: options.terms_per_article]:
        keys["t:" + term] = 1.0 + weight
    return keys


class CandidateIndex:
    """Inverted index from keys to recently stored article numbers (see the module docstring).

    Articles are identified by the small integers the caller gives them (their insertion
    number), which keeps posting lists compact.
    """

    def __init__(self, options: IndexOptions | None = None) -> None:
        self.options = options or IndexOptions()
        self._postings: dict[str, list[int]] = {}
        self._seen: Counter[str] = Counter()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def key_count(self) -> int:
        """How many distinct keys are indexed."""
        return len(self._postings)

    def add(self, number: int, keys: Iterable[str]) -> None:
        """File article ``number`` under ``keys``."""
        cap = self.options.posting_cap
        for key in keys:
            posting = self._postings.get(key)
            if posting is None:
                self._postings[sys.intern(key)] = [number]
            else:
                posting.append(number)
                if len(posting) > cap:
                    del posting[0]
            self._seen[key] += 1
        self._size += 1

    def weight(self, key: str, base: float) -> float:
        """A key's weight damped by how many articles were filed under it."""
        seen = self._seen.get(key, 0)
        return base / (1.0 + math.log1p(seen / self.options.posting_cap))

    def query(self, keys: dict[str, float], limit: int | None = None) -> list[tuple[int, float]]:
        """Stored article numbers sharing the most weighted keys with ``keys``, best first."""
        scores: dict[int, float] = {}
        present = [(self.weight(k, b), k) for k, b in keys.items() if k in self._postings]
        present.sort(reverse=True)
        for weight, key in present[: self.options.query_keys]:
            for number in self._postings[key]:
                scores[number] = scores.get(number, 0.0) + weight
        wanted = limit or self.options.max_candidates
        return heapq.nlargest(wanted, scores.items(), key=lambda kv: (kv[1], kv[0]))
