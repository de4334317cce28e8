"""Cue-head candidates and features for predicates that are not speech verbs: an adjective
after a copula with what it governs ("are worried that", "were critical of"), a possessor
("her view"), the word a relative clause describes, and copulas written as clitics
("they're"). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_model import candidate_indices, feature_keys, is_candidate
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")
NEW = frozenset({"pred", "nest", "nestb", "poss", "ante"})


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def new_keys(doc: Any, word: str) -> set[tuple[str, ...]]:
    token = next(t for t in doc if t.text == word)
    return {k for k in feature_keys(token, {}, {"worried": 0.35}) if k[0] in NEW}


def test_copula_sees_its_adjective_and_the_clause_under_it() -> None:
    doc = parsed("The growers are worried that the frost will ruin the harvest.")
    keys = new_keys(doc, "are")
    assert ("pred", "acomp", "worried") in keys
    assert ("nest", "acomp", "ccomp", "-") in keys
    assert ("nestb", "acomp", "ccomp", "3") in keys  # the adjective's cue-word rate band


def test_copula_sees_the_preposition_under_its_adjective() -> None:
    doc = parsed("The inspectors were critical of the new safety plan.")
    keys = new_keys(doc, "were")
    assert ("pred", "acomp", "critical") in keys
    assert ("nest", "acomp", "prep", "of") in keys


def test_a_verb_without_predicate_words_gets_none_of_them() -> None:
    doc = parsed("The growers sold the harvest.")
    assert new_keys(doc, "sold") == set()


def test_possessor_kind_of_a_noun() -> None:
    doc = parsed("In her view, the budget leaves the harbour without a ferry.")
    assert ("poss", "NOUN", "pron") in new_keys(doc, "view")


def test_relative_clause_knows_what_it_describes() -> None:
    doc = parsed("The engineer who warned about the cracks was ignored.")
    assert ("ante", "relcl", "noun") in new_keys(doc, "warned")


@pytest.mark.parametrize(
    ("text", "clitic"),
    [("They're hopeful that the river will fall.", "'re"), ("She’s sure it holds.", "’s")],
)
def test_copula_clitics_are_candidates(text: str, clitic: str) -> None:
    doc = parsed(text)
    token = next(t for t in doc if t.text == clitic)
    assert token.pos_ in ("AUX", "VERB")
    assert is_candidate(token)
    assert token.i in candidate_indices(doc)


def test_possessive_clitic_and_punctuation_are_not_candidates() -> None:
    doc = parsed("The mayor's plan - a bridge - was approved.")
    texts = [doc[i].text for i in candidate_indices(doc)]
    assert "'s" not in texts and "-" not in texts
    assert texts == [t.text for t in doc if is_candidate(t)]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The fishermen are tired of waiting for the new quay.",
            "are tired of",
            "waiting for the new quay",
        ),
        (
            "They're hopeful that the river will fall before the weekend.",
            "'re hopeful",
            "that the river will fall before the weekend",
        ),
    ],
)
def test_shipped_model_finds_adjective_predicates(text: str, cue: str, content: str) -> None:
    from newstrace.analyze.attribution import find_attributions
    from newstrace.analyze.sentences import split_sentences

    doc = parsed(text)
    sentences = split_sentences(text, language="en", doc=doc)
    found = find_attributions(text, language="en", sentences=sentences, doc=doc)
    assert [(a.cue.text, [c.text for c in a.content]) for a in found] == [(cue, [content])]
