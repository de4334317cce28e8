"""Claim retrieval scored on CLEF 2020 CheckThat! Task 2 (tweet -> the verified claims it matches).

Inputs are the task's files: verified claims (TSV with a header; id, ``vclaim``, ``title``),
queries (TSV with a header; id, tweet text) and, optionally, qrels (TREC: ``qid 0 claim_id 1``).
Each verified claim is matched as its claim text followed by its title; each tweet loses its
links, embed signature and hashtag/handle markup first. The known claims are ranked for every
query with :meth:`~newstrace.link.claim_match.ClaimMatcher.rank` (BM25 fused with embedding
cosine), written as a TREC run (``qid Q0 claim_id rank score newstrace``) and, with qrels,
scored by MAP@5 as in the task.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newstrace.errors import InputError
from newstrace.link.claim_match import ClaimMatcher, MatchOptions, Ranked
from newstrace.link.lexical import strip_social_markup

RUN_TAG = "newstrace"
DEPTH = 5
CLEF_OPTIONS = MatchOptions(embedding="e5", lexical_weight=0.2, rerank_top=30)


@dataclass(frozen=True, slots=True)
class VerifiedClaim:
    """One known (fact-checked) claim: its id, statement and article title."""

    id: str
    claim: str
    title: str = ""

    @property
    def text(self) -> str:
        """What the matcher sees: the statement, then the title."""
        return f"{self.claim} {self.title}".strip()


@dataclass(frozen=True, slots=True)
class ClefReport:
    """The outcome of one run: queries ranked, MAP@5 (when qrels were given), time taken."""

    queries: int
    claims: int
    map_at_5: float | None
    seconds: float

    def summary(self) -> str:
        """One line for the terminal."""
        score = "n/a (no qrels)" if self.map_at_5 is None else f"{self.map_at_5:.4f}"
        return (
            f"CLEF 2020 task 2: {self.queries} queries against {self.claims} verified claims, "
            f"MAP@5 {score} ({self.seconds:.1f} s)"
        )


def _rows(path: Path, columns: int) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read ({error})") from error
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) < columns:
            raise InputError(f"{path}:{number}", f"expected {columns} tab-separated columns")
    return body


def read_claims(path: Path) -> list[VerifiedClaim]:
    """Verified claims from the task's TSV (header row, then id, vclaim, title)."""
    return [VerifiedClaim(r[0], r[1], r[2] if len(r) > 2 else "") for r in _rows(path, 2)]


def read_queries(path: Path) -> list[tuple[str, str]]:
    """``(query id, tweet text)`` pairs from the task's TSV (header row first)."""
    return [(r[0], r[1]) for r in _rows(path, 2)]


def read_qrels(path: Path) -> dict[str, set[str]]:
    """Relevant claim ids per query from a TREC qrels file (``qid 0 claim_id relevance``)."""
    qrels: dict[str, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise InputError(f"{path}:{number}", "expected 'qid 0 claim_id relevance'")
        if fields[3].lstrip("-").isdigit() and int(fields[3]) > 0:
            qrels.setdefault(fields[0], set()).add(fields[2])
    return qrels


def average_precision(ranked: Sequence[str], relevant: set[str], k: int = DEPTH) -> float:
    """Average precision of the top ``k`` (normalised by ``min(len(relevant), k)``)."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for position, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / position
    return total / min(len(relevant), k)


def map_at_k(
    runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]], k: int = DEPTH
) -> float:
    """Mean average precision at ``k`` over the queries that have qrels."""
    if not qrels:
        return 0.0
    return sum(average_precision(runs.get(q, ()), rel, k) for q, rel in qrels.items()) / len(qrels)


def rank_claims(
    claims: Sequence[VerifiedClaim],
    queries: Sequence[tuple[str, str]],
    matcher: ClaimMatcher,
    depth: int = DEPTH,
) -> dict[str, list[tuple[str, float]]]:
    """The top ``depth`` claim ids (with scores) for each query id."""
    texts = [strip_social_markup(text) for _, text in queries]
    ranked: list[list[Ranked]] = matcher.rank(texts, [c.text for c in claims], top=depth)
    return {
        qid: [(claims[r.index].id, r.score) for r in row]
        for (qid, _), row in zip(queries, ranked, strict=True)
    }


def write_run(path: Path, runs: Mapping[str, Sequence[tuple[str, float]]]) -> None:
    """Write a TREC run: ``qid Q0 claim_id rank score newstrace``."""
    lines = [
        f"{qid} Q0 {claim_id} {rank} {score:.6f} {RUN_TAG}"
        for qid, row in runs.items()
        for rank, (claim_id, score) in enumerate(row, start=1)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def run_clef_eval(
    claims_path: Path,
    queries_path: Path,
    run_out: Path,
    qrels_path: Path | None = None,
    *,
    matcher: ClaimMatcher | None = None,
) -> ClefReport:
    """Rank, write the run and (with qrels) score it; the ``newstrace eval clef2020`` body."""
    started = time.perf_counter()
    claims = read_claims(claims_path)
    queries = read_queries(queries_path)
    runs = rank_claims(claims, queries, matcher or ClaimMatcher(CLEF_OPTIONS))
    write_run(run_out, runs)
    score = None
    if qrels_path is not None:
        ids = {qid: [c for c, _ in row] for qid, row in runs.items()}
        score = map_at_k(ids, read_qrels(qrels_path))
    return ClefReport(len(queries), len(claims), score, time.perf_counter() - started)
