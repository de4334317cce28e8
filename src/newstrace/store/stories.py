"""Persisting stories in the SQLite store (tables from ``migrations/0002_stories.sql``).

:class:`StoryStore` wraps a :class:`~newstrace.store.sqlite.Store`'s connection. It rebuilds a
:class:`~newstrace.link.stories.StoryClusterer` from the stored memberships (replaying each
article's compact evidence, without re-deciding anything), assigns newly stored articles to
stories, and writes every membership, story title and summary, and every change (new, join,
duplicate, move, merge) in one transaction per article.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from newstrace.errors import StoreError
from newstrace.link.embed import EmbeddingOptions
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.stories import Assignment, StoryChange, StoryClusterer, StoryOptions
from newstrace.model import Article, ArticleAnalysis
from newstrace.store.sqlite import Store

STORED_TERMS = 120


@dataclass(frozen=True, slots=True)
class StoredMember:
    """One article of a stored story, with why it is there."""

    article_id: str
    outlet: str | None
    title: str | None
    published: str | None
    score: float
    duplicate_of: str | None
    explanation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "article": self.article_id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "score": round(self.score, 4),
            "duplicate_of": self.duplicate_of,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A stored story: title, summary, date span and members (oldest first)."""

    id: str
    title: str
    summary: str
    first_date: str | None
    last_date: str | None
    members: tuple[StoredMember, ...]

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """Plain-data form for JSON (member explanations only with ``explain``)."""
        members = [m.to_dict() for m in self.members]
        if not explain:
            for member in members:
                member.pop("explanation")
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "articles": members,
        }


@dataclass(frozen=True, slots=True)
class StoryLogEntry:
    """One logged story change."""

    seq: int
    at: str
    kind: str
    story_id: str
    article_id: str | None
    other_story_id: str | None
    detail: str


class StoryStore:
    """Story persistence over an open :class:`Store` (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        options: StoryOptions | None = None,
        embedding: EmbeddingOptions | None = None,
    ) -> None:
        self.store = store
        self.options = options
        self.embedding = embedding
        self._clusterer: StoryClusterer | None = None

    @property
    def clusterer(self) -> StoryClusterer:
        """The clusterer, rebuilt from the stored memberships on first use."""
        if self._clusterer is None:
            self._clusterer = self._rebuild()
        return self._clusterer

    def assign(self, article: Article, analysis: ArticleAnalysis | None = None) -> Assignment:
        """Assign a stored article to a story and persist the outcome and every change.

        An article already assigned keeps its story (the call returns it unchanged).
        """
        evidence = article_evidence(article, analysis, self.embedding)
        return self.assign_evidence(evidence, title=article.title)

    def assign_evidence(self, evidence: ArticleEvidence, title: str | None = None) -> Assignment:
        """Assign a stored article, given its evidence, and persist what changed."""
        assignment = self.clusterer.add_evidence(evidence, title=title)
        if not assignment.changes:
            return assignment
        with self._transaction() as conn:
            _write_member(conn, self.clusterer, evidence, assignment)
            touched = {assignment.story_id}
            for change in assignment.changes:
                touched.add(self.clusterer.resolve(change.story_id))
                _apply_change(conn, change)
            for story_id in touched:
                _write_story(conn, self.clusterer, story_id)
        return assignment

    def assign_unassigned(self) -> list[Assignment]:
        """Assign every stored article that has no story yet, oldest first."""
        rows = self.store._read(
            "SELECT a.id FROM articles AS a LEFT JOIN story_members AS m ON m.article_id = a.id"
            " WHERE m.article_id IS NULL ORDER BY a.seq",
            (),
        )
        done: list[Assignment] = []
        for row in rows:
            article = self.store.get_article(str(row[0]))
            if article is not None:
                done.append(self.assign(article))
        return done

    def stories(self) -> list[StoredStory]:
        """Every current (not merged-away) story with its members, oldest first."""
        story_rows = self.store._read(
            "SELECT id, title, summary, first_date, last_date FROM stories"
            " WHERE merged_into IS NULL ORDER BY created_seq",
            (),
        )
        member_rows = self.store._read(
            "SELECT m.story_id, m.article_id, m.score, m.duplicate_of, m.explanation_json,"
            " a.outlet, a.title, a.published FROM story_members AS m"
            " JOIN articles AS a ON a.id = m.article_id ORDER BY m.seq",
            (),
        )
        members: dict[str, list[StoredMember]] = {}
        for row in member_rows:
            members.setdefault(str(row[0]), []).append(
                StoredMember(
                    article_id=str(row[1]),
                    outlet=row[5],
                    title=row[6],
                    published=row[7],
                    score=float(row[2]),
                    duplicate_of=row[3],
                    explanation=json.loads(row[4]),
                )
            )
        return [
            StoredStory(str(r[0]), str(r[1]), str(r[2]), r[3], r[4], tuple(members.get(r[0], [])))
            for r in story_rows
        ]

    def log(self, limit: int | None = None) -> list[StoryLogEntry]:
        """Story changes, newest first (all, or the ``limit`` most recent)."""
        sql = "SELECT seq, at, kind, story_id, article_id, other_story_id, detail FROM story_log"
        sql += " ORDER BY seq DESC" + (" LIMIT ?" if limit is not None else "")
        rows = self.store._read(sql, (limit,) if limit is not None else ())
        return [StoryLogEntry(*tuple(row)) for row in rows]

    def _rebuild(self) -> StoryClusterer:
        clusterer = StoryClusterer(self.options, embedding=self.embedding)
        rows = self.store._read(
            "SELECT m.article_id, m.story_id, m.score, m.duplicate_of, m.explanation_json,"
            " m.evidence_json, m.embedding, a.title FROM story_members AS m"
            " JOIN articles AS a ON a.id = m.article_id ORDER BY m.seq",
            (),
        )
        for row in rows:
            evidence = evidence_from_json(str(row[0]), json.loads(row[5]), row[6])
            clusterer.restore(
                evidence,
                str(row[1]),
                title=row[7],
                score=float(row[2]),
                duplicate_of=row[3],
                explanation=json.loads(row[4]),
            )
        for row in self.store._read(
            "SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL", ()
        ):
            clusterer.note_merge(str(row[0]), str(row[1]))
        return clusterer

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The store's write transaction; on failure the in-memory clusterer, which may be
        ahead of the database, is dropped and rebuilt on next use."""
        try:
            with self.store._transaction() as conn:
                yield conn
        except BaseException:
            self._clusterer = None
            raise


