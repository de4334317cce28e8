"""Tests for the claim matcher (a cheap bag-of-letters encoder stands in for the real one)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from newstrace.link._embed_cache import cached_embed
from newstrace.link.claim_match import (
    ClaimMatcher,
    MatchOptions,
    MatchText,
    distinctive,
    match_text,
    number_keys,
)


def letters(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """A toy encoder: letter-bigram counts, unit length (deterministic, no model)."""
    out = np.zeros((len(texts), 26 * 26), dtype=np.float32)
    for row, text in enumerate(texts):
        clean = [c for c in text.lower() if "a" <= c <= "z"]
        for a, b in itertools.pairwise(clean):
            out[row, (ord(a) - 97) * 26 + ord(b) - 97] += 1
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return out / norms


def lexical() -> ClaimMatcher:
    return ClaimMatcher(MatchOptions(embedding="none", use_cache=False))


def test_numbers_lose_separators_and_small_ones_are_not_distinctive() -> None:
    assert number_keys("about 1,500 people, not 1 500 or 12") == ["1500", "1500", "12"]
    assert distinctive("1500") and distinctive("2.5") and not distinctive("12")


def test_paraphrase_with_shared_number_outscores_unrelated_claim() -> None:
    matcher = lexical()
    a = "The council will close 14 libraries across the county to save 2,400,000 pounds."
    b = "Fourteen county libraries face closure as the council seeks savings of 2,400,000 pounds."
    c = "The football club signed a new goalkeeper from Lisbon on Tuesday."
    assert matcher.score(a, b) > matcher.score(a, c) + 0.2
    assert matcher.score(a, c) < 0.2


def test_spelling_variants_meet() -> None:
    matcher = lexical()
    british = "The ministry calls the scheme organisation 2.0 in its memo."
    american = "Officials call it organization 2.0, the memo shows."
    other = "Officials deny the memo exists."
    assert matcher.score(british, american) > matcher.score(british, other)


def test_translated_quotes_with_shared_number_and_speaker_kind_match() -> None:
    matcher = lexical()
    one = MatchText(
        text="We still need 40,000 more nurses on the wards",
        numbers=frozenset({"40000"}),
        direct_quote=True,
        speaker_kind="anonymous",
    )
    two = MatchText(
        text="We are 40,000 pairs of hands short",
        numbers=frozenset({"40000"}),
        direct_quote=True,
        speaker_kind="anonymous",
    )
    other_kind = MatchText(
        text="We are 40,000 pairs of hands short",
        numbers=frozenset({"40000"}),
        direct_quote=True,
        speaker_kind="person",
    )
    assert matcher.same(one, two)
    assert matcher.score(one, two) > matcher.score(one, other_kind)


def test_cross_language_pairs_are_not_penalised_for_no_shared_words() -> None:
    matcher = ClaimMatcher(MatchOptions(embedding="none", use_cache=False))
    en = match_text("The bridge will reopen on 1,200 days notice", "en")
    ru = match_text("Мост откроют через 1200 дней", "ru")
    assert matcher.score(en, ru) > 0.0


def test_pairwise_is_symmetric_with_unit_diagonal() -> None:
    matcher = ClaimMatcher(MatchOptions(embedding="use", use_cache=False), encode=letters)
    texts = [match_text(t) for t in ("rain in Oslo", "Oslo had rain", "stocks fell 300 points")]
    scores = matcher.pairwise(texts)
    assert np.allclose(scores, scores.T)
    assert np.allclose(np.diag(scores), 1.0)
    assert scores[0, 1] > scores[0, 2]


def test_rank_puts_the_matching_known_claim_first() -> None:
    matcher = ClaimMatcher(MatchOptions(embedding="use", use_cache=False), encode=letters)
    known = [
        "A photo shows sharks swimming on a flooded highway after the hurricane.",
        "The mayor banned plastic straws in all city restaurants.",
        "Vaccines contain microchips for tracking people.",
    ]
    ranked = matcher.rank(["mayor bans plastic straws in restaurants"], known, top=2)
    assert next(r.index for r in ranked[0]) == 1
    assert len(ranked[0]) == 2
    assert ranked[0][0].score >= ranked[0][1].score


def test_rank_with_rerank_limit_embeds_only_candidates() -> None:
    seen: list[str] = []

    def spy(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        seen.extend(texts)
        return letters(texts)

    options = MatchOptions(embedding="use", use_cache=False, rerank_top=1)
    matcher = ClaimMatcher(options, encode=spy)
    known = ["red apples grow here", "blue cars drive there", "green tea tastes fine"]
    ranked = matcher.rank(["blue cars"], known, top=3)
    assert ranked[0][0].index == 1
    assert "red apples grow here" not in seen


def test_embedding_cache_reuses_vectors(tmp_path: Path) -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        calls.append(len(texts))
        return letters(texts)

    first = cached_embed(["alpha beta", "gamma"], "use", cache_dir=tmp_path, encode=counting)
    second = cached_embed(
        ["gamma", "alpha beta", "delta"], "use", cache_dir=tmp_path, encode=counting
    )
    assert calls == [2, 1]
    assert np.allclose(first[0], second[1]) and np.allclose(first[1], second[0])


@pytest.mark.parametrize("threshold", [0.3, 0.9])
def test_same_follows_threshold(threshold: float) -> None:
    matcher = ClaimMatcher(MatchOptions(embedding="none", threshold=threshold, use_cache=False))
    a, b = "Storm cuts power to 45,000 homes", "45,000 homes lose power in storm"
    assert matcher.same(a, b) == (matcher.score(a, b) >= threshold)
