"""English attributions, with the spaCy parse and in rules-only mode (texts written for tests)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from newstrace.analyze.attribution import RawAttribution, find_attributions
from newstrace.analyze.nlp import chunk_bounds, load_nlp, parse
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences

SPACY = AnalysisOptions(backend="spacy")
RULES = AnalysisOptions(backend="rules")
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def spacy_or_skip() -> None:
    try:
        nlp = load_nlp(SPACY, "en")
    except RuntimeWarning:  # pragma: no cover - warnings turned into errors
        nlp = None
    if nlp is None:
        pytest.skip("no English spaCy model installed")


def run(text: str, options: AnalysisOptions) -> tuple[RawAttribution, ...]:
    doc = parse(text, options, "en")
    sentences = split_sentences(text, language="en", doc=doc)
    return find_attributions(text, language="en", sentences=sentences, doc=doc)


def by_cue(found: tuple[RawAttribution, ...], cue: str) -> RawAttribution:
    matches = [a for a in found if cue in a.cue.text]
    assert matches, f"no attribution with cue {cue!r} in {[a.cue.text for a in found]}"
    return matches[0]


def content_text(a: RawAttribution) -> str:
    return " ".join(c.text for c in a.content)


BOTH = pytest.mark.parametrize("mode", ["spacy", "rules"])


def options_for(mode: str) -> AnalysisOptions:
    if mode == "spacy":
        spacy_or_skip()
        return SPACY
    return RULES


@BOTH
def test_source_cue_that_content(mode: str) -> None:
    text = "The harbour authority said that the ferry would resume service on Monday."
    a = by_cue(run(text, options_for(mode)), "said")
    assert a.source is not None and a.source.text == "The harbour authority"
    assert "ferry would resume service on Monday" in content_text(a)
    assert a.quote == "indirect"


@BOTH
def test_direct_quote_before_cue(mode: str) -> None:
    text = "“We will rebuild the bridge by spring,” the engineer said."
    a = by_cue(run(text, options_for(mode)), "said")
    assert a.source is not None and a.source.text == "the engineer"
    assert "We will rebuild the bridge by spring" in content_text(a)
    assert a.quote == "direct"


@BOTH
def test_according_to(mode: str) -> None:
    text = "The vote was delayed by a week, according to two council members."
    a = by_cue(run(text, options_for(mode)), "According to".lower())
    assert a.source is not None and "two council members" in a.source.text
    assert "vote was delayed by a week" in content_text(a)


@BOTH
def test_quote_continues_in_next_sentence(mode: str) -> None:
    text = (
        "“The river rose overnight,” a local official told the newspaper. "
        "“Nobody expected it to be this fast.”\n\nThe town council met later."
    )
    a = by_cue(run(text, options_for(mode)), "told")
    assert a.source is not None and a.source.text == "a local official"
    joined = content_text(a)
    assert "The river rose overnight" in joined
    assert "Nobody expected it to be this fast" in joined
    assert "council met" not in joined


@BOTH
def test_outlet_as_source_after_content(mode: str) -> None:
    text = (
        "The ministry is preparing a new tender for school meals, "
        "the regional newspaper Kurier reported on Tuesday."
    )
    a = by_cue(run(text, options_for(mode)), "reported")
    assert a.source is not None and "Kurier" in a.source.text
    assert "preparing a new tender" in content_text(a)


def test_split_quote_around_cue() -> None:
    spacy_or_skip()
    text = "“Our hope,” she said, “is that the clinic stays open all winter.”"
    a = by_cue(run(text, SPACY), "said")
    assert a.source is not None and a.source.text == "she"
    assert len(a.content) == 2
    assert "clinic stays open" in a.content[1].text


def test_told_with_recipient_and_passive_quote() -> None:
    spacy_or_skip()
    text = (
        "A senior port official told reporters that the strike was over. "
        "“It has cost us millions,” one manager was quoted as saying by the agency."
    )
    found = run(text, SPACY)
    told = by_cue(found, "told")
    assert told.source is not None and told.source.text == "A senior port official"
    assert "the strike was over" in content_text(told)
    quoted = by_cue(found, "quoted")
    assert quoted.source is not None and "manager" in quoted.source.text
    assert "cost us millions" in content_text(quoted)


def test_belief_is_an_attribution() -> None:
    spacy_or_skip()
    text = "Local farmers fear that the new dam will dry out their fields."
    a = by_cue(run(text, SPACY), "fear")
    assert a.source is not None and a.source.text == "Local farmers"
    assert "dam will dry out their fields" in content_text(a)


def test_offsets_always_match_the_text() -> None:
    text = (
        "The mayor, who spoke to reporters on Friday, said the budget was balanced. "
        "“We are done,” he added. According to the auditor, it was not."
    )
    for options in (RULES, SPACY):
        if options is SPACY and load_nlp(SPACY, "en") is None:
            continue
        for a in run(text, options):
            spans: list[Any] = [a.cue, *a.content] + ([a.source] if a.source else [])
            for span in spans:
                assert text[span.start : span.end] == span.text
                assert span.text.strip()


def test_unrelated_text_gives_nothing() -> None:
    text = "The bridge is 40 metres long. It was painted green in 1990."
    assert run(text, RULES) == ()


def test_doc_must_match_text() -> None:
    spacy_or_skip()
    doc = parse("One text.", SPACY, "en")
    with pytest.raises(ValueError):
        find_attributions("Another text.", language="en", sentences=(), doc=doc)


def test_rules_backend_never_parses() -> None:
    assert parse("Some text.", RULES, "en") is None
    assert load_nlp(SPACY, "xx") is None


def test_chunking_keeps_offsets() -> None:
    text = ("The council met. " * 30 + "\n\n") * 5
    bounds = chunk_bounds(text, 200)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(end - start <= 200 for start, end in bounds)
    spacy_or_skip()
    doc = parse(text, SPACY, "en", chunk_chars=300)
    assert doc is not None and doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token)] == token.text


def seed_paragraphs() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    paragraphs: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        paragraphs += [" ".join(p.split()) for p in raw.split("\n\n") if p.strip()]
    return paragraphs


def seed_attributions() -> list[RawAttribution]:
    spacy_or_skip()
    found: list[RawAttribution] = []
    for paragraph in seed_paragraphs():
        found += run(paragraph, SPACY)
    return found


def test_seed_attributions() -> None:
    found = seed_attributions()

    def has(source: str, cue: str, content: str = "") -> bool:
        return any(
            a.source is not None
            and source in a.source.text
            and cue in a.cue.text
            and content in content_text(a)
            for a in found
        )

    assert has("Verstka", "reported", "planning to recruit")
    assert has("one Verstka source working in military recruitment", "according to")
    assert has("a high-ranking Kremlin source", "told", "mobilisation 2.0 is being rolled out")
    assert has("Kremlin source", "quoted", "300,000 snouts short")
    assert has("Grashchenkov", "told", "carte blanche")
    assert has("the source", "said", "Kharkiv is next")


def test_coverage_merges_and_answers_overlaps() -> None:
    from newstrace.analyze._attr_spans import Coverage

    cover = Coverage()
    for start, end in [(10, 20), (30, 40), (18, 32), (50, 55)]:
        cover.add(start, end)
    assert cover.overlaps(39, 45) and cover.overlaps(0, 11) and cover.overlaps(54, 60)
    assert not cover.overlaps(40, 50) and not cover.overlaps(0, 10) and not cover.overlaps(55, 99)


def test_long_text_in_rules_mode() -> None:
    unit = (
        "“The depot will close,” a union official said. “Nobody told us.” "
        "According to the company, the decision is final.\n\n"
    )
    text = unit * 20_000  # about 2.3 MB
    found = run(text, RULES)
    assert len(found) == 40_000
    assert found[-1].content[-1].end <= len(text)


@BOTH
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "The ministry plans to close three schools, the Harbour Post reported on Monday.",
            "the Harbour Post",
            "The ministry plans to close three schools",
        ),
        (
            "The city council intends to raise parking fees by a fifth next year, the local "
            "daily Coastline Herald reported Tuesday, citing two officials familiar with the "
            "budget.",
            "the local daily Coastline Herald",
            "The city council intends to raise parking fees by a fifth next year",
        ),
        (
            "The mining group is preparing to shut its northern smelter, the trade weekly Ore "
            "Ledger said Thursday, citing company documents.",
            "the trade weekly Ore Ledger",
            "The mining group is preparing to shut its northern smelter",
        ),
    ],
)
def test_sentence_final_report_clause_is_one_attribution(
    mode: str, text: str, source: str, content: str
) -> None:
    found = run(text, options_for(mode))
    assert len(found) == 1, [(a.cue.text, a.source and a.source.text) for a in found]
    (a,) = found
    assert a.source is not None and a.source.text == source
    assert a.cue.text.split()[0] in ("reported", "said")
    assert content_text(a) == content
