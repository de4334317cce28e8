"""Lexical matching: a tokenizer with light stemming, and an Okapi BM25 index.

Used by the claim matcher to find candidate claims that share rare words, names and numbers.
Numbers are normalised ("300,000" and "300 000" are one token) so that they match across
outlets and languages.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

_TOKEN = re.compile(
    r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[^\W\d_]+", re.UNICODE
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ers", "ed", "es", "er", "s")
_STOP = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its of on or "
    "our she that the their them they this to was we were what when which who will with you "
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по ее мне "
    "было вот от меня о из ему теперь когда даже ну ли если уже или ни быть был него до вас".split()
)


def stem(word: str) -> str:
    """A light, language-agnostic suffix stripper (enough for matching, not linguistics)."""
    if len(word) <= 4 or not word.isascii():
        return word[:7] if len(word) > 7 and not word.isascii() else word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """Lowercase, stemmed content tokens; numbers lose their thousands separators."""
    out = []
    for raw in _TOKEN.findall(text.lower()):
        if raw[0].isdigit():
            out.append(re.sub(r"[ ,.\u00a0\u202f](?=\d{3}\b)", "", raw))
        elif raw not in _STOP and len(raw) > 1:
            out.append(stem(raw))
    return out


class BM25:
    """An Okapi BM25 index over a fixed list of documents (inverted index, no all-pairs)."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.size = len(documents)
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = np.zeros(self.size, dtype=np.float32)
        for index, document in enumerate(documents):
            counts = Counter(tokens(document))
            lengths[index] = sum(counts.values())
            for term, count in counts.items():
                self._postings[term].append((index, count))
        self._norm = k1 * (1 - b + b * lengths / max(float(lengths.mean()), 1.0))

    def idf(self, term: str) -> float:
        """Robertson-Sparck Jones IDF, floored at zero."""
        df = len(self._postings.get(term, ()))
        return max(0.0, math.log((self.size - df + 0.5) / (df + 0.5) + 1.0))

    def scores(self, query: str | Iterable[str]) -> npt.NDArray[np.float32]:
        """BM25 score of every document for the query (text or pre-tokenised)."""
        terms = tokens(query) if isinstance(query, str) else list(query)
        result = np.zeros(self.size, dtype=np.float32)
        for term, qcount in Counter(terms).items():
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            index = np.fromiter((p[0] for p in postings), dtype=np.int64, count=len(postings))
            tf = np.fromiter((p[1] for p in postings), dtype=np.float32, count=len(postings))
            result[index] += qcount * idf * tf * (self.k1 + 1) / (tf + self._norm[index])
        return result


_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_SIGNATURE = re.compile(r"\s[—–-]{1,2}\s+[^—–]{1,80}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\W*$")
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def strip_social_markup(text: str) -> str:
    """Social-post text as prose: no links or embed signature, hashtags split into words."""
    text = _URL.sub(" ", text)
    text = _SIGNATURE.sub("", text)
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    return " ".join(text.split())
