"""Claim retrieval scored on CLEF 2020 CheckThat! Task 2 (tweet -> the verified claims it matches).

Inputs are the task's files: verified claims (TSV with a header; id, ``vclaim``, ``title``),
queries (TSV with a header; id, tweet text) and, optionally, qrels (TREC: ``qid 0 claim_id 1``).
Each verified claim is matched as its claim text followed by its title; each tweet loses its
links but keeps its embed signature (author and date), and BM25 sees hashtags and handles
split into words. The known claims are ranked for every
query by :class:`~newstrace.link.claim_rank.ClaimRanker` (BM25 and embedding cosines over the
whole collection, standardised per query and fused with weights learned on the train split),
written as a TREC run (``qid Q0 claim_id rank score newstrace``) and, with qrels,
scored by MAP@5 as in the task.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newstrace.errors import InputError
from newstrace.link._embed_cache import EncodeFn, Encoder
from newstrace.link.claim_rank import ClaimRanker, RankOptions, fit_weights

_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
RUN_TAG = "newstrace"
DEPTH = 5
# weights fitted on the task's train split (800 tweets) by fit_clef_weights, one preset per
# choice of encoders (see bench/claims/RESULTS.md); "e5+use" is the default. The fit gave USE
# no weight beside BM25 alone ("use"), so that preset keeps a small hand-set share for it
CLEF_PRESETS: Mapping[str, RankOptions] = {
    "e5+use": RankOptions(weights=(("bm25", 0.1), ("e5", 0.65), ("use", 0.25))),
    "e5": RankOptions(weights=(("bm25", 0.15), ("e5", 0.85))),
    "use": RankOptions(weights=(("bm25", 0.8), ("use", 0.2))),
    "none": RankOptions(weights=(("bm25", 1.0),)),
}
CLEF_OPTIONS = CLEF_PRESETS["e5+use"]


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
    weights: Mapping[str, float] = field(default_factory=dict)
    fit_map_at_5: float | None = None

    def summary(self) -> str:
        """One line for the terminal (two when weights were fitted on a training split)."""
        score = "n/a (no qrels)" if self.map_at_5 is None else f"{self.map_at_5:.4f}"
        weights = ", ".join(f"{name} {weight:g}" for name, weight in self.weights.items())
        line = (
            f"CLEF 2020 task 2: {self.queries} queries against {self.claims} verified claims, "
            f"MAP@5 {score} ({self.seconds:.1f} s; weights {weights or 'n/a'})"
        )
        if self.fit_map_at_5 is not None:
            line += f"\nweights fitted on the training split (MAP@5 there {self.fit_map_at_5:.4f})"
        return line


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
    ranker: ClaimRanker,
    depth: int = DEPTH,
) -> dict[str, list[tuple[str, float]]]:
    """The top ``depth`` claim ids (with scores) for each query id.

    ``ranker`` must have been built over ``[c.text for c in claims]`` (see :func:`clef_ranker`).
    """
    ranked = ranker.rank(query_texts(queries), top=depth, lexical=query_words(queries))
    return {
        qid: [(claims[r.index].id, r.score) for r in row]
        for (qid, _), row in zip(queries, ranked, strict=True)
    }


def query_texts(queries: Sequence[tuple[str, str]]) -> list[str]:
    """The tweets as the encoders see them: links removed, everything else kept.

    The embed signature ("— Name (@handle) January 6, 2020") stays: who posted a claim and
    when is part of what fact-checks describe ("X tweeted in January 2020 that ...").
    """
    return [" ".join(_LINK.sub(" ", text).split()) for _, text in queries]


def query_words(queries: Sequence[tuple[str, str]]) -> list[str]:
    """The tweets as BM25 sees them: links removed, hashtags and handles split into words."""
    return [_split_tags(text) for text in query_texts(queries)]


def _split_tags(text: str) -> str:
    return _TAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)


def clef_ranker(
    claims: Sequence[VerifiedClaim],
    options: RankOptions | None = None,
    *,
    encoders: Mapping[Encoder, EncodeFn] | None = None,
) -> ClaimRanker:
    """A :class:`ClaimRanker` over the verified claims (statement, then title)."""
    return ClaimRanker([c.text for c in claims], options or CLEF_OPTIONS, encoders=encoders)


def fit_clef_weights(
    ranker: ClaimRanker,
    claims: Sequence[VerifiedClaim],
    queries: Sequence[tuple[str, str]],
    qrels: Mapping[str, set[str]],
) -> tuple[dict[str, float], float]:
    """Fusion weights that maximise MAP@5 on labelled queries (a training split), and that MAP.

    Only queries with qrels take part; the weights are searched over the ranker's signals.
    """
    position = {c.id: i for i, c in enumerate(claims)}
    labelled = [(qid, text) for qid, text in queries if qid in qrels]
    if not labelled:
        raise InputError("qrels", "no query of the training split has qrels")
    relevant = [{position[c] for c in qrels[qid] if c in position} for qid, _ in labelled]
    signals = ranker.signals(query_texts(labelled), lexical=query_words(labelled))
    return fit_weights(signals, relevant, k=DEPTH)


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
    options: RankOptions | None = None,
    fit: tuple[Path, Path] | None = None,
    encoders: Mapping[Encoder, EncodeFn] | None = None,
) -> ClefReport:
    """Rank, write the run and (with qrels) score it; the ``newstrace eval clef2020`` body.

    ``fit=(train queries, train qrels)`` first learns the fusion weights on that split (over
    the signals of ``options``) and ranks with them; otherwise ``options`` (default
    :data:`CLEF_OPTIONS`, whose weights were fitted on the task's train split) is used as is.
    """
    started = time.perf_counter()
    claims = read_claims(claims_path)
    queries = read_queries(queries_path)
    ranker = clef_ranker(claims, options, encoders=encoders)
    fitted: tuple[dict[str, float], float] | None = None
    if fit is not None:
        fitted = fit_clef_weights(ranker, claims, read_queries(fit[0]), read_qrels(fit[1]))
        weights = tuple((name, fitted[0][name]) for name in ranker.options.signals)
        ranker = ClaimRanker(
            ranker.known, replace(ranker.options, weights=weights), encoders=encoders
        )
    runs = rank_claims(claims, queries, ranker)
    write_run(run_out, runs)
    score = None
    if qrels_path is not None:
        ids = {qid: [c for c, _ in row] for qid, row in runs.items()}
        score = map_at_k(ids, read_qrels(qrels_path))
    return ClefReport(
        len(queries),
        len(claims),
        score,
        time.perf_counter() - started,
        weights=dict(ranker.options.weights),
        fit_map_at_5=None if fitted is None else fitted[1],
    )
