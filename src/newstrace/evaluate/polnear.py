"""PolNeAR evaluation: run attribution extraction on a split, write brat files, score them.

``run_polnear_eval(split_dir, predictions_out, options)`` analyses every
``split_dir/text/*.txt`` verbatim (no cleaning, so offsets match the files), writes
``predictions_out/<article>.ann`` in brat standoff format and, when gold
``split_dir/attributions/<article>_<annotator>.ann`` files exist (the first annotator in sorted
order when there are several), scores the predictions.

Scores (see :mod:`newstrace.evaluate.spans` for trimming and one-to-one matching):

* per role (Source, Cue, Content): precision, recall and F1, exact and overlap; a role span is
  the union of all ranges the attribution gives that role;
* attribution level: a predicted attribution matches a gold one when their cues overlap, their
  contents overlap, and their sources overlap or both have no source. Matching is one-to-one,
  greedy by the summed Jaccard similarity of the three roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.analyze.attribution import RawAttribution, find_attributions
from newstrace.analyze.nlp import EntityScope, parse, parse_many
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences
from newstrace.evaluate.spans import (
    PRF,
    Example,
    Range,
    Segment,
    SpanScores,
    char_set,
    greedy_match,
    jaccard,
    score_examples,
)

ROLES = ("Source", "Cue", "Content")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True, slots=True)
class AttributionSpans:
    """One attribution as role -> character ranges (a role may be missing)."""

    roles: dict[str, tuple[Range, ...]]

    def segment(self, role: str) -> Segment | None:
        """The role as a :class:`Segment`, or ``None`` when absent."""
        parts = self.roles.get(role)
        return Segment(role, parts) if parts else None


def read_brat(ann_text: str) -> list[AttributionSpans]:
    """Attributions of a brat ``.ann`` file (E lines resolved through their T lines).

    Lines that are neither T nor E (notes, continuation lines of multi-line span text) are
    skipped.
    """
    spans: dict[str, tuple[Range, ...]] = {}
    events: list[str] = []
    for line in ann_text.splitlines():
        t_match = _T_LINE.match(line)
        if t_match:
            ranges = tuple(
                (int(a), int(b))
                for a, b in (part.split() for part in t_match.group(3).strip().split(";"))
            )
            spans[t_match.group(1)] = ranges
            continue
        e_match = _E_LINE.match(line)
        if e_match:
            events.append(e_match.group(2))
    result: list[AttributionSpans] = []
    for event in events:
        roles: dict[str, list[Range]] = {}
        for pair in event.split():
            role, _, ref = pair.partition(":")
            if role in ROLES and ref in spans:
                roles.setdefault(role, []).extend(spans[ref])
        result.append(AttributionSpans({k: tuple(sorted(v)) for k, v in roles.items()}))
    return result


def to_brat(text: str, attributions: Iterable[RawAttribution]) -> str:
    """Brat standoff for predicted attributions (T lines per role plus one E line each)."""
    lines: list[str] = []
    counter = 0

    def add(label: str, ranges: list[Range]) -> str:
        nonlocal counter
        counter += 1
        where = ";".join(f"{s} {e}" for s, e in ranges)
        shown = " ".join(text[s:e] for s, e in ranges).replace("\n", " ")
        lines.append(f"T{counter}\t{label} {where}\t{shown}")
        return f"T{counter}"

    for number, attribution in enumerate(attributions, start=1):
        cue = [(attribution.cue.start, attribution.cue.end)]
        anchor = add("Attribution", cue)
        parts = [f"Attribution:{anchor}"]
        if attribution.source is not None:
            parts.append(
                "Source:" + add("Source", [(attribution.source.start, attribution.source.end)])
            )
        parts.append("Cue:" + add("Cue", cue))
        parts.append("Content:" + add("Content", [(c.start, c.end) for c in attribution.content]))
        lines.append(f"E{number}\t" + " ".join(parts))
    return "\n".join(lines) + ("\n" if lines else "")


def predicted_spans(attributions: Iterable[RawAttribution]) -> list[AttributionSpans]:
    """Predicted attributions in the same shape as gold ones."""
    result: list[AttributionSpans] = []
    for a in attributions:
        roles: dict[str, tuple[Range, ...]] = {
            "Cue": ((a.cue.start, a.cue.end),),
            "Content": tuple((c.start, c.end) for c in a.content),
        }
        if a.source is not None:
            roles["Source"] = ((a.source.start, a.source.end),)
        result.append(AttributionSpans(roles))
    return result


def match_attributions(
    text: str, predicted: list[AttributionSpans], gold: list[AttributionSpans]
) -> PRF:
    """Attribution-level counts under the matching rule in the module docstring."""
    sets_p = [{r: char_set(text, a.roles.get(r, ())) for r in ROLES} for a in predicted]
    sets_g = [{r: char_set(text, a.roles.get(r, ())) for r in ROLES} for a in gold]

    def score(i: int, j: int) -> float:
        p, g = sets_p[i], sets_g[j]
        if not (p["Cue"] & g["Cue"] and p["Content"] & g["Content"]):
            return 0.0
        if p["Source"] or g["Source"]:
            if not p["Source"] & g["Source"]:
                return 0.0
            return sum(jaccard(p[r], g[r]) for r in ROLES)
        return jaccard(p["Cue"], g["Cue"]) + jaccard(p["Content"], g["Content"]) + 1.0

    matched = greedy_match(len(predicted), len(gold), score)
    return PRF(len(matched), len(predicted), len(gold))


@dataclass(slots=True)
class PolnearReport:
    """Scores of one PolNeAR run (empty when the split has no gold annotations)."""

    documents: int = 0
    scored_documents: int = 0
    roles: dict[str, SpanScores] = field(default_factory=dict)
    attributions: PRF = field(default_factory=PRF)

    def summary(self) -> str:
        """A plain-text table of every score."""
        head = f"documents: {self.documents} (scored: {self.scored_documents})"
        return "\n".join([head, *score_lines(self.roles, self.attributions)])


def score_lines(roles: dict[str, SpanScores], attributions: PRF, indent: str = "") -> list[str]:
    """One line per role and match kind (exact, overlap), then the attribution-level line."""
    lines: list[str] = []
    for role in ROLES:
        scores = roles.get(role, SpanScores())
        lines.append(f"{indent}{role:<8} exact   {scores.exact.row()}")
        lines.append(f"{indent}{role:<8} overlap {scores.overlap.row()}")
    lines.append(f"{indent}Attribution     {attributions.row()}")
    return lines


def gold_file(split_dir: Path, name: str) -> Path | None:
    """The first annotator's ``.ann`` for article ``name``, if any."""
    candidates = sorted((split_dir / "attributions").glob(f"{name}_*.ann"))
    return candidates[0] if candidates else None


