"""Which of a cue's own arguments is its content: the object of a preposition the cue span
holds; an infinitive or object after the cue over the clause the cue clause hangs on (or an
unquoted clause before it), not when the object is a pronoun; the first prepositional phrase
that is neither a time expression nor a name; an adjacent quotation over prepositional
phrases alone (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze._attr_dep import find_with_parse
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_model import load_cue_model
from newstrace.analyze._attr_objects import only_prepositions, prepositional_object
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def _doc(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def content(text: str, *cue: str) -> str:
    """The content the parse gives a cue made of the words ``cue`` (the first is its head)."""
    doc = _doc(text)
    words = [next(t for t in doc if t.text == word) for word in cue]
    ranges = _content_ranges(words[0], {t.i for t in words})
    return " | ".join(text[a:b] for a, b in ranges)


def test_preposition_in_the_cue_gives_its_object() -> None:
    text = "The minister ducked the question, pointing to his record on housing."
    assert content(text, "pointing", "to") == "his record on housing"


def test_preposition_outside_the_cue_leaves_the_aside_reading() -> None:
    text = "The minister ducked the question, pointing to his record on housing."
    assert "ducked the question" in content(text, "pointing")


def test_own_object_over_the_governing_clause() -> None:
    text = "Border agents stopped thousands of families last year, most of them seeking asylum."
    assert content(text, "seeking") == "asylum"


def test_object_after_the_cue_over_an_unquoted_clause_before_it() -> None:
    text = (
        "There is an inquiry into the contract, courts are still ordering the release of the files."
    )
    assert content(text, "ordering") == "the release of the files"


def test_quoted_clause_before_the_cue_stays_the_content() -> None:
    assert content('"The plan is sound," the mayor told reporters.', "told") == "The plan is sound"


def test_pronoun_object_leaves_the_clause_before_the_cue() -> None:
    assert content("The plan is sound, the mayor told him.", "told") == "The plan is sound"


def test_time_phrase_is_passed_over_for_the_next_phrase() -> None:
    assert content("The union agreed in 2011 to a two-tier pay scale.", "agreed") == (
        "a two-tier pay scale"
    )


def test_named_recipient_is_passed_over_for_the_next_phrase() -> None:
    text = "The governor apologized to Smith for the long delay."
    assert content(text, "apologized") == "the long delay"


def test_only_circumstances_give_no_content() -> None:
    doc = _doc("The mayor spoke in Denver on Friday.")
    spoke = next(t for t in doc if t.text == "spoke")
    assert prepositional_object(spoke) == []
    assert content("The mayor spoke in Denver on Friday.", "spoke") == ""


def test_topic_phrase_after_a_time_phrase() -> None:
    assert content("The mayor spoke on Friday about the budget.", "spoke") == "the budget"


def test_only_prepositions() -> None:
    doc = _doc("The mayor tweeted on Sunday. The mayor tweeted a photo on Sunday.")
    first, second = [t for t in doc if t.text == "tweeted"]
    assert only_prepositions(first, {first.i})
    assert not only_prepositions(second, {second.i})


def test_adjacent_quotation_over_a_prepositional_phrase() -> None:
    text = (
        "A resident asked about the bridge.\n\n"
        "“We will build it by May.” The mayor said in response."
    )
    doc = _doc(text)
    if load_cue_model("en") is None:
        pytest.skip("no cue model installed")
    sentences = split_sentences(text, language="en", doc=doc)
    found = {a.cue.text: a for a in find_with_parse(text, doc, sentences, load_language("en"))}
    said = next(a for cue, a in found.items() if "said" in cue)
    assert [c.text for c in said.content] == ["“We will build it by May.”"]
