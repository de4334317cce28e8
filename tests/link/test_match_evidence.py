"""Event words (lexical evidence of the matcher), invented words."""

from __future__ import annotations

from newstrace.link._match_evidence import event_keys, word_key


def test_event_keys_skip_names_and_common_words() -> None:
    keys = event_keys("Harbourton engineers were fortifying the levee on Tuesday", "en")
    assert word_key("levee") in keys and word_key("fortifying") in keys
    assert word_key("Harbourton") not in keys  # a name
    assert word_key("Tuesday") not in keys  # a day, capitalised
    assert word_key("were") not in keys  # a common word


def test_anchor_matrix_agrees_with_a_pairwise_scan() -> None:
    import random
    from types import SimpleNamespace
    from typing import cast

    import numpy as np

    from newstrace.link._match_evidence import anchor_matrix, distinctive
    from newstrace.link.claim_match import MatchText

    rng = random.Random(5)
    pool_numbers = ["1500", "1200", "2", "300000", "6.1", "2025"]
    pool = ["a", "b", "c", "d"]
    items = [
        SimpleNamespace(
            numbers=frozenset(rng.sample(pool_numbers, rng.randint(0, 3))),
            dates=frozenset(rng.sample(pool, rng.randint(0, 2))),
            entities=frozenset(rng.sample(pool, rng.randint(0, 3))),
        )
        for _ in range(40)
    ]
    got = anchor_matrix(cast(list[MatchText], items))
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            if i == j:
                assert got[i, j] == 0.0
                continue
            value = 0.6 if any(distinctive(x) for x in a.numbers & b.numbers) else 0.0
            value += 0.3 if a.dates & b.dates else 0.0
            value += min(0.4, 0.2 * len(a.entities & b.entities))
            assert np.isclose(got[i, j], min(1.0, value)), (i, j)
