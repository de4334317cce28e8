"""Nominal cues received from someone ("the plan drew criticism from X": X the source, the plan
the content) and cue clauses that end a sentence after a comma, cut out of the content of every
cue above them (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_received import received_from
from newstrace.analyze._attr_split import _trailing_clause, split_offs
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def _doc(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def _received(text: str, cue: str) -> tuple[str, str] | None:
    """(giver, subject) of the cue word ``cue`` whose span is itself and its object noun."""
    doc = _doc(text)
    token = next(t for t in doc if t.text == cue)
    cue_ids = {token.i, *(c.i for c in token.children if c.dep_ == "dobj")}
    found = received_from(token, cue_ids)
    return None if found is None else (found[0].text, found[1].text)


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        (
            "The new zoning plan drew sharp criticism from local shop owners.",
            "criticism",
            ("owners", "plan"),
        ),
        (
            "The new zoning plan drew sharp criticism from local shop owners.",
            "drew",
            ("owners", "plan"),
        ),
        ("The senator enjoys strong support among rural voters.", "support", ("voters", "senator")),
        (
            "The mayor's budget faced fierce opposition from the teachers' union on Monday.",
            "opposition",
            ("union", "budget"),
        ),
    ],
)
def test_giver_is_source_and_subject_is_content(
    text: str, cue: str, expected: tuple[str, str]
) -> None:
    assert _received(text, cue) == expected


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor voiced support for the new library.", "support"),  # "for": what is supported
        ("The council drew criticism of the plan.", "criticism"),  # "of": left alone
        ("Local shop owners criticized the plan.", "criticized"),  # no nominal cue
        ("The senator released a letter from his doctor that says he is healthy.", "letter"),
        ("The newspaper obtained tax complaints from 1995.", "complaints"),  # a time, not a giver
        ("The plan drew complaints from last summer.", "complaints"),
    ],
)
def test_other_prepositions_keep_the_subject_as_source(text: str, cue: str) -> None:
    assert _received(text, cue) is None


def test_no_giver_prepositions_in_another_language() -> None:
    doc = _doc("The new zoning plan drew sharp criticism from local shop owners.")
    token = next(t for t in doc if t.text == "criticism")
    assert received_from(token, {token.i}, code="xx") is None


def _splits(text: str, cue_words: tuple[str, ...]) -> dict[str, str]:
    doc = _doc(text)
    cues = frozenset(t.i for t in doc if t.text in cue_words)
    return {
        t.text: " ".join(x.text for x in sorted(split_offs(t, cues), key=lambda x: x.i))
        for t in doc
        if t.i in cues
    }


def test_trailing_participle_leaves_every_outer_content() -> None:
    text = (
        "The mayor said the aide had claimed the budget was balanced, "
        "insisting that taxes would not rise."
    )
    splits = _splits(text, ("said", "claimed", "insisting"))
    assert splits["said"].startswith(", insisting that taxes would not rise")
    assert splits["claimed"].startswith(", insisting that taxes would not rise")


def test_trailing_relative_clause_is_a_trailing_clause() -> None:
    doc = _doc(
        "The mayor said that the aide had promised a new school, which the council rejected."
    )
    assert _trailing_clause(next(t for t in doc if t.text == "rejected"))


def test_relative_clause_inside_the_content_is_not_trailing() -> None:
    doc = _doc("The mayor said the budget, which the council disputed, was balanced.")
    assert not _trailing_clause(next(t for t in doc if t.text == "disputed"))


def test_participle_with_a_conjunction_is_not_trailing() -> None:
    doc = _doc("The mayor said the budget was balanced, while insisting that taxes would rise.")
    assert not _trailing_clause(next(t for t in doc if t.text == "insisting"))
