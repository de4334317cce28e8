"""ECB+ story clustering: the product's incremental clusterer, fed in file order, scored.

The data file holds one JSON object a line, ``{id, topic, story, source_file, text}`` (the shape
of ``../shared/eval/ecbplus/ecbplus-dev.jsonl``). Each document is turned into an
:class:`~newstrace.model.Article` (English, no metadata: ECB+ gives none) and added to one
:class:`~newstrace.link.stories.StoryClusterer` in file order. Predictions are written as one
``{"id": ..., "story": ...}`` line per document; when the documents carry gold ``story`` labels,
B-cubed and pairwise precision, recall and F1 are computed.

Each ECB+ topic holds two different events of the same kind, so the score measures whether
look-alike stories are kept apart.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import InputError
from newstrace.link.embed import EmbeddingOptions
from newstrace.link.stories import StoryClusterer, StoryOptions
from newstrace.model import Article


@dataclass(frozen=True, slots=True)
class Document:
    """One ECB+ document: its id, gold story label (if any) and text."""

    id: str
    story: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of one clustering measure."""

    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        """Plain-data form for JSON."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class EcbReport:
    """The outcome of one run: counts, scores (``None`` without gold labels) and timing."""

    documents: int
    predicted_stories: int
    gold_stories: int
    bcubed: Scores | None
    pairwise: Scores | None
    seconds: float
    moves: int
    merges: int

    def summary(self) -> str:
        """A few readable lines for the terminal."""
        lines = [
            f"documents: {self.documents}  predicted stories: {self.predicted_stories}"
            f"  gold stories: {self.gold_stories}  moves: {self.moves}  merges: {self.merges}"
        ]
        for name, scores in (("B-cubed", self.bcubed), ("pairwise", self.pairwise)):
            if scores is not None:
                lines.append(
                    f"{name:<9} P {scores.precision:.4f}  R {scores.recall:.4f}  F1 {scores.f1:.4f}"
                )
        rate = self.documents / self.seconds if self.seconds else 0.0
        lines.append(f"time: {self.seconds:.1f}s ({rate:.1f} documents/s)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "documents": self.documents,
            "predicted_stories": self.predicted_stories,
            "gold_stories": self.gold_stories,
            "bcubed": self.bcubed.to_dict() if self.bcubed else None,
            "pairwise": self.pairwise.to_dict() if self.pairwise else None,
            "seconds": round(self.seconds, 2),
            "moves": self.moves,
            "merges": self.merges,
        }


def load_documents(path: Path) -> list[Document]:
    """Read an ECB+-shaped JSONL file; raises :class:`InputError` naming a bad line."""
    documents: list[Document] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            documents.append(
                Document(
                    str(record["id"]),
                    None if record.get("story") is None else str(record["story"]),
                    str(record.get("text") or ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not an ECB+ record: {exc}") from exc
    if not documents:
        raise InputError(str(path), "no documents in the file")
    return documents


def cluster_documents(
    documents: Sequence[Document],
    options: StoryOptions | None = None,
    embedding: EmbeddingOptions | None = None,
) -> tuple[dict[str, str], int, int]:
    """Feed documents in order through one clusterer: (doc id -> story id, moves, merges)."""
    clusterer = StoryClusterer(options, embedding=embedding)
    ids: dict[str, str] = {}
    moves = merges = 0
    for doc in documents:
        article = Article.create(doc.text, language="en", source=doc.id)
        assignment = clusterer.add(article)
        ids[doc.id] = article.id
        moves += sum(1 for c in assignment.changes if c.kind == "move")
        merges += sum(1 for c in assignment.changes if c.kind == "merge")
    predicted = {}
    for doc_id, article_id in ids.items():
        story = clusterer.story_of(article_id)
        if story is None:  # pragma: no cover - every added article has a story
            raise RuntimeError(f"document {doc_id} lost its story")
        predicted[doc_id] = story
    return predicted, moves, merges


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed precision, recall and F1 over the items both mappings label."""
    items = [i for i in gold if i in predicted]
    if not items:
        return Scores(0.0, 0.0, 0.0)
    pair_count = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = sum(pair_count[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items)
    recall = sum(pair_count[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items)
    return _scores(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Pairwise precision, recall and F1: pairs put together vs pairs that belong together."""
    items = [i for i in gold if i in predicted]

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    together = pairs(Counter((predicted[i], gold[i]) for i in items))
    predicted_pairs = pairs(Counter(predicted[i] for i in items))
    gold_pairs = pairs(Counter(gold[i] for i in items))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return _scores(precision, recall)


def run_ecbplus_eval(
    data: Path,
    predictions_out: Path,
    options: StoryOptions | None = None,
    embedding: EmbeddingOptions | None = None,
) -> EcbReport:
    """Cluster ``data`` in file order, write ``{id, story}`` lines, score against gold labels."""
    documents = load_documents(data)
    started = time.perf_counter()
    predicted, moves, merges = cluster_documents(documents, options, embedding)
    seconds = time.perf_counter() - started
    predictions_out.parent.mkdir(parents=True, exist_ok=True)
    with predictions_out.open("w", encoding="utf-8") as out:
        for doc in documents:
            out.write(json.dumps({"id": doc.id, "story": predicted[doc.id]}) + "\n")
    gold = {d.id: d.story for d in documents if d.story is not None}
    return EcbReport(
        documents=len(documents),
        predicted_stories=len(set(predicted.values())),
        gold_stories=len(set(gold.values())),
        bcubed=bcubed(predicted, gold) if gold else None,
        pairwise=pairwise(predicted, gold) if gold else None,
        seconds=seconds,
        moves=moves,
        merges=merges,
    )


def errors_by_gold(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, Any]:
    """For error analysis: each predicted story mixing gold stories, with the mix."""
    mixes: dict[str, Counter[str]] = defaultdict(Counter)
    for item, story in predicted.items():
        if item in gold:
            mixes[story][gold[item]] += 1
    return {s: dict(c) for s, c in mixes.items() if len(c) > 1}


def _scores(precision: float, recall: float) -> Scores:
    total = precision + recall
    return Scores(precision, recall, 2 * precision * recall / total if total else 0.0)
