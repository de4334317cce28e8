"""Claim groups: claims from different articles of one story that say the same thing.

Every claim of every article is scored against every claim of the other articles with the
:class:`~newstrace.link.claim_match.ClaimMatcher`. Groups grow by average linkage: the
best-scoring cross-article pair is joined first, and two groups merge only while the mean score
over their cross-article pairs stays at or above the threshold, so one loose pair cannot chain
two different claims together. Claims of the same article are never compared directly (an
article does not corroborate itself); they meet only through a claim of another article, and
two claims of one article that share nothing at all (score below ``SAME_ARTICLE_FLOOR``) never
meet in one group. A claim (or group) joins another only when it is close to most of its
members, its own article's included: the mean over *all* pairs between the two, same-article
pairs too, must also reach the threshold. An article that restates its own claim (headline and
lede) scores high with itself, so a claim that matches one outlet's wording of a proposition
well but its own article's wording of it poorly is on another proposition (a purpose clause
shared with a compound claim: "hire 2,000 nurses for a new hospital in X" / "wards
closed to free staff for a new hospital in X"). A claim that matches nothing forms a
group of its own. Three later stages only join groups: on a shared specific anchor
(:mod:`newstrace.link._group_anchor`), on close centroids with a shared event word
(:mod:`newstrace.link._group_topic`) and, last, on a rare event named in two derived forms
("blockading" / "blockade", :mod:`newstrace.link._group_stem`).

Groups are numbered "g1", "g2"... in order of first appearance (article order, then position
in the article). The summary is the most central member's text, trimmed. Provenance fields
(``origins``, ``echoes``, ``independent_origins``, ``status``) stay at their defaults for the
provenance stage to fill.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newstrace.link._group_anchor import anchored_merge
from newstrace.link._group_stem import stem_merge
from newstrace.link._group_topic import topic_merge
from newstrace.link.claim_match import (
    ClaimMatcher,
    MatchOptions,
    MatchText,
    claim_match_text,
)
from newstrace.model import Article, ArticleAnalysis, ClaimGroup, ClaimRef, Span

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
    refs, owners, texts = story_claims(items)
    if not refs:
        return ()
    engine = matcher or ClaimMatcher(options.match)
    scores = engine.pairwise(texts)
    labels = stage_labels(texts, owners, scores, engine)[-1]
    return _groups(refs, labels, scores)


def stage_labels(
    texts: Sequence[MatchText], owners: Sequence[int], scores: Matrix, engine: ClaimMatcher
) -> list[list[int]]:
    """The group label of every claim after each grouping stage, in order: average-link
    clustering, the anchored merge, the topic merge and the stem merge (the last is what
    :func:`group_claims` returns; the benchmark reports each stage)."""
    first = cluster(_without_denials(scores, texts), owners, engine.options.threshold)
    second = anchored_merge(scores, owners, first, texts)
    vectors = engine.embed([text.core or text.text for text in texts])
    third = topic_merge(vectors, scores, owners, second, texts)
    return [first, second, third, stem_merge(scores, owners, third, texts)]


def _without_denials(scores: Matrix, texts: Sequence[MatchText]) -> Matrix:
    """``scores`` with pairs of opposite polarity at 0: a claim and its denial share words
    ("will be moved out" / "no date had been set for moving residents out") but are two
    claims, set against each other by the discrepancy stage rather than grouped. Only within
    one language: negations of two languages do not line up («не выдержать» is "fail")."""
    polarity = np.asarray([text.polarity for text in texts])
    language = np.asarray([text.language for text in texts])
    opposite = (polarity[:, None] != polarity[None, :]) & (language[:, None] == language[None, :])
    out: Matrix = np.where(opposite, 0.0, scores).astype(np.float32)
    return out


def story_claims(
    items: Sequence[tuple[Article, ArticleAnalysis]],
) -> tuple[list[ClaimRef], list[int], list[MatchText]]:
    """Every claim of the story's articles: its reference, its article's position in
    ``items`` and what the matcher sees of it (see :func:`claim_match_text`)."""
    refs: list[ClaimRef] = []
    owners: list[int] = []
    texts: list[MatchText] = []
    for position, (article, analysis) in enumerate(items):
        language = analysis.language or article.language or "en"
        by_sentence: dict[tuple[int, int], list[Span]] = {}
        for claim in analysis.claims:
            key = (claim.sentence.start, claim.sentence.end)
            by_sentence.setdefault(key, []).append(claim.content)
        for claim in analysis.claims:
            refs.append(ClaimRef(article_id=article.id, claim=claim, outlet=article.outlet))
            owners.append(position)
            shared = by_sentence[(claim.sentence.start, claim.sentence.end)]
            siblings = [span for span in shared if span != claim.content]
            sentence = claim.sentence
            context = [d for d in analysis.dates if sentence.start <= d.span.start < sentence.end]
            texts.append(
                claim_match_text(
                    claim,
                    language,
                    siblings=siblings,
                    context_dates=context,
                    published=(article.published or "")[:10] or None,
                )
            )
    return refs, owners, texts


def cluster(scores: Matrix, owners: Sequence[int], threshold: float) -> list[int]:
    """Average-linkage clusters over cross-owner pairs; a cluster label for every item.

    ``scores`` is a symmetric same-claim matrix; ``owners[i]`` is the article of item ``i``.
    Two clusters merge when their cross-owner pairs average at least ``threshold`` and so do
    all their pairs (same-owner pairs count in that second mean: a claim must be close to most
    members, its own article's wording included); a same-owner pair that shares nothing at
    all (below ``SAME_ARTICLE_FLOOR``) vetoes a merge.
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
        if float(block.mean()) < threshold:
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
    return trim(tidy(members[best].claim.text))


#: complementisers that open a reported clause ("said that ...") and mean nothing alone
LEADING_COMPLEMENTISERS = ("that", "что")


def tidy(text: str) -> str:
    """A claim's text as a stand-alone line: a leading complementiser ("that engineers
    found ...") is dropped and the first letter raised; a quotation's closing comma
    ('"... for us,"') becomes the closing mark alone."""
    text = " ".join(text.split())
    first, _, rest = text.partition(" ")
    if rest and first in LEADING_COMPLEMENTISERS:  # "That is ..." opens a sentence
        text = rest
    text = re.sub(r"[,;:]+([”\"»’]+)$", r"\1", text)
    return text[:1].upper() + text[1:]


def trim(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Collapse whitespace and cut at a word boundary, marking the cut with "…"."""
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
