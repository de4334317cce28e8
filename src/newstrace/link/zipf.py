"""``wordfreq.zipf_frequency`` without building the whole word-frequency dictionary.

``wordfreq`` answers its first lookup in a language by turning the language's bucketed word
list (hundreds of thousands of words) into one dict, which costs up to half a second for a large
list. A one-shot run looks up a few hundred words, so here each word is found by binary search
in the same buckets (each bucket is sorted, see ``wordfreq.read_cBpack``), and the rest of
``wordfreq``'s computation (tokenising, digit smashing, combining tokens, rounding) is repeated
step by step with ``wordfreq``'s own helpers. The result equals ``wordfreq.zipf_frequency(word,
language)`` for every word (tested on many words). After ``LAZY_LOOKUPS`` lookups in one
language the list is indexed in a dict after all (built with C-level updates, still cheaper
than ``wordfreq``'s own loop), so long runs do not pay a binary search per word.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left

#: A missing word gets ``zipf_to_freq(0.0)``, ``wordfreq.zipf_frequency``'s default minimum.
_MINIMUM_FREQ = 10**0.0 / 1e9
_INFERRED_SPACE_FACTOR = 10.0  # wordfreq.INFERRED_SPACE_FACTOR


#: Binary searches cost about 0.3 ms a word; after this many lookups in one language a dict
#: of the whole list (about 0.1 s per 300,000 words) is cheaper, and is built once.
LAZY_LOOKUPS = 1000


class _WordList:
    """One language's bucketed word list: binary search per word, then a dict once busy."""

    def __init__(self, pack: list[list[str]]) -> None:
        self._pack = pack
        self._rarest_first = [(i, b) for i, b in reversed(list(enumerate(pack))) if b]
        self._lookups = 0
        self._index: dict[str, int] | None = None

    def bucket_of(self, token: str) -> int | None:
        """The bucket holding ``token``: the rarest one, as in ``wordfreq.get_frequency_dict``
        (whose dict keeps a word's last, i.e. rarest, bucket)."""
        if self._index is None:
            self._lookups += 1
            if self._lookups <= LAZY_LOOKUPS:
                return self._search(token)
            self._index = self._build_index()
        return self._index.get(token)

    def _search(self, token: str) -> int | None:
        for index, bucket in self._rarest_first:
            at = bisect_left(bucket, token)
            if at < len(bucket) and bucket[at] == token:
                return index
        return None

    def _build_index(self) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, bucket in enumerate(self._pack):
            index.update(dict.fromkeys(bucket, i))
        return index


@functools.lru_cache(maxsize=16)
def _word_list(language: str) -> _WordList:
    """The word list ``wordfreq`` uses for ``language`` (LookupError when there is none)."""
    from wordfreq import get_frequency_list

    return _WordList(get_frequency_list(language))


def _token_frequency(token: str, language: str) -> float | None:
    """Frequency of one token as ``wordfreq`` computes it, None when it is not listed."""
    from wordfreq import cB_to_freq
    from wordfreq.numbers import digit_freq, smash_numbers

    smashed = smash_numbers(token)
    index = _word_list(language).bucket_of(smashed)
    if index is None:
        return None
    freq = cB_to_freq(-index)
    if smashed != token:
        freq *= digit_freq(token)
    return freq


def word_frequency(word: str, language: str) -> float:
    """``wordfreq.word_frequency(word, language, "best", zipf_to_freq(0.0))``, computed lazily."""
    from wordfreq.language_info import get_language_info
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, language)
    if not tokens:
        return _MINIMUM_FREQ
    one_over_result = 0.0
    for token in tokens:
        freq = _token_frequency(token, language)
        if freq is None:
            return _MINIMUM_FREQ
        one_over_result += 1.0 / freq
    freq = 1.0 / one_over_result
    if get_language_info(language)["tokenizer"] == "jieba":
        freq *= _INFERRED_SPACE_FACTOR ** -(len(tokens) - 1)
    unrounded = max(freq, _MINIMUM_FREQ)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


@functools.lru_cache(maxsize=200_000)
def zipf_frequency(word: str, language: str) -> float:
    """Same value as ``wordfreq.zipf_frequency(word, language)``, without the full dict.

    Raises ``LookupError`` for a language without a word list and ``ImportError`` for one whose
    tokenizer is not installed, as ``wordfreq`` does.
    """
    from wordfreq import freq_to_zipf

    return round(freq_to_zipf(word_frequency(word, language)), 2)
