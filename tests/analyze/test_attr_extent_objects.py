"""Cue-extent features for words under a kept preposition and for direct objects, and the mark
of a left-out adverbial clause (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_extent import (
    child_features,
    cue_extent,
    load_extent_weights,
    walk,
)
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_model import band
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


def words_of(tokens: list[Any]) -> list[str]:
    return [str(t.text) for t in tokens]


def test_word_under_kept_preposition_names_head_and_preposition() -> None:
    doc = parsed("The mayor accused the council of wasting money.")
    head, prep = token(doc, "accused"), token(doc, "of")
    assert prep.head.i == head.i and prep.dep_ == "prep"
    below = next(c for c in prep.children)
    feats = child_features(head, prep, below, {"accuse": 0.45}, {})
    assert f"hp=accuse|of|{below.dep_}" in feats
    assert f"hbp={band(0.45)}|of|{below.dep_}" in feats
    # the preposition itself, a child of the head, gets neither
    top = child_features(head, head, prep, {"accuse": 0.45}, {})
    assert not [f for f in top if f.startswith(("hp=", "hbp="))]


def test_direct_object_names_its_preposition_and_cue_rate() -> None:
    doc = parsed("Several senators expressed misgivings about the new tariffs.")
    head, obj = token(doc, "expressed"), token(doc, "misgivings")
    assert obj.dep_ == "dobj"
    feats = child_features(head, head, obj, {"misgiving": 0.3}, {})
    assert "op=about" in feats
    assert "ob=3|1" in feats
    assert any(f.startswith("oc=") and f.endswith("|NOUN") for f in feats)


def test_direct_object_without_preposition() -> None:
    doc = parsed("The mayor signed the budget yesterday.")
    head, obj = token(doc, "signed"), token(doc, "budget")
    assert obj.dep_ == "dobj"
    feats = child_features(head, head, obj, {}, {})
    assert "op=-" in feats
    assert "oc=0000|NOUN" in feats
    assert "ob=none|1" in feats
    # other children get no object features
    det = token(doc, "the")
    assert not [f for f in child_features(head, obj, det, {}, {}) if f.startswith("op=")]


def test_object_features_move_the_extent() -> None:
    doc = parsed("Several senators expressed misgivings about the new tariffs.")
    head = token(doc, "expressed")
    base = {"bias": -1.0, "d=prep|R|0": 2.0}
    assert words_of(cue_extent(head, base, {}, {})) == ["expressed"]
    taken = cue_extent(head, {**base, "op=about": 2.0}, {}, {})
    assert words_of(taken) == ["expressed", "misgivings", "about"]


def test_preposition_features_move_the_extent() -> None:
    doc = parsed("The spokesman spoke in an interview that aired on Monday.")
    head = token(doc, "spoke")
    prep = token(doc, "in")
    obj = next(c for c in prep.children)
    base = {"bias": -1.0, "d=prep|R|1": 2.0, "d=det|R|0": 2.0}
    assert words_of(cue_extent(head, base, {}, {})) == ["spoke", "in"]
    weights = {**base, f"hp=speak|in|{obj.dep_}": 2.0}
    assert words_of(cue_extent(head, weights, {}, {})) == ["spoke", "in", "an", "interview"]


def test_shipped_extent_takes_object_and_its_preposition() -> None:
    doc = parsed("Several senators have expressed misgivings about the new tariffs.")
    lang = load_language("en")
    weights = load_extent_weights("en")
    assert weights is not None
    words: dict[str, float] = lang.extra.get("cue_word_rates", {})
    tokens = cue_extent(token(doc, "expressed"), weights, lang.cue_lemmas, words)
    assert words_of(tokens) == ["have", "expressed", "misgivings", "about"]


def test_mark_of_left_out_adverbial_clause_is_asked() -> None:
    doc = parsed("The senator is calling for the city to act.")
    head = token(doc, "calling")
    mark = token(doc, "for")
    asked: list[tuple[str, str]] = []

    def decide(parent: Any, child: Any) -> bool:
        asked.append((str(parent.text), str(child.text)))
        return False

    walk(head, decide)
    assert mark.dep_ == "mark" and mark.head.dep_ == "advcl"
    assert (str(mark.head.text), "for") in asked  # asked with its clause as the parent
    base = {"bias": -1.0, "d=aux|L|1": 2.0}
    assert words_of(cue_extent(head, base, {}, {})) == ["is", "calling"]
    taken = cue_extent(head, {**base, "dw=mark|for|R": 2.0}, {}, {})
    assert words_of(taken) == ["is", "calling", "for"]


def test_complement_marks_are_never_asked() -> None:
    doc = parsed("The mayor asked whether the plan was legal and said that it was not.")
    for word in ("asked", "said"):
        head = token(doc, word)
        asked: list[str] = []

        def decide(parent: Any, child: Any, asked: list[str] = asked) -> bool:
            asked.append(str(child.text))
            return True

        chosen = walk(head, decide)
        assert "whether" not in asked and "that" not in asked
        assert token(doc, "whether").i not in chosen


def test_shipped_extent_takes_mark_of_called_for_clause() -> None:
    doc = parsed("Activists have called for the minister to resign.")
    lang = load_language("en")
    weights = load_extent_weights("en")
    assert weights is not None
    words: dict[str, float] = lang.extra.get("cue_word_rates", {})
    tokens = cue_extent(token(doc, "called"), weights, lang.cue_lemmas, words)
    assert words_of(tokens) == ["have", "called", "for"]
