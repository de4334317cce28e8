"""PolNeAR reader, brat writer, span scorer and evaluation run (tiny hand-made split)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.options import AnalysisOptions
from newstrace.evaluate.polnear import (
    AttributionSpans,
    match_attributions,
    predicted_spans,
    read_brat,
    run_polnear_eval,
    to_brat,
)
from newstrace.evaluate.spans import Segment, char_set, score_segments, trim_range
from newstrace.model import Span

POLNEAR_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear" / "dev"

TEXT = "The mayor said the road would reopen. “It is safe,” she added.\n"
GOLD = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 37\tthe road would reopen.
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
#1\tAnnotatorNotes T3\ta note
T5\tContent 38 52;53 56\t“It is safe,”
she
T6\tCue 57 62\tadded
T7\tAttribution 57 62\tadded
E2\tAttribution:T7 Cue:T6 Content:T5
"""


def test_read_brat_resolves_events_and_skips_other_lines() -> None:
    gold = read_brat(GOLD)
    assert len(gold) == 2
    assert gold[0].roles == {"Source": ((0, 9),), "Cue": ((10, 14),), "Content": ((15, 37),)}
    assert gold[1].roles["Content"] == ((38, 52), (53, 56))
    assert "Source" not in gold[1].roles


def test_brat_round_trip() -> None:
    found = [
        RawAttribution(
            source=Span.of(TEXT, 0, 9),
            cue=Span.of(TEXT, 10, 14),
            content=(Span.of(TEXT, 15, 36),),
            quote="indirect",
            sentence_index=0,
        ),
        RawAttribution(
            source=None,
            cue=Span.of(TEXT, 57, 62),
            content=(Span.of(TEXT, 38, 50), Span.of(TEXT, 53, 56)),
            quote="mixed",
            sentence_index=1,
        ),
    ]
    written = to_brat(TEXT, found)
    assert "Source 0 9\tThe mayor" in written
    assert "Content 38 50;53 56" in written
    assert read_brat(written) == predicted_spans(found)


def test_trimming_and_exact_versus_overlap() -> None:
    text = "“Quoted words,” he said."
    assert trim_range(text, 0, 15) == (1, 13)
    gold = [Segment("Content", ((0, 15),))]
    assert score_segments(text, [Segment("Content", ((1, 13),))], gold).exact.matched == 1
    partial = score_segments(text, [Segment("Content", ((1, 7),))], gold)
    assert partial.exact.matched == 0 and partial.overlap.matched == 1
    assert char_set(text, ((15, 24),)) == char_set(text, ((16, 23),))


def test_punctuation_only_span_is_kept_whole() -> None:
    text = "PENCE: We will win. SMITH: No."
    gold = [Segment("Cue", ((5, 6),)), Segment("Cue", ((25, 26),))]
    assert char_set(text, ((5, 6),)) == frozenset({5})
    assert char_set(text, ((5, 7),)) == frozenset({5}), "spaces still never count"
    found = score_segments(text, [Segment("Cue", ((25, 26),)), Segment("Cue", ((18, 19),))], gold)
    assert (found.exact.matched, found.overlap.matched) == (1, 1)


def test_matching_is_one_to_one() -> None:
    text = "aaaa bbbb"
    gold = [Segment("Cue", ((0, 4),))]
    twice = [Segment("Cue", ((0, 4),)), Segment("Cue", ((0, 2),))]
    scores = score_segments(text, twice, gold)
    assert scores.overlap.matched == 1
    assert scores.overlap.precision == 0.5 and scores.overlap.recall == 1.0


def test_attribution_match_needs_cue_content_and_source() -> None:
    gold = read_brat(GOLD)
    same = [AttributionSpans(dict(a.roles)) for a in gold]
    assert match_attributions(TEXT, same, gold).matched == 2
    wrong_source = [AttributionSpans({**gold[0].roles, "Source": ((38, 52),)})]
    assert match_attributions(TEXT, wrong_source, gold[:1]).matched == 0
    no_source = [AttributionSpans({k: v for k, v in gold[0].roles.items() if k != "Source"})]
    assert match_attributions(TEXT, no_source, gold[:1]).matched == 0


def test_run_on_a_tiny_split(tmp_path: Path) -> None:
    split = tmp_path / "split"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "doc1_b.ann").write_text(GOLD, encoding="utf-8")
    (split / "attributions" / "doc1_z.ann").write_text("", encoding="utf-8")
    (split / "text" / "doc2.txt").write_text("No gold for this one, officials said.", "utf-8")
    out = tmp_path / "pred"
    report = run_polnear_eval(split, out, AnalysisOptions(backend="rules"))
    assert report.documents == 2 and report.scored_documents == 1
    assert (out / "doc1.ann").exists() and (out / "doc2.ann").exists()
    assert report.roles["Cue"].exact.reference == 2
    assert report.roles["Cue"].exact.matched >= 1
    summary = report.summary()
    assert "Attribution" in summary and "Content" in summary


def test_missing_text_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        run_polnear_eval(tmp_path, tmp_path / "out", AnalysisOptions(backend="rules"))


def test_rules_floor_on_polnear_dev(tmp_path: Path) -> None:
    if not (POLNEAR_DEV / "text").is_dir():
        pytest.skip(f"PolNeAR dev not found at {POLNEAR_DEV}")
    report = run_polnear_eval(POLNEAR_DEV, tmp_path, AnalysisOptions(backend="rules"))
    assert report.scored_documents == 84
    assert report.attributions.f1 >= 0.48
    assert report.roles["Content"].overlap.f1 >= 0.60
