"""Article body extraction scored against the ScrapingHub article-extraction-benchmark.

The data folder holds ``html/<id>.html.gz`` (UTF-8 pages) and, optionally,
``ground-truth.json`` mapping each id to ``{"articleBody": ..., "url": ...}``.

Scoring is word 4-shingle matching, as in that benchmark:

* a *token* is a run of Unicode word characters (regular expression ``\\w+``), case kept;
* the *shingles* of a text are its runs of ``n`` consecutive tokens, counted as a multiset (a
  shingle that occurs three times counts three times); a text with fewer than ``n`` tokens
  (but at least one) has a single shingle made of all its tokens; an empty text has none;
* per document, true positives are ``sum(min(predicted[s], truth[s]))`` over all shingles,
  false positives the predicted surplus, false negatives the missing truth;
  precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean.

Across documents, the *benchmark figure* averages precision over the documents with at least one
predicted shingle and recall over the documents with at least one true shingle, then takes the
harmonic mean of those two means (this is how the published figures such as trafilatura's 0.958
are computed). The mean of per-document F1 is reported as well.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import InputError
from newstrace.ingest.html import extract_html

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


@dataclass(frozen=True, slots=True)
class ShingleMatch:
    """Shingle counts of one predicted text against its true text."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); ``None`` when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); ``None`` when the truth is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of word ``n``-shingles of a text (see the module docstring)."""
    if n < 1:
        raise ValueError(f"shingle size must be at least 1, got {n}")
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_match(predicted: str, truth: str, n: int = 4) -> ShingleMatch:
    """Multiset shingle overlap of a predicted text with the true text."""
    pred, true = shingles(predicted, n), shingles(truth, n)
    return ShingleMatch(
        tp=sum((pred & true).values()),
        fp=sum((pred - true).values()),
        fn=sum((true - pred).values()),
    )


def shingle_f1(predicted: str, truth: str, n: int = 4) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``truth`` over word ``n``-shingles.

    Two texts without any shingle score (1, 1, 1). When only one side is empty, the undefined
    ratio counts as 0, so the result is (0, 0, 0).
    """
    match = shingle_match(predicted, truth, n)
    if match.fp == 0 and match.fn == 0:
        return 1.0, 1.0, 1.0
    precision, recall = match.precision or 0.0, match.recall or 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """One page: its prediction's scores (``None`` without ground truth) or why it failed."""

    doc_id: str
    precision: float | None
    recall: float | None
    f1: float | None
    predicted_chars: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    """Scores of one extraction run over a data folder."""

    documents: tuple[DocumentScore, ...]
    precision: float | None
    recall: float | None
    f1: float | None
    mean_document_f1: float | None
    seconds: float

    @property
    def failures(self) -> tuple[DocumentScore, ...]:
        """Pages the extractor rejected."""
        return tuple(d for d in self.documents if d.error)

    def summary(self) -> str:
        """A few readable lines: the benchmark figures and the failures."""
        lines = [f"pages: {len(self.documents)}  time: {self.seconds:.1f}s"]
        if self.f1 is None:
            lines.append("no ground truth: predictions written, nothing scored")
        else:
            lines.append(
                f"shingle-4  precision {self.precision:.4f}  recall {self.recall:.4f}  "
                f"F1 {self.f1:.4f}  (mean per-page F1 {self.mean_document_f1:.4f})"
            )
        for doc in self.failures:
            lines.append(f"rejected {doc.doc_id}: {doc.error}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "mean_document_f1": self.mean_document_f1,
            "seconds": self.seconds,
            "documents": [
                {
                    "id": d.doc_id,
                    "precision": d.precision,
                    "recall": d.recall,
                    "f1": d.f1,
                    "predicted_chars": d.predicted_chars,
                    "error": d.error,
                }
                for d in self.documents
            ],
        }


def newstrace_extractor(html: str, url: str | None) -> str:
    """The body text :func:`newstrace.ingest.html.extract_html` finds (the default extractor)."""
    return extract_html(html, url).text


def run_extraction_eval(
    data_dir: Path,
    predictions_out: Path,
    *,
    extractor: Extractor = newstrace_extractor,
    limit: int | None = None,
    pass_url: bool = False,
) -> ExtractionReport:
    """Extract every page of ``data_dir``, write predictions, and score them when possible.

    Predictions go to ``predictions_out`` as ``{id: {"articleBody": text}}`` (an empty body
    for pages the extractor rejects with :class:`InputError`). ``limit`` keeps the first pages
    in id order; ``pass_url`` gives the extractor the page URL from the ground truth (the
    published benchmark runs do not). Raises :class:`InputError` when ``data_dir`` has no pages.
    """
    pages = sorted((data_dir / "html").glob("*.html.gz"))[:limit]
    if not pages:
        raise InputError(str(data_dir), "no html/<id>.html.gz pages found")
    truth = _load_truth(data_dir / "ground-truth.json")
    predictions: dict[str, dict[str, str]] = {}
    errors: dict[str, str] = {}
    started = time.perf_counter()
    for path in pages:
        doc_id = path.name.removesuffix(".html.gz")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        url = truth.get(doc_id, {}).get("url") if pass_url else None
        try:
            body = extractor(html, url)
        except InputError as err:
            body, errors[doc_id] = "", err.reason
        predictions[doc_id] = {"articleBody": body}
    seconds = time.perf_counter() - started
    predictions_out.parent.mkdir(parents=True, exist_ok=True)
    predictions_out.write_text(
        json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return score_predictions(predictions, truth, errors, seconds)


def score_predictions(
    predictions: Mapping[str, Mapping[str, str]],
    truth: Mapping[str, Mapping[str, str]],
    errors: Mapping[str, str] | None = None,
    seconds: float = 0.0,
) -> ExtractionReport:
    """Score ``{id: {"articleBody": text}}`` predictions against ground truth of the same shape.

    Pages without ground truth are listed but not scored.
    """
    errors = errors or {}
    docs: list[DocumentScore] = []
    for doc_id, pred in predictions.items():
        body = pred.get("articleBody") or ""
        if doc_id not in truth:
            docs.append(DocumentScore(doc_id, None, None, None, len(body), errors.get(doc_id)))
            continue
        true_body = truth[doc_id].get("articleBody") or ""
        match = shingle_match(body, true_body)
        _, _, f1 = shingle_f1(body, true_body)
        precision, recall = match.precision, match.recall
        if match.fp == 0 and match.fn == 0:
            precision = recall = None if match.tp == 0 else 1.0
        docs.append(DocumentScore(doc_id, precision, recall, f1, len(body), errors.get(doc_id)))
    return _aggregate(docs, seconds)


def _aggregate(docs: Sequence[DocumentScore], seconds: float) -> ExtractionReport:
    precisions = [d.precision for d in docs if d.precision is not None]
    recalls = [d.recall for d in docs if d.recall is not None]
    f1s = [d.f1 for d in docs if d.f1 is not None]
    if not f1s or not precisions or not recalls:
        return ExtractionReport(tuple(docs), None, None, None, None, seconds)
    precision, recall = statistics.fmean(precisions), statistics.fmean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtractionReport(tuple(docs), precision, recall, f1, statistics.fmean(f1s), seconds)


def _load_truth(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise InputError(str(path), f"ground truth is not valid JSON ({err})") from err
    if not isinstance(data, dict):
        raise InputError(str(path), "ground truth must map page ids to objects")
    return data
