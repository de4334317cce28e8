"""Claim groups: claims from different articles of one story that say the same thing.

Every claim of every article is scored against every claim of the other articles with the
:class:`~newstrace.link.claim_match.ClaimMatcher`. Groups grow by average linkage: the
best-scoring cross-article pair is joined first, and two groups merge only while the mean score
over their cross-article pairs stays at or above the threshold, so one loose pair cannot chain
two different claims together. Claims of the same article are never compared directly (an
article does not corroborate itself); they meet only through a claim of another article, and
two claims of one article that share nothing at all (score below ``SAME_ARTICLE_FLOOR``) never
meet in one group. A claim that matches nothing forms a group of its own.

Groups are numbered "g1", "g2"... in order of first appearance (article order, then position
in the article). The summary is the most central member's text, trimmed. Provenance fields
(``origins``, ``echoes``, ``independent_origins``, ``status``) stay at their defaults for the
provenance stage to fill.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newstrace.link.claim_match import ClaimMatcher, MatchOptions, claim_match_text
from newstrace.model import Article, ArticleAnalysis, ClaimGroup, ClaimRef

SUMMARY_CHARS = 160
#: Two claims of one article that share nothing at all (score below this) are two different
#: things the article says, so no group takes both.
SAME_ARTICLE_FLOOR = 0.05
Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """How claims are grouped: the matcher's options (encoder, threshold)."""

    match: MatchOptions = field(default_factory=MatchOptions)


def group_claims(
    items: Sequence[tuple[Article, ArticleAnalysis]],
    *,
    options: ClaimOptions = ClaimOptions(),
    matcher: ClaimMatcher | None = None,
) -> tuple[ClaimGroup, ...]:
    """Group the claims of one story's articles that say the same thing.

    ``matcher`` replaces the matcher built from ``options`` (tests pass one with a cheap
    encoder). Returns every claim in exactly one group, groups in order of first appearance.
    """
    refs: list[ClaimRef] = []
    owners: list[int] = []
    texts = []
    for position, (article, analysis) in enumerate(items):
        language = analysis.language or article.language or "en"
        for claim in analysis.claims:
            refs.append(ClaimRef(article_id=article.id, claim=claim, outlet=article.outlet))
            owners.append(position)
            texts.append(claim_match_text(claim, language))
    if not refs:
        return ()
    engine = matcher or ClaimMatcher(options.match)
    scores = engine.pairwise(texts)
    labels = cluster(scores, owners, engine.options.threshold)
    return _groups(refs, labels, scores)


def cluster(scores: Matrix, owners: Sequence[int], threshold: float) -> list[int]:
    """Average-linkage clusters over cross-owner pairs; a cluster label for every item.

    ``scores`` is a symmetric same-claim matrix; ``owners[i]`` is the article of item ``i``.
    Pairs with the same owner carry no evidence for a merge; only a pair that shares nothing
    at all (below ``SAME_ARTICLE_FLOOR``) vetoes one.
    """
    n = len(owners)
    owner = np.asarray(owners)
    cross = owner[:, None] != owner[None, :]
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    label = list(range(n))
    rows, cols = np.nonzero(np.triu(cross & (scores >= threshold), k=1))
    order = np.argsort(-scores[rows, cols], kind="stable")
    for k in order:
        a, b = label[int(rows[k])], label[int(cols[k])]
        if a == b:
            continue
        left, right = members[a], members[b]
        block = scores[np.ix_(left, right)]
        mask = cross[np.ix_(left, right)]
        if not mask.any() or float(block[mask].mean()) < threshold:
            continue
        if (~mask).any() and float(block[~mask].min()) < SAME_ARTICLE_FLOOR:
            continue
        keep, drop = (a, b) if a < b else (b, a)
        members[keep] = sorted(members[keep] + members.pop(drop))
        for item in members[keep]:
            label[item] = keep
    return label


def _groups(
    refs: Sequence[ClaimRef], labels: Sequence[int], scores: Matrix
) -> tuple[ClaimGroup, ...]:
    order: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        order.setdefault(label, []).append(index)
    groups = []
    for number, indices in enumerate(order.values(), start=1):
        groups.append(
            ClaimGroup(
                id=f"g{number}",
                summary=summary_of([refs[i] for i in indices], scores[np.ix_(indices, indices)]),
                members=tuple(refs[i] for i in indices),
            )
        )
    return tuple(groups)


def summary_of(members: Sequence[ClaimRef], scores: Matrix) -> str:
    """The most central member's claim text (highest total score to the others), trimmed."""
    if len(members) == 1:
        best = 0
    else:
        lengths = np.asarray([len(m.claim.text.split()) for m in members], dtype=np.float32)
        centrality = scores.sum(axis=1) + 0.01 * np.minimum(lengths, 25)
        best = int(np.argmax(centrality))
    return trim(members[best].claim.text)


def trim(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Collapse whitespace and cut at a word boundary, marking the cut with "…"."""
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
