"""Incremental story clustering: each arriving article joins a story or starts one, at once.

:class:`StoryClusterer` keeps every story as running sums (see ``_story_state``) and finds the
stories an article might belong to through an inverted index of rare keys
(:mod:`newstrace.link.index`), so one insert costs about the same with a thousand or a hundred
thousand stored articles. An article joins the best-fitting candidate story when its fit
(terms against the story centroid and its closest member, shared entities and numbers, minus
a contrast between the story's core entities and the article's lead entities and a penalty
for a date far outside the story's span, optionally blended with an embedding cosine) reaches
``StoryOptions.threshold``; otherwise it starts a new story.

After each insert the affected stories are refined locally: two stories that the new article
bridges merge when they are close enough, and a member that now fits another candidate story
better than its own moves there. Story ids never change: a story is named after its first
article, a merged story keeps the id of the older one, and every change is returned as a
:class:`StoryChange` so callers (the store) can log it. A near-identical copy of a member (wire
copy) joins that member's story marked ``duplicate_of`` it, and adds nothing to the sums.
"""

from __future__ import annotations

import math
import sys
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from newstrace.link._story_state import (
    Fit,
    Member,
    StoryOptions,
    StoryState,
    detailed,
    fit,
    lead_shingles,
    shingle_overlap,
)
from newstrace.link._story_state import story_similarity as _story_similarity
from newstrace.link._story_text import story_summary, story_title
from newstrace.link.embed import EmbeddingOptions
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.index import CandidateIndex, IndexOptions, article_keys
from newstrace.model import Article, ArticleAnalysis

__all__ = [
    "Assignment",
    "Membership",
    "Story",
    "StoryChange",
    "StoryClusterer",
    "StoryOptions",
]

ChangeKind = Literal["new", "join", "duplicate", "move", "merge"]
Outcome = Literal["new", "joined", "duplicate"]
EXEMPLAR_TERMS = 60
REFINE_STORIES = 3


@dataclass(frozen=True, slots=True)
class StoryChange:
    """One logged change: an article started, joined or moved between stories; or a merge."""

    kind: ChangeKind
    story_id: str
    article_id: str | None = None
    other_story_id: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "kind": self.kind,
            "story": self.story_id,
            "article": self.article_id,
            "other_story": self.other_story_id,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Membership:
    """Why an article is in its story: its fit score and the evidence behind it."""

    article_id: str
    story_id: str
    score: float
    duplicate_of: str | None
    explanation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "article": self.article_id,
            "story": self.story_id,
            "score": round(self.score, 4),
            "duplicate_of": self.duplicate_of,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Assignment:
    """What one insert did: the article's story, how it got there, and every change made."""

    article_id: str
    story_id: str
    outcome: Outcome
    score: float
    duplicate_of: str | None
    changes: tuple[StoryChange, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """The articles about one event, with a title and an extractive summary."""

    id: str
    title: str
    summary: str
    article_ids: tuple[str, ...]
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "articles": list(self.article_ids),
            "first_date": self.first_date,
            "last_date": self.last_date,
        }


def story_id_for(article_id: str) -> str:
    """The id of a story started by ``article_id`` (stable: derived from the article)."""
    return f"st-{article_id}"


