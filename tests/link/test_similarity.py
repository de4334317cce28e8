"""Tests for newstrace.link.similarity: components, blends, explanations and the 1..4 scale."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import numpy as np
import pytest

from newstrace.link.embed import EmbeddingOptions
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.similarity import (
    LEXICAL_BLEND,
    Blend,
    blends_from_json,
    choose_blend,
    components,
    overlap,
    packaged_blends,
    similarity,
    similarity_score,
    term_cosine,
    time_agreement,
    to_semeval_scale,
)
from newstrace.model import Article

BRIDGE_A = (
    "Ferry capsizes off Lindholm island, 14 missing\n"
    "A passenger ferry operated by Nordvik Lines capsized on Tuesday near Lindholm island. "
    "Coastguard commander Ragna Holt said 14 people were missing and 212 had been rescued. "
    "The ferry, the Saltvik Star, was sailing from Brekka harbour in heavy seas."
)
BRIDGE_B = (
    "Search continues for 14 after Saltvik Star ferry sinks near Lindholm\n"
    "Rescuers pulled 212 passengers from the water after the Saltvik Star, a Nordvik Lines "
    "vessel, overturned near Lindholm island, commander Ragna Holt of the coastguard told "
    "reporters. Fourteen people remain missing after the ferry left Brekka harbour."
)
UNRELATED = (
    "City council approves budget for new cycling lanes\n"
    "The council of Tarnwick voted 31 to 9 to fund forty kilometres of protected cycling "
    "lanes, mayor Elspeth Quarry announced. Construction is planned to start in the spring."
)


def _evidence(text: str, language: str = "en", published: str | None = None) -> ArticleEvidence:
    title, _, _ = text.partition("\n")
    article = Article(
        id=str(abs(hash(text))), text=text, title=title, language=language, published=published
    )
    return article_evidence(article, embedding=EmbeddingOptions(model="none"))


def test_same_story_scores_higher_than_unrelated() -> None:
    a, b, c = _evidence(BRIDGE_A), _evidence(BRIDGE_B), _evidence(UNRELATED)
    same, other = similarity(a, b), similarity(a, c)
    assert same.score > other.score + 0.2
    assert same.semeval < other.semeval
    assert same.blend == LEXICAL_BLEND


def test_explanation_lists_shared_evidence() -> None:
    result = similarity(_evidence(BRIDGE_A), _evidence(BRIDGE_B))
    assert "212" in result.shared_numbers
    assert "14" in result.shared_numbers
    assert len(result.shared_entities) >= 3  # Lindholm, Ragna Holt, Saltvik Star, ...
    assert "lindholm" in result.shared_terms
    assert set(result.components) >= {"terms", "entities", "numbers", "years", "time"}
    data = result.to_dict()
    assert json.loads(json.dumps(data))["score"] == pytest.approx(result.score, abs=1e-4)


def test_identical_articles_score_near_the_top() -> None:
    a = _evidence(BRIDGE_A)
    result = similarity(a, a)
    assert result.components["terms"] == pytest.approx(1.0)
    assert result.components["entities"] > 0.5
    assert result.score > 0.8


def test_similarity_is_symmetric() -> None:
    a, b = _evidence(BRIDGE_A), _evidence(BRIDGE_B)
    assert similarity(a, b).score == pytest.approx(similarity(b, a).score)


def test_similarity_score_matches_the_full_result() -> None:
    a, b, c = _evidence(BRIDGE_A), _evidence(BRIDGE_B), _evidence(UNRELATED, published="2024-01-01")
    for x, y in ((a, b), (a, c), (b, c), (a, _evidence(""))):
        assert similarity_score(x, y) == pytest.approx(similarity(x, y).score)


def test_empty_article_is_similar_to_nothing() -> None:
    empty = _evidence("")
    assert empty.is_empty
    result = similarity(empty, _evidence(BRIDGE_A))
    assert result.score == 0.0
    assert result.semeval == 4.0


def test_distant_dates_damp_the_score() -> None:
    close_a = _evidence(BRIDGE_A, published="2024-03-01")
    close_b = _evidence(BRIDGE_B, published="2024-03-04")
    far_b = _evidence(BRIDGE_B, published="2024-09-01")
    near, far = similarity(close_a, close_b), similarity(close_a, far_b)
    assert near.components["time"] == 1.0
    assert far.components["time"] < 0.5
    assert far.score < near.score


def test_time_agreement_without_dates_is_neutral() -> None:
    a, b = _evidence(BRIDGE_A), _evidence(BRIDGE_B, published="2020-01-01")
    assert time_agreement(a, b) == 1.0


def test_time_agreement_decays_with_the_gap_down_to_a_floor() -> None:
    base = _evidence(BRIDGE_A)
    start = dataclasses.replace(base, published=date(2024, 1, 1))
    values = [
        time_agreement(start, dataclasses.replace(base, published=date(2024, 1, 1) + gap))
        for gap in (timedelta(days=3), timedelta(days=30), timedelta(days=90), timedelta(400))
    ]
    assert values[0] == 1.0
    assert values[0] > values[1] > values[2] >= values[3]
    assert values[3] == pytest.approx(0.25)


def test_overlap_is_damped_for_small_sets() -> None:
    assert overlap(frozenset({"x"}), frozenset({"x"})) == pytest.approx(0.5)
    assert overlap(frozenset("abcd"), frozenset("abcz")) == pytest.approx(3 / 5)
    assert overlap(frozenset(), frozenset("a")) == 0.0


def test_term_cosine_bounds() -> None:
    assert term_cosine({"a": 0.6, "b": 0.8}, {"a": 0.6, "b": 0.8}) == pytest.approx(1.0)
    assert term_cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert term_cosine({"a": 0.6, "b": 0.8}, {"a": 1.0}) == pytest.approx(0.6)


def test_to_semeval_scale_maps_and_clamps() -> None:
    assert to_semeval_scale(1.0) == 1.0
    assert to_semeval_scale(0.0) == 4.0
    assert to_semeval_scale(0.5) == 2.5
    assert to_semeval_scale(7.0) == 1.0
    assert to_semeval_scale(-1.0) == 4.0


def _with_vector(evidence: ArticleEvidence, vector: list[float]) -> ArticleEvidence:
    return dataclasses.replace(evidence, embedding=np.asarray(vector, dtype=np.float32))


def test_embedding_component_and_blend_choice() -> None:
    blends = {
        LEXICAL_BLEND: Blend(LEXICAL_BLEND, 0.0, {"terms": 1.0}),
        "toy": Blend("toy", 0.0, {"embedding": 1.0}, dimension=3),
    }
    a = _with_vector(_evidence(BRIDGE_A), [1.0, 0.0, 0.0])
    b = _with_vector(_evidence(UNRELATED), [0.6, 0.8, 0.0])
    assert components(a, b)["embedding"] == pytest.approx(0.6)
    result = similarity(a, b, blends)
    assert result.blend == "toy"
    assert result.score == pytest.approx(0.6)
    other_dimension = _with_vector(_evidence(UNRELATED), [1.0, 0.0])
    assert "embedding" not in components(a, other_dimension)
    assert choose_blend(a, other_dimension, blends).name == LEXICAL_BLEND
    assert choose_blend(a, _evidence(BRIDGE_B), blends).name == LEXICAL_BLEND


def test_negative_cosine_is_clipped_to_zero() -> None:
    a = _with_vector(_evidence(BRIDGE_A), [1.0, 0.0])
    b = _with_vector(_evidence(BRIDGE_B), [-1.0, 0.0])
    assert components(a, b)["embedding"] == 0.0


def test_blend_clips_to_unit_interval() -> None:
    blend = Blend("x", 0.5, {"terms": 2.0})
    assert blend.apply({"terms": 1.0}) == 1.0
    assert Blend("x", -0.5, {"terms": 0.1}).apply({"terms": 1.0}) == 0.0
    assert blend.apply({}) == 0.5


def test_packaged_blends_cover_lexical_and_both_encoders() -> None:
    blends = packaged_blends()
    assert LEXICAL_BLEND in blends
    dimensions = {b.dimension for b in blends.values()}
    assert {512, 384} <= dimensions
    for blend in blends.values():
        assert blend.weights, blend.name
        assert all(np.isfinite(w) for w in blend.weights.values())


def test_blends_from_json_rejects_a_table_without_lexical() -> None:
    with pytest.raises(ValueError, match="lexical"):
        blends_from_json({"blends": {"use": {"intercept": 0, "weights": {}}}})
    with pytest.raises(ValueError):
        blends_from_json({})


def test_cross_script_names_meet_through_entity_keys() -> None:
    english = _evidence(
        "Pipeline talks in the capital\n"
        "On Friday the gas company chief Alexei Miller held talks with the oil executive "
        "Igor Sechin about a new pipeline."
    )
    russian = _evidence(
        "Переговоры о трубопроводе\n"
        "В пятницу глава газовой компании Алексей Миллер провёл переговоры с нефтяником "
        "Игорь Сечин о новом трубопроводе.",
        language="ru",
    )
    result = similarity(english, russian)
    assert result.components["entities"] > 0.0
    assert set(result.shared_entities) >= {"aleksei miler", "igor sechin"}


@pytest.mark.slow
def test_packaged_encoder_links_a_translation() -> None:
    options = EmbeddingOptions(model="use")
    english = Article(id="en1", text=BRIDGE_A, language="en")
    russian = Article(
        id="ru1",
        language="ru",
        text=(
            "Паром перевернулся у острова Линдхольм, 14 человек пропали без вести\n"
            "Пассажирский паром компании Nordvik Lines перевернулся во вторник у острова "
            "Линдхольм. По словам командира береговой охраны, 212 человек спасены."
        ),
    )
    other = Article(id="en2", text=UNRELATED, language="en")
    a, b, c = (article_evidence(x, embedding=options) for x in (english, russian, other))
    same, different = similarity(a, b), similarity(a, c)
    assert same.blend != LEXICAL_BLEND
    assert same.components["embedding"] > different.components["embedding"]
    assert same.score > different.score