def evidence_to_json(evidence: ArticleEvidence) -> dict[str, Any]:
    """The compact, JSON-safe form of an article's evidence kept in ``story_members``."""
    top = sorted(evidence.terms.items(), key=lambda kv: -kv[1])[:STORED_TERMS]
    return {
        "language": evidence.language,
        "terms": {t: round(w, 5) for t, w in top},
        "entities": sorted(evidence.entities),
        "numbers": sorted(evidence.numbers),
        "years": sorted(evidence.years),
        "published": _iso(evidence.published),
        "inferred_date": _iso(evidence.inferred_date),
        "lead": evidence.lead,
        "lead_entities": sorted(evidence.lead_entities),
    }


def evidence_from_json(
    article_id: str, data: dict[str, Any], embedding: bytes | None = None
) -> ArticleEvidence:
    """Inverse of :func:`evidence_to_json` (plus the stored embedding bytes, if any)."""
    vector = np.frombuffer(embedding, dtype=np.float32).copy() if embedding else None
    return ArticleEvidence(
        article_id=article_id,
        language=str(data.get("language") or "en"),
        terms={str(t): float(w) for t, w in dict(data.get("terms") or {}).items()},
        entities=frozenset(data.get("entities") or ()),
        numbers=frozenset(data.get("numbers") or ()),
        years=frozenset(data.get("years") or ()),
        published=_date(data.get("published")),
        lead=str(data.get("lead") or ""),
        embedding=vector,
        lead_entities=frozenset(data.get("lead_entities") or ()),
        inferred_date=_date(data.get("inferred_date")),
    )


def _write_member(
    conn: sqlite3.Connection,
    clusterer: StoryClusterer,
    evidence: ArticleEvidence,
    assignment: Assignment,
) -> None:
    membership = clusterer.membership(assignment.article_id)
    if membership is None:  # pragma: no cover - the clusterer just added it
        raise StoreError(f"article {assignment.article_id} has no membership after assignment")
    story_id = membership.story_id
    if assignment.outcome == "new" or _missing_story(conn, story_id):
        _insert_story(conn, story_id, conn_seq=_next_member_seq(conn))
    vector = evidence.embedding
    conn.execute(
        "INSERT INTO story_members (article_id, story_id, score, duplicate_of, explanation_json,"
        " evidence_json, embedding, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            assignment.article_id,
            story_id,
            membership.score,
            membership.duplicate_of,
            _dumps(membership.explanation),
            _dumps(evidence_to_json(evidence)),
            None if vector is None else np.asarray(vector, dtype=np.float32).tobytes(),
            _now(),
        ),
    )


def _apply_change(conn: sqlite3.Connection, change: StoryChange) -> None:
    if change.kind == "move" and change.article_id is not None:
        if _missing_story(conn, change.story_id):
            _insert_story(conn, change.story_id, conn_seq=_next_member_seq(conn))
        conn.execute(
            "UPDATE story_members SET story_id = ? WHERE article_id = ?",
            (change.story_id, change.article_id),
        )
        _retire_if_empty(conn, str(change.other_story_id), change.story_id)
    elif change.kind == "merge" and change.other_story_id is not None:
        conn.execute(
            "UPDATE story_members SET story_id = ? WHERE story_id = ?",
            (change.story_id, change.other_story_id),
        )
        conn.execute(
            "UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ?",
            (change.story_id, _now(), change.other_story_id),
        )
    conn.execute(
        "INSERT INTO story_log (at, kind, story_id, article_id, other_story_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (_now(), change.kind, change.story_id, change.article_id, change.other_story_id,
         change.detail),
    )  # fmt: skip


def _retire_if_empty(conn: sqlite3.Connection, story_id: str, into: str) -> None:
    left = conn.execute("SELECT 1 FROM story_members WHERE story_id = ?", (story_id,)).fetchone()
    if left is None:
        conn.execute(
            "UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ?",
            (into, _now(), story_id),
        )


def _write_story(conn: sqlite3.Connection, clusterer: StoryClusterer, story_id: str) -> None:
    if not clusterer.has_story(story_id):
        return
    story = clusterer.story(story_id)
    conn.execute(
        "UPDATE stories SET title = ?, summary = ?, first_date = ?, last_date = ?,"
        " updated_at = ? WHERE id = ?",
        (story.title, story.summary, story.first_date, story.last_date, _now(), story.id),
    )


def _insert_story(conn: sqlite3.Connection, story_id: str, conn_seq: int) -> None:
    now = _now()
    conn.execute(
        "INSERT OR IGNORE INTO stories (id, created_seq, created_at, updated_at)"
        " VALUES (?, ?, ?, ?)",
        (story_id, conn_seq, now, now),
    )


def _missing_story(conn: sqlite3.Connection, story_id: str) -> bool:
    return conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None


def _next_member_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM story_members").fetchone()
    return int(row[0])


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None