class StoryClusterer:
    """Assigns arriving articles to stories incrementally (see the module docstring)."""

    def __init__(
        self,
        options: StoryOptions | None = None,
        *,
        index: IndexOptions | None = None,
        embedding: EmbeddingOptions | None = None,
    ) -> None:
        self.options = options or StoryOptions()
        self.embedding = embedding
        self._index = CandidateIndex(index)
        self._stories: dict[str, StoryState] = {}
        self._merged: dict[str, str] = {}
        self._number_story: list[str] = []
        self._members: dict[str, Membership] = {}
        self._recency: OrderedDict[str, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._number_story)

    # --- inserting -------------------------------------------------------------------------

    def add(self, article: Article, analysis: ArticleAnalysis | None = None) -> Assignment:
        """Compute an article's evidence and assign it to a story."""
        evidence = article_evidence(article, analysis, self.embedding)
        return self.add_evidence(evidence, title=article.title)

    def add_evidence(self, evidence: ArticleEvidence, title: str | None = None) -> Assignment:
        """Assign an article, given its evidence, to a story; returns what changed."""
        if evidence.article_id in self._members:
            known = self._members[evidence.article_id]
            return Assignment(
                known.article_id, self.resolve(known.story_id), "joined", known.score,
                known.duplicate_of, (),
            )  # fmt: skip
        number = len(self._number_story)
        keys = article_keys(evidence, self._index.options)
        evidence = _trim(evidence, self.options.term_cap)
        fits = [] if evidence.is_empty else self._candidate_fits(evidence, keys)
        best = fits[0] if fits and fits[0][0].score >= self._threshold(fits[0][0]) else None
        shingles = lead_shingles(evidence.lead)
        member = Member(number, evidence.article_id, evidence, title, shingles=shingles)
        if best is None:
            story = StoryState(story_id_for(evidence.article_id), number)
            self._stories[story.id] = story
            member.score = 1.0
            change = StoryChange("new", story.id, evidence.article_id)
            outcome: Outcome = "new"
        else:
            match, story = best
            match = detailed(match, evidence, story)
            best = (match, story)
            member.score = match.score
            member.duplicate_of = self._duplicate_of(shingles, story)
            outcome = "duplicate" if member.duplicate_of else "joined"
            kind: ChangeKind = "duplicate" if member.duplicate_of else "join"
            change = StoryChange(kind, story.id, evidence.article_id, detail=_fit_detail(match))
        self._place(member, story, best[0] if best else None)
        if member.duplicate_of is None and not evidence.is_empty:
            self._index.add(number, keys)
        changes = [change]
        self._compact_stale(number)
        if self.options.refine and best is not None and member.duplicate_of is None:
            others = [s for f, s in fits[1:] if s.id != story.id]
            changes += self._refine(story, others, fits)
        final = self.resolve(story.id)
        return Assignment(
            evidence.article_id, final, outcome, member.score, member.duplicate_of,
            tuple(changes),
        )  # fmt: skip

    def restore(
        self,
        evidence: ArticleEvidence,
        story_id: str,
        *,
        title: str | None = None,
        score: float = 1.0,
        duplicate_of: str | None = None,
        explanation: dict[str, Any] | None = None,
    ) -> None:
        """Replay a stored membership without re-deciding it (rebuilding state from a store)."""
        if evidence.article_id in self._members:
            return
        number = len(self._number_story)
        story = self._stories.get(self.resolve(story_id))
        if story is None:
            story = self._stories[story_id] = StoryState(story_id, number)
        trimmed = _trim(evidence, self.options.term_cap)
        shingles = lead_shingles(evidence.lead)
        member = Member(number, evidence.article_id, trimmed, title, score, duplicate_of, shingles)
        self._place(member, story, None, explanation)
        if duplicate_of is None and not evidence.is_empty:
            self._index.add(number, article_keys(evidence, self._index.options))

    def note_merge(self, old_story_id: str, into_story_id: str) -> None:
        """Replay a stored merge: ``old_story_id`` now resolves to ``into_story_id``."""
        if old_story_id != into_story_id:
            self._merged[old_story_id] = into_story_id

    # --- reading ---------------------------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following merges."""
        seen = 0
        while story_id in self._merged and seen < 1000:
            story_id = self._merged[story_id]
            seen += 1
        return story_id

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to, or ``None`` for an unknown article."""
        known = self._members.get(article_id)
        return self.resolve(known.story_id) if known else None

    def membership(self, article_id: str) -> Membership | None:
        """An article's membership with its explanation, or ``None`` for an unknown article."""
        known = self._members.get(article_id)
        if known is None:
            return None
        return replace(known, story_id=self.resolve(known.story_id))

    def stories(self) -> list[Story]:
        """Every current story, oldest first, with its title and summary."""
        return [self.story(s.id) for s in sorted(self._stories.values(), key=lambda s: s.created)]

    def story(self, story_id: str) -> Story:
        """One story by id (a merged-away id gives the story it merged into)."""
        state = self._stories[self.resolve(story_id)]
        return Story(
            id=state.id,
            title=story_title(state),
            summary=story_summary(state),
            article_ids=tuple(state.article_ids),
            first_date=_iso(state.first_date),
            last_date=_iso(state.last_date),
        )

    def has_story(self, story_id: str) -> bool:
        """True when ``story_id`` is a current story (not merged away, not emptied)."""
        return story_id in self._stories

    def story_ids(self) -> list[str]:
        """Ids of the current stories, oldest first."""
        return [s.id for s in sorted(self._stories.values(), key=lambda s: s.created)]

    # --- internals -------------------------------------------------------------------------

    def _candidate_fits(
        self, evidence: ArticleEvidence, keys: dict[str, float]
    ) -> list[tuple[Fit, StoryState]]:
        seen: dict[str, StoryState] = {}
        hits = self._index.query(keys)
        for number, _ in hits:
            story_id = self.resolve(self._number_story[number])
            state = self._stories.get(story_id)
            if state is not None and story_id not in seen:
                seen[story_id] = state
                if len(seen) == self.options.max_candidate_stories:
                    break
        near = frozenset(n for n, _ in hits)
        fits = [(fit(evidence, s, self.options, near), s) for s in seen.values()]
        fits.sort(key=lambda fs: (-fs[0].score, fs[1].created))
        return fits

    def _duplicate_of(self, shingles: tuple[int, ...], story: StoryState) -> str | None:
        """The kept member this article is a near-identical copy of, if any."""
        best, original = 0.0, None
        for member in story.exemplars:
            overlap = shingle_overlap(shingles, member.shingles)
            if overlap > best:
                best, original = overlap, member.article_id
        if original is None or best < self.options.duplicate_threshold:
            return None
        known = self._members.get(original)
        if known is not None and known.duplicate_of is not None:
            return known.duplicate_of
        return original

    def _place(
        self,
        member: Member,
        story: StoryState,
        match: Fit | None,
        explanation: dict[str, Any] | None = None,
    ) -> None:
        story.absorb(member, self.options)
        self._recency[story.id] = None
        self._recency.move_to_end(story.id)
        if member.number == len(self._number_story):
            self._number_story.append(story.id)
        else:
            self._number_story[member.number] = story.id
        reasons = explanation if explanation is not None else _explain(match)
        self._members[member.article_id] = Membership(
            member.article_id, story.id, member.score, member.duplicate_of, reasons
        )

    def _refine(
        self,
        story: StoryState,
        others: list[StoryState],
        fits: list[tuple[Fit, StoryState]],
    ) -> list[StoryChange]:
        """Merge bridged stories and move members that now fit another story better."""
        changes: list[StoryChange] = []
        bridged = {s.id for f, s in fits if f.score >= self._threshold(f)}
        for other in others[:REFINE_STORIES]:
            if other.id not in self._stories or other.id == story.id or other.id not in bridged:
                continue
            survivor = self._stories[self.resolve(story.id)]
            similarity = _story_similarity(survivor, other)
            if other.id in bridged and similarity >= self.options.merge_threshold:
                changes.append(self._merge(survivor, other, similarity))
                continue
            changes += self._moves(other, survivor)
            if other.id in self._stories:
                changes += self._moves(survivor, other)
        return changes

    def _threshold(self, match: Fit) -> float:
        """The joining threshold for a fit's scale (a blend with embeddings runs higher)."""
        if match.embedding is None:
            return self.options.threshold
        return self.options.embedding_threshold

    def _compact_stale(self, number: int) -> None:
        """Compact stories that received nothing in the last ``stale_after`` inserts."""
        limit = number - self.options.stale_after
        while self._recency:
            story_id = next(iter(self._recency))
            story = self._stories.get(story_id)
            if story is not None and story.updated >= limit:
                break
            self._recency.popitem(last=False)
            if story is not None:
                story.compact(self.options)

    def _merge(self, a: StoryState, b: StoryState, similarity: float) -> StoryChange:
        keep, drop = (a, b) if a.created <= b.created else (b, a)
        keep.take_over(drop, self.options)
        del self._stories[drop.id]
        self._merged[drop.id] = keep.id
        return StoryChange(
            "merge",
            keep.id,
            None,
            drop.id,
            f"bridged by a new article; similarity {similarity:.2f}",
        )

    def _moves(self, source: StoryState, target: StoryState) -> list[StoryChange]:
        changes: list[StoryChange] = []
        if source.counted > self.options.movable_story_size:
            return changes
        for member in list(source.exemplars):
            if source.id not in self._stories:
                break
            source.release(member, keep_listed=True)
            stay = fit(member.evidence, source, self.options).score if source.counted else 0.0
            there = detailed(fit(member.evidence, target, self.options), member.evidence, target)
            margin = self.options.move_margin
            if there.score < self._threshold(there) + margin or there.score <= stay + margin:
                source.absorb(member, self.options, listed=True)
                continue
            source.article_ids.remove(member.article_id)
            member.score = there.score
            self._place(member, target, there)
            changes.append(
                StoryChange("move", target.id, member.article_id, source.id, _fit_detail(there))
            )
            if not source.article_ids:
                del self._stories[source.id]
                self._merged[source.id] = target.id
        return changes


