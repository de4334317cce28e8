"""Revisions: what changed in an article and when, and which claims a note changes.

Two sources of change are joined:

- **Versions.** Several texts of one article (the same URL, or linked by ``version_of``) are
  put in time order (``updated``, else ``published``, else input order) and each is diffed
  against the one before at sentence level with :mod:`difflib`: sentences added, removed, or
  changed (a replaced sentence is paired with the one it replaced).
- **Editorial notes.** A correction or update note (``Article.notes``) is linked to the claims
  it changes: the claims whose sentence (and speaker) shares the most content words with the
  note's new wording (for a correction that gives one) or with the note's text, at least
  :data:`MIN_SHARED_STEMS` of them.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newstrace.analyze.sentences import split_sentences
from newstrace.link._tension import stems
from newstrace.model import Article, ArticleAnalysis, EditorialNote, parse_iso_date

#: A note is linked to a claim that shares at least this many content stems with it.
MIN_SHARED_STEMS = 2

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class SentenceChange:
    """One sentence added, removed or changed between two versions."""

    kind: ChangeKind
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {"kind": self.kind, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Revision:
    """How one version of an article differs from the version before it."""

    article_id: str
    previous_id: str
    url: str | None
    outlet: str | None
    when: str | None
    changes: tuple[SentenceChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (an entry of a story's ``notes``)."""
        return {
            "type": "revision",
            "article_id": self.article_id,
            "previous_id": self.previous_id,
            "url": self.url,
            "outlet": self.outlet,
            "when": self.when,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class NoteLink:
    """An editorial note and the claims of its article that it changes."""

    article_id: str
    outlet: str | None
    when: str | None
    note: EditorialNote
    claim_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (an entry of a story's ``notes``)."""
        return {
            "type": self.note.kind,
            "article_id": self.article_id,
            "outlet": self.outlet,
            "when": self.when,
            "text": self.note.text,
            "old": self.note.old,
            "new": self.note.new,
            "claim_ids": list(self.claim_ids),
        }


def _sentences(article: Article) -> list[str]:
    language = (article.language or "en").split("-")[0].lower()
    return [" ".join(s.text.split()) for s in split_sentences(article.text, language=language)]


def _time_key(article: Article, position: int) -> tuple[str, int]:
    stamp = article.updated or article.published or ""
    return stamp, position


def diff_pair(old: Article, new: Article) -> tuple[SentenceChange, ...]:
    """Sentence-level differences from ``old`` to ``new``."""
    before, after = _sentences(old), _sentences(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    changes: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = before[i1:i2], after[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        changes.extend(SentenceChange("changed", removed[k], added[k]) for k in range(paired))
        changes.extend(SentenceChange("removed", s, None) for s in removed[paired:])
        changes.extend(SentenceChange("added", None, s) for s in added[paired:])
    return tuple(changes)


def diff_versions(versions: Sequence[Article]) -> tuple[Revision, ...]:
    """Diff each version of one article against the one before it, in time order.

    Versions with identical text add no revision.
    """
    ordered = [a for _, a in sorted((_time_key(a, i), a) for i, a in enumerate(versions))]
    revisions: list[Revision] = []
    for previous, current in itertools.pairwise(ordered):
        if previous.text == current.text:
            continue
        revisions.append(
            Revision(
                article_id=current.id,
                previous_id=previous.id,
                url=current.url or previous.url,
                outlet=current.outlet or previous.outlet,
                when=current.updated or current.published,
                changes=diff_pair(previous, current),
            )
        )
    return tuple(revisions)


def group_versions(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Articles keyed by what makes them versions of one article: ``version_of``, else URL.

    Only keys with two or more articles are returned.
    """
    by_key: dict[str, list[Article]] = {}
    for article in articles:
        key = article.version_of or article.canonical_url or article.url
        if key is not None:
            by_key.setdefault(key, []).append(article)
    return {key: found for key, found in by_key.items() if len(found) >= 2}


def link_note(note: EditorialNote, analysis: ArticleAnalysis) -> tuple[str, ...]:
    """The ids of the claims a note changes (the best-sharing claims, ties kept)."""
    wanted = stems(note.new or note.text)
    scored: list[tuple[int, str]] = []
    for claim in analysis.claims:
        if note.span is not None and note.span.start <= claim.sentence.start < note.span.end:
            continue
        speaker = claim.attribution.speaker
        bag = stems(claim.sentence.text)
        if speaker.span is not None:
            bag |= stems(speaker.span.text)
        scored.append((len(wanted & bag), claim.id))
    best = max((score for score, _ in scored), default=0)
    if best < MIN_SHARED_STEMS:
        return ()
    return tuple(cid for score, cid in scored if score == best)


def link_notes(article: Article, analysis: ArticleAnalysis) -> tuple[NoteLink, ...]:
    """Every editorial note of an article with the claims it changes."""
    return tuple(
        NoteLink(
            article_id=article.id,
            outlet=article.outlet,
            when=article.updated or article.published,
            note=note,
            claim_ids=link_note(note, analysis),
        )
        for note in article.notes
    )


def same_url_versions(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Articles sharing one URL (normalised: scheme and host case, trailing slash, fragment),
    as versions of one article: what a one-shot analysis of several saved copies of a page
    has to diff. URLs held by one article only are left out."""
    from newstrace.ingest.meta import normalise_url

    by_url: dict[str, list[Article]] = {}
    for article in articles:
        if article.url:
            by_url.setdefault(normalise_url(article.url), []).append(article)
    return {url: found for url, found in by_url.items() if len(found) > 1}


def story_changes(
    items: Sequence[tuple[Article, ArticleAnalysis]],
    versions: Mapping[str, Sequence[Article]] | None = None,
) -> tuple[NoteLink | Revision, ...]:
    """What changed in a story and when: its notes and its articles' revisions, by time.

    ``versions`` maps a key (a URL, or an article id) to the known versions of one article.
    """
    found: list[NoteLink | Revision] = []
    for article, analysis in items:
        found.extend(link_notes(article, analysis))
    for group in (versions or {}).values():
        found.extend(diff_versions(group))
    return tuple(sorted(found, key=lambda c: (_sort_when(c.when), c.article_id)))


def _sort_when(when: str | None) -> str:
    day = parse_iso_date(when)
    return when if day is not None and when is not None else "9999"
