"""Asides left out of a claim's matched text; a shared subject carried into a predicate."""

from __future__ import annotations

from newstrace.link._match_clause import carried_subject, without_asides
from newstrace.model import Span


def test_appositive_and_relative_clause_are_left_out() -> None:
    text = "inspectors from Hydrocorp, the firm that runs the weir, found a leak"
    assert " ".join(without_asides(text, "en").split()) == "inspectors from Hydrocorp found a leak"
    text = "the mayor, who took office in May, closed the bridge"
    assert " ".join(without_asides(text, "en").split()) == "the mayor closed the bridge"


def test_list_items_and_other_languages_are_kept() -> None:
    listed = "apples, the pears, and plums were sold"
    assert without_asides(listed, "en") == listed
    ru = "завод, который построили в 1960 году, закрыли"
    assert " ".join(without_asides(ru, "ru").split()) == "завод закрыли"
    assert without_asides("the mayor, the judge, left", "de") == "the mayor, the judge, left"


def _sentence_and_spans(sentence: str, first: str, second: str) -> tuple[Span, Span, Span]:
    whole = Span.of(sentence, 0, len(sentence), "sentence")
    a = sentence.index(first)
    b = sentence.index(second)
    return whole, Span.of(sentence, a, a + len(first)), Span.of(sentence, b, b + len(second))


def test_second_predicate_takes_the_first_ones_subject() -> None:
    sentence = "The council has hired 12 ferries and has opened two gyms for the night."
    whole, first, second = _sentence_and_spans(
        sentence, "The council has hired 12 ferries", "has opened two gyms for the night"
    )
    assert carried_subject(second, whole, [first], "en") == "The council"


def test_subject_skips_an_appositive() -> None:
    sentence = "Crews from Voltnet, the grid firm, repaired the line and restored power by noon."
    whole, first, second = _sentence_and_spans(
        sentence, "Crews from Voltnet, the grid firm, repaired the line", "restored power by noon"
    )
    assert carried_subject(second, whole, [first], "en") == "Crews from Voltnet"


def test_no_subject_without_an_and_or_a_verb_opening() -> None:
    sentence = "The council has hired 12 ferries; two gyms will open for the night."
    whole, first, second = _sentence_and_spans(
        sentence, "The council has hired 12 ferries", "two gyms will open for the night"
    )
    assert carried_subject(second, whole, [first], "en") is None
    sentence = "The council has hired 12 ferries, has opened two gyms for the night."
    whole, first, second = _sentence_and_spans(
        sentence, "The council has hired 12 ferries", "has opened two gyms for the night"
    )
    assert carried_subject(second, whole, [first], "en") is None
