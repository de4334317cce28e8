"""Lexical and anchor evidence of the claim matcher: word keys, numbers, shared anchors.

The parts of a pair's score that do not come from an embedding (see
:meth:`newstrace.link.claim_match.ClaimMatcher.pairwise`):

* :func:`lexical_matrix`: cosine of story-aware weighted bags of word keys (words reduced to a
  transliteration-blind light stem, so "mobilisation"/"mobilization" and "Вёрстка"/"Verstka"
  meet), numbers and entity keys;
* :func:`anchor_matrix`: shared distinctive numbers, resolved days and entities;
* :func:`quote_matrix`: two direct quotes with a shared distinctive number and speakers of one
  kind;
* :func:`event_keys`: the word keys of a text that can name an event (written in lower case,
  so not a name, and not among the language's most common words), for the grouping stages.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newstrace.analyze.keys import spelling_key
from newstrace.link.lexical import stem, tokens

if TYPE_CHECKING:
    from newstrace.link.claim_match import MatchText

Matrix = npt.NDArray[np.float32]
DISTINCTIVE_NUMBER = 100.0
FUNCTION_WORD_ZIPF = 6.0
#: A word at least this common (Zipf scale) says too little to name an event ("being",
#: "last", "team", "found"): weight ``7 - zipf`` below ``7 - EVENT_WORD_ZIPF``.
EVENT_WORD_ZIPF = 5.5
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_WORD = re.compile(r"[^\W\d_]{2,}")


def number_keys(text: str) -> list[str]:
    """Normalised numbers in a text ("300,000" and "300 000" -> "300000")."""
    return [t for t in tokens(text) if _NUMBER.match(t)]


def distinctive(number: str) -> bool:
    """A number rare enough to identify a claim (at least 100, or with a fraction)."""
    try:
        value = float(number)
    except ValueError:
        return False
    return value >= DISTINCTIVE_NUMBER or not value.is_integer()


def lexical_matrix(items: Sequence[MatchText]) -> Matrix:
    """Cosine of story-aware weighted term vectors (words, numbers and entity keys)."""
    n = len(items)
    bags = [term_bag(item) for item in items]
    df = Counter(term for bag in bags for term in bag)
    vocab = {term: i for i, term in enumerate(df)}
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for term, weight in bag.items():
            rarity = 1.0 if n <= 2 else min(1.0, math.log((n + 1) / df[term]) / math.log(n / 2 + 1))
            matrix[row, vocab[term]] = weight * max(rarity, 0.2)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit = matrix / norms
    cos: Matrix = (unit @ unit.T).astype(np.float32)
    return cos


def term_bag(item: MatchText) -> dict[str, float]:
    bag: dict[str, float] = {}
    for term, weight in item.terms.items():
        bag[term] = weight
    for number in item.numbers:
        bag["#" + number] = 4.0 if distinctive(number) else 1.5
    for key in item.entities:
        bag["@" + key] = 3.0
    for day in item.dates:
        bag["d:" + day] = 2.0
    return bag


def same_language(items: Sequence[MatchText]) -> Matrix:
    """1 where two items share a language (word overlap means something), else 0."""
    languages = np.asarray([item.language for item in items])
    same: Matrix = (languages[:, None] == languages[None, :]).astype(np.float32)
    return same


def anchor_matrix(items: Sequence[MatchText]) -> Matrix:
    """1 where two items share a distinctive number or an entity and a date; else 0..0.5.

    Counted through the items holding each key (an inverted index), so the cost follows the
    pairs that share something, not all pairs."""
    n = len(items)
    numbers = _shared_counts([frozenset(x for x in i.numbers if distinctive(x)) for i in items])
    dates = _shared_counts([i.dates for i in items])
    entities = _shared_counts([i.entities for i in items])
    value = 0.6 * (numbers > 0) + 0.3 * (dates > 0) + np.minimum(0.4, 0.2 * entities)
    out: Matrix = np.minimum(1.0, value).astype(np.float32)
    out[np.arange(n), np.arange(n)] = 0.0
    return out


def _shared_counts(keys: Sequence[frozenset[str]]) -> Matrix:
    """How many keys each pair of items shares (the diagonal is not meaningful)."""
    holders: dict[str, list[int]] = {}
    for index, held in enumerate(keys):
        for key in held:
            holders.setdefault(key, []).append(index)
    out: Matrix = np.zeros((len(keys), len(keys)), dtype=np.float32)
    for indices in holders.values():
        if len(indices) > 1:
            out[np.ix_(indices, indices)] += 1.0
    return out


def quote_matrix(items: Sequence[MatchText]) -> Matrix:
    """1 for two direct quotes with a shared distinctive number and speakers of one kind."""
    n = len(items)
    out = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        a = items[i]
        if not a.direct_quote:
            continue
        for j in range(i + 1, n):
            b = items[j]
            if not b.direct_quote or a.speaker_kind != b.speaker_kind:
                continue
            if any(distinctive(x) for x in a.numbers & b.numbers):
                out[i, j] = out[j, i] = 1.0
    return out


def term_counts(text: str, language: str) -> dict[str, float]:
    """Inverse-frequency weighted, transliteration-blind word keys of a text."""
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    for word in re.findall(r"[^\W\d_]{2,}", text.lower()):
        key = word_key(word)
        if not key:
            continue
        counts[key] += 1
        weights[key] = max(weights.get(key, 0.0), word_weight(word, language or "en"))
    return {k: (1.0 + math.log(c)) * weights[k] for k, c in counts.items() if weights[k] > 0}


@functools.lru_cache(maxsize=100_000)
def word_weight(word: str, language: str) -> float:
    """Inverse-frequency weight: 0 for function words, small for common ones."""
    from newstrace.link.zipf import zipf_frequency

    zipf = zipf_frequency(word, language)
    return 0.0 if zipf >= FUNCTION_WORD_ZIPF else max(0.5, 7.0 - zipf)


@functools.lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """Light stem of the romanised, spelling-normalised word."""
    key = spelling_key(word)
    return stem(key) if key else ""


def event_keys(text: str, language: str) -> frozenset[str]:
    """Word keys of ``text`` that can name an event: occurrences written in lower case (a
    capitalised word is a name, a day or a sentence's first word) of words rarer than
    ``EVENT_WORD_ZIPF``."""
    keys = set()
    for word in _WORD.findall(text):
        if not word[0].islower():
            continue
        if word_weight(word, language or "en") <= 7.0 - EVENT_WORD_ZIPF:
            continue
        key = word_key(word)
        if key:
            keys.add(key)
    return frozenset(keys)
