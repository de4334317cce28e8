"""Tests for the candidate index: rare keys find related articles; posting lists stay bounded."""

from __future__ import annotations

from datetime import date

from newstrace.link.evidence import ArticleEvidence
from newstrace.link.index import CandidateIndex, IndexOptions, article_keys


def evidence(
    aid: str, terms: dict[str, float], entities: set[str], numbers: set[str]
) -> ArticleEvidence:
    return ArticleEvidence(
        article_id=aid,
        language="en",
        terms=terms,
        entities=frozenset(entities),
        numbers=frozenset(numbers),
        years=frozenset(),
        published=date(2024, 5, 1),
        lead="",
    )


def test_keys_cover_entities_numbers_and_top_terms() -> None:
    ev = evidence(
        "a", {"quarry": 0.8, "blast": 0.6, "minor": 0.01}, {"orvil kounti"}, {"4200", "12"}
    )
    keys = article_keys(ev, IndexOptions(terms_per_article=2))
    assert "e:orvil kounti" in keys
    assert "n:4200" in keys
    assert "n:12" not in keys  # two-digit numbers are too common to file under
    assert {"t:quarry", "t:blast"} <= keys.keys()
    assert "t:minor" not in keys


def test_query_ranks_articles_sharing_more_keys_first() -> None:
    index = CandidateIndex()
    quarry = evidence("q", {"quarry": 0.9, "blast": 0.4}, {"orvil kounti"}, {"4200"})
    ferry = evidence("f", {"ferry": 0.9, "timetable": 0.4}, {"port lindi"}, {"315"})
    index.add(0, article_keys(quarry, index.options))
    index.add(1, article_keys(ferry, index.options))
    probe = evidence("p", {"quarry": 0.7, "dust": 0.7}, {"orvil kounti"}, {"4200"})
    hits = index.query(article_keys(probe, index.options))
    assert [number for number, _ in hits] == [0]
    assert len(index) == 2


def test_posting_lists_are_capped_so_a_burst_stays_bounded() -> None:
    index = CandidateIndex(IndexOptions(posting_cap=16))
    for number in range(2000):
        index.add(number, ["e:same event", f"t:word{number % 50}"])
    hits = index.query({"e:same event": 2.0}, limit=100)
    assert len(hits) == 16
    assert min(number for number, _ in hits) == 2000 - 16  # the most recent are kept
    assert index.key_count == 51


def test_frequent_keys_weigh_less() -> None:
    index = CandidateIndex(IndexOptions(posting_cap=8))
    for number in range(100):
        index.add(number, ["e:common"])
    index.add(100, ["e:rare"])
    assert index.weight("e:rare", 2.0) > index.weight("e:common", 2.0)