def _trim(evidence: ArticleEvidence, cap: float) -> ArticleEvidence:
    """Evidence as the clusterer uses it: the strongest terms only (bounded memory), no term
    carrying more than ``cap`` of the unit vector (one repeated name must not make a story)."""
    top = sorted(evidence.terms.items(), key=lambda kv: -kv[1])[:EXEMPLAR_TERMS]
    clipped = {sys.intern(t): min(w, cap) for t, w in top}
    norm = math.sqrt(sum(w * w for w in clipped.values())) or 1.0
    return replace(evidence, terms={t: w / norm for t, w in clipped.items()})


def _explain(match: Fit | None) -> dict[str, Any]:
    if match is None:
        return {"started_story": True}
    return {
        "similarity": round(match.score, 4),
        "centroid_cosine": round(match.centroid, 4),
        "closest_member": match.best_member,
        "closest_member_cosine": round(match.best, 4),
        "entity_overlap": round(match.entities, 4),
        "number_overlap": round(match.numbers, 4),
        "contrast": round(match.contrast, 4),
        "time_gap_days": match.time_gap_days,
        "embedding_cosine": None if match.embedding is None else round(match.embedding, 4),
        "shared_entities": list(match.shared_entities),
        "shared_numbers": list(match.shared_numbers),
        "shared_terms": list(match.shared_terms),
    }


def _fit_detail(match: Fit) -> str:
    parts = [f"similarity {match.score:.2f}"]
    if match.shared_entities:
        parts.append("entities " + ", ".join(match.shared_entities[:4]))
    if match.shared_numbers:
        parts.append("numbers " + ", ".join(match.shared_numbers[:4]))
    return "; ".join(parts)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def cluster(articles: Iterable[Article], options: StoryOptions | None = None) -> list[Assignment]:
    """Assign each article in turn (a convenience over :class:`StoryClusterer`)."""
    clusterer = StoryClusterer(options)
    return [clusterer.add(article) for article in articles]
