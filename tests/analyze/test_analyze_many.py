"""``analyze_many`` parses articles in batches and gives exactly what ``analyze`` gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newstrace.analyze import analyze, analyze_many
from newstrace.analyze.nlp import load_nlp
from newstrace.analyze.options import AnalysisOptions
from newstrace.model import Article

TEXTS = [
    (
        "Officials at the Lakeside water board said on Tuesday that the old weir would be "
        "rebuilt by June.\n\nThe board's chairwoman, Mira Olsen, told the Valley Gazette: "
        '"We cannot wait another winter." Residents were not consulted, a neighbour said.',
        "en",
    ),
    (
        "The Valley Gazette reported that repairs to the weir could cost 4.5 million euros. "
        "However, an engineer said the estimate was premature and ruled out a June finish.",
        "en-GB",
    ),
    (
        "Представитель городской администрации заявил, что плотину отремонтируют к июню.",
        "ru",
    ),
    (
        "No decision on the weir has been taken, according to a spokesman for the council. "
        "He declined to comment on the cost.",
        None,
    ),
]


def _articles() -> list[Article]:
    return [
        Article.create(text, outlet=f"Outlet {i}", language=language, published="2026-03-0{i}")
        for i, (text, language) in enumerate(TEXTS, start=1)
    ]


def _spacy() -> AnalysisOptions:
    options = AnalysisOptions(backend="spacy")
    if load_nlp(options, "en") is None:
        pytest.skip("no English spaCy model installed")
    return options


@pytest.mark.parametrize("batch", [1, 2, 32])
def test_rules_mode_equals_one_by_one(batch: int) -> None:
    options = AnalysisOptions(backend="rules")
    articles = _articles()
    expected = [analyze(a, options) for a in articles]
    assert list(analyze_many(articles, options, batch_articles=batch)) == expected


@pytest.mark.parametrize("scope", ["all", "cue_sentences"])
@pytest.mark.parametrize("batch", [1, 3, 32])
def test_spacy_mode_equals_one_by_one(scope: str, batch: int) -> None:
    options = AnalysisOptions(backend="spacy", parse_scope=scope)  # type: ignore[arg-type]
    _spacy()
    articles = _articles()
    expected = [analyze(a, options) for a in articles]
    found = list(analyze_many(articles, options, batch_articles=batch))
    assert found == expected
    assert [f.article_id for f in found] == [a.id for a in articles]
    assert any(f.mentions for f in found) and any(f.claims for f in found)


def test_input_is_read_one_batch_at_a_time() -> None:
    articles = _articles()
    taken: list[str] = []

    def stream() -> Iterator[Article]:
        for article in articles:
            taken.append(article.id)
            yield article

    results = analyze_many(stream(), AnalysisOptions(backend="rules"), batch_articles=2)
    first = next(results)
    assert first.article_id == articles[0].id
    assert taken == [articles[0].id, articles[1].id]
    assert len(list(results)) == len(articles) - 1


def test_nothing_in_nothing_out() -> None:
    assert list(analyze_many([], AnalysisOptions(backend="rules"))) == []