#: Entities are not worth their cost here: the cue model reads an entity type only as one
#: feature of a subject, and with no entity recogniser the four headline PolNeAR dev figures
#: move by at most 0.001 while parsing takes about 40% less time
#: (``bench/analyze_speed/RESULTS.md``).
ATTRIBUTION_ENTITIES: EntityScope = "none"


def analyse_text(text: str, options: AnalysisOptions, language: str = "en") -> list[RawAttribution]:
    """Sentences, parse and attributions of one raw text."""
    doc = parse(text, options, language, entities=ATTRIBUTION_ENTITIES)
    return attributions_of(text, doc, language)


def attributions_of(text: str, doc: Any | None, language: str = "en") -> list[RawAttribution]:
    """Sentences and attributions of one raw text, given its parse (``None`` in rules mode)."""
    sentences = split_sentences(text, language=language, doc=doc)
    return list(find_attributions(text, language=language, sentences=sentences, doc=doc))


def run_polnear_eval(
    split_dir: Path, predictions_out: Path, options: AnalysisOptions
) -> PolnearReport:
    """Analyse ``split_dir/text/*.txt``, write brat predictions, score against gold if present."""
    texts = sorted((split_dir / "text").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{split_dir / 'text'}: no .txt files")
    predictions_out.mkdir(parents=True, exist_ok=True)
    report = PolnearReport(documents=len(texts))
    examples: list[Example] = []
    contents = [path.read_text(encoding="utf-8") for path in texts]
    docs = parse_many(contents, options, "en", entities=ATTRIBUTION_ENTITIES)
    for path, text, doc in zip(texts, contents, docs, strict=True):
        found = attributions_of(text, doc)
        (predictions_out / f"{path.stem}.ann").write_text(to_brat(text, found), encoding="utf-8")
        gold_path = gold_file(split_dir, path.stem)
        if gold_path is None:
            continue
        gold = read_brat(gold_path.read_text(encoding="utf-8"))
        predicted = predicted_spans(found)
        report.scored_documents += 1
        report.attributions.add(match_attributions(text, predicted, gold))
        examples.append(
            Example(
                text,
                tuple(s for a in predicted for r in ROLES if (s := a.segment(r))),
                tuple(s for a in gold for r in ROLES if (s := a.segment(r))),
            )
        )
    report.roles = score_examples(examples)
    return report
