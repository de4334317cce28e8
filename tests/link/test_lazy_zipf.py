"""The lazy zipf lookup gives exactly ``wordfreq.zipf_frequency``'s values."""

from __future__ import annotations

import itertools
import random

import pytest
import wordfreq

from newstrace.link import zipf

_ODD_WORDS = [
    "",
    " ",
    "--",
    "zzqxjv",
    "Dam",
    "dam's",
    "don't",
    "don’t",
    "co-operate",
    "New York",
    "ice-cream",
    "naïve",
    "straße",
    "U.S.",
    "e-mail",
    "2024",
    "1,250",
    "3.5%",
    "x2",
    "a1b2",
    "€100",
    "Москва",
    "ёлка",
    "елка",
    "\U0010ffffab",
]


def _sample_words(language: str, seed: int) -> list[str]:
    """Listed words of every frequency, shuffled misspellings, pairs and odd strings."""
    rnd = random.Random(seed)
    top = wordfreq.top_n_list(language, 30_000)
    listed = top[:300] + rnd.sample(top, 700)
    scrambled = ["".join(rnd.sample(w, len(w))) for w in rnd.sample(top, 300)]
    pairs = [f"{a} {b}" for a, b in zip(rnd.sample(top, 100), rnd.sample(top, 100), strict=True)]
    return listed + scrambled + pairs + _ODD_WORDS


@pytest.mark.parametrize("language", ["en", "ru", "de", "zh"])
def test_same_values_as_wordfreq(language: str) -> None:
    for word in _sample_words(language, seed=len(language) + ord(language[0])):
        ours = zipf.zipf_frequency(word, language)
        assert repr(ours) == repr(wordfreq.zipf_frequency(word, language)), word


def test_dict_index_after_many_lookups_gives_same_buckets(monkeypatch: pytest.MonkeyPatch) -> None:
    words = _sample_words("en", seed=3)
    searched = zipf._WordList(wordfreq.get_frequency_list("en"))
    monkeypatch.setattr(zipf, "LAZY_LOOKUPS", 0)
    indexed = zipf._WordList(wordfreq.get_frequency_list("en"))
    monkeypatch.setattr(zipf, "LAZY_LOOKUPS", 10**9)
    expected = [searched.bucket_of(w) for w in words]
    assert [indexed.bucket_of(w) for w in words] == expected
    assert any(e is not None for e in expected) and None in expected


def test_buckets_are_sorted_as_binary_search_needs() -> None:
    for language in ("en", "ru"):
        for bucket in wordfreq.get_frequency_list(language):
            assert all(a < b for a, b in itertools.pairwise(bucket))


def test_a_word_in_two_buckets_takes_the_rarest_like_wordfreq() -> None:
    pack: list[list[str]] = [[], ["alpha", "beta"], [], ["beta", "gamma"]]
    words = zipf._WordList(pack)
    assert words.bucket_of("beta") == 3
    assert words.bucket_of("alpha") == 1
    assert words.bucket_of("delta") is None
    assert words._build_index()["beta"] == 3


def test_unknown_language_raises_lookup_error() -> None:
    with pytest.raises(LookupError):
        zipf.zipf_frequency("a", "xx-unknown")
