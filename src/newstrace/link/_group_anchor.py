"""Second stage of claim grouping: weak pairs admitted on a shared specific anchor.

After average linkage at the matcher's threshold (:func:`newstrace.link.claims.cluster`), two
groups whose cross-article pairs score only ``ANCHOR_FLOOR`` or more on average still merge
when they share a *specific* anchor: the same resolved day ("on Thursday" = 2025-04-10 in two
outlets), or the same distinctive amount (a quantity of at least 100, not a year) stated for
the same time. "Residents will be moved out on Thursday" and "the evacuation is likely to
begin on Thursday" score low on words and embeddings but name the same day. Vague anchors
(a weekday word without a resolved date, "hundreds", a year, an entity the whole story names)
never count.

Guards, so that one anchor does not chain different claims together:

* the anchor is held by a member of each of the two groups, and every article in the merged
  group holds it in at least one of its members;
* an amount counts only with the same owners: the names in the phrase that holds it ("the
  Nationals (eight years, $160 million)" is not the Angels' $160 million offer);
* an amount counts only when every member holding it gives the same resolved times (none, or
  the same): "2,000 nurses hired in March 2021" is another fact than "2,000 nurses" to be
  hired now;
* all members of one language in the merged group have one polarity (a claim and its denial
  share their anchors: "reports that residents will be moved out on Thursday are not true");
* two claims of one article that share nothing (below ``SAME_ARTICLE_FLOOR``) stay apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from newstrace.link.claim_match import MatchText

Matrix = npt.NDArray[np.float32]
#: The mean cross-article score from which two groups sharing a specific anchor merge.
ANCHOR_FLOOR = 0.12
#: Two claims of one article below this score are different things (as in ``claims.py``).
SAME_ARTICLE_FLOOR = 0.05


def anchors_of(item: MatchText) -> frozenset[str]:
    """The specific anchors of a claim: resolved days and stated amounts (with its times)."""
    days = {f"day:{day}" for day in item.days}
    times = "|".join(sorted(item.times))
    amounts = {f"amount:{amount}@{times}" for amount in item.amounts}
    return frozenset(days | amounts)


def anchored_merge(
    scores: Matrix,
    owners: Sequence[int],
    labels: Sequence[int],
    items: Sequence[MatchText],
    floor: float = ANCHOR_FLOOR,
) -> list[int]:
    """Merge groups (``labels``) that share a specific anchor and score ``floor`` or more on
    average over their cross-article pairs; best pair of groups first, until none is left."""
    anchors = [anchors_of(item) for item in items]
    owner = np.asarray(owners)
    return merge_pairs(
        labels, lambda members: _best_pair(scores, owner, members, anchors, items, floor)
    )


def merge_pairs(
    labels: Sequence[int], best_pair: Callable[[dict[int, list[int]]], tuple[int, int] | None]
) -> list[int]:
    """Merge two groups at a time, the pair ``best_pair`` picks given each group's member
    indices, until it picks none; the merged group keeps the smaller label."""
    label = list(labels)
    while True:
        members: dict[int, list[int]] = {}
        for index, group in enumerate(label):
            members.setdefault(group, []).append(index)
        best = best_pair(members)
        if best is None:
            return label
        keep, drop = sorted(best)
        label = [keep if group == drop else group for group in label]


def _best_pair(
    scores: Matrix,
    owner: npt.NDArray[np.int_],
    members: dict[int, list[int]],
    anchors: Sequence[frozenset[str]],
    items: Sequence[MatchText],
    floor: float,
) -> tuple[int, int] | None:
    """The two groups with the highest mean cross score among those allowed to merge."""
    holders: dict[str, set[int]] = {}
    for group, indices in members.items():
        for index in indices:
            for anchor in anchors[index]:
                holders.setdefault(anchor, set()).add(group)
    best: tuple[float, int, int] | None = None
    candidates = {(a, b) for groups in holders.values() for a in groups for b in groups if a < b}
    for a, b in sorted(candidates):
        left, right = members[a], members[b]
        mean = _mergeable(scores, owner, left, right, anchors, items)
        if mean is not None and mean >= floor and (best is None or mean > best[0]):
            best = (mean, a, b)
    return None if best is None else (best[1], best[2])


def _mergeable(
    scores: Matrix,
    owner: npt.NDArray[np.int_],
    left: Sequence[int],
    right: Sequence[int],
    anchors: Sequence[frozenset[str]],
    items: Sequence[MatchText],
) -> float | None:
    """The mean cross-article score of two groups, or ``None`` when a guard forbids merging."""
    both = [*left, *right]
    if not one_polarity(items, both):
        return None
    held = set().union(*(anchors[i] for i in left)) & set().union(*(anchors[i] for i in right))
    if not _shared_anchor([anchors[i] & held for i in both], [int(owner[i]) for i in both]):
        return None
    return cross_mean(scores, owner, left, right)


def one_polarity(items: Sequence[MatchText], indices: Sequence[int]) -> bool:
    """Whether the claims at ``indices`` have one polarity per language (a claim and its
    denial share their words and anchors but must not share a group)."""
    return all(
        len({items[i].polarity for i in indices if items[i].language == lang}) <= 1
        for lang in {items[i].language for i in indices}
    )


def cross_mean(
    scores: Matrix, owner: npt.NDArray[np.int_], left: Sequence[int], right: Sequence[int]
) -> float | None:
    """The mean score of the cross-article pairs between two groups; ``None`` when there is
    no such pair, or when two claims of one article (one on each side) score below
    :data:`SAME_ARTICLE_FLOOR`."""
    block = scores[np.ix_(left, right)]
    cross = owner[left][:, None] != owner[right][None, :]
    if not cross.any():
        return None
    if (~cross).any() and float(block[~cross].min()) < SAME_ARTICLE_FLOOR:
        return None
    return float(block[cross].mean())


def amount_conflict(left: Sequence[MatchText], right: Sequence[MatchText]) -> bool:
    """Whether two sets of claims state one amount only with different owners: the value is
    held on both sides, but no owner (names of the amount's phrase, see
    :func:`newstrace.link.claim_match.amount_owners`) is shared ("the Angels' $160 million
    offer" / "the Nationals ($160 million)": two offers of one size)."""
    sides = [_owned_amounts(left), _owned_amounts(right)]
    return any(not (sides[0][value] & sides[1][value]) for value in sides[0].keys() & sides[1])


def _owned_amounts(items: Sequence[MatchText]) -> dict[str, set[str]]:
    """Each amount value held by ``items`` -> the owner strings it is held with."""
    out: dict[str, set[str]] = {}
    for item in items:
        for amount in item.amounts:
            value, _, owners = amount.partition("<")
            out.setdefault(value, set()).add(owners)
    return out


def _shared_anchor(anchors: Sequence[frozenset[str]], owners: Sequence[int]) -> bool:
    """Whether one anchor is held by at least one member of every article present."""
    per_article: dict[int, set[str]] = {}
    for held, article in zip(anchors, owners, strict=True):
        per_article.setdefault(article, set()).update(held)
    common = set.intersection(*per_article.values()) if per_article else set()
    return bool(common)
