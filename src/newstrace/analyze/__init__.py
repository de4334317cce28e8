"""Per-article analysis: ``Article -> ArticleAnalysis``, pure and the same everywhere.

The stage runs sentence splitting, attribution, mention finding, speaker resolution,
quantities, time expressions and claims over one article's final text. Every span it returns
points into ``article.text``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from newstrace._callable import make_callable
from newstrace.analyze.attribution import find_attributions
from newstrace.analyze.claims import build_claims
from newstrace.analyze.dates import find_dates
from newstrace.analyze.mentions import find_mentions
from newstrace.analyze.nlp import BATCH_TEXTS, EntityScope, parse, parse_many
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.quantities import find_quantities
from newstrace.analyze.sentences import split_sentences
from newstrace.analyze.speakers import resolve_attributions
from newstrace.model import Article, ArticleAnalysis

__all__ = ["AnalysisOptions", "analyze", "analyze_many"]


def analyze(article: Article, options: AnalysisOptions | None = None) -> ArticleAnalysis:
    """Analyse one article: sentences, mentions, quantities, dates, attributions and claims."""
    opts = options or AnalysisOptions()
    language = _article_language(article, opts)
    return _analyze_parsed(article, language, parse(article.text, opts, language))


def analyze_many(
    articles: Iterable[Article],
    options: AnalysisOptions | None = None,
    *,
    batch_articles: int = BATCH_TEXTS,
) -> Iterator[ArticleAnalysis]:
    """The analysis of each article, in order, exactly as :func:`analyze` makes it.

    Up to ``batch_articles`` articles at a time are parsed together (one spaCy pipe per
    language, :func:`~newstrace.analyze.nlp.parse_many`), which is faster than parsing them one
    by one; memory is bounded by one batch. The input is consumed lazily, batch by batch.
    """
    opts = options or AnalysisOptions()
    stream = iter(articles)
    while batch := list(itertools.islice(stream, max(1, batch_articles))):
        languages = [_article_language(a, opts) for a in batch]
        docs = _parse_by_language(batch, languages, opts)
        for article, language, doc in zip(batch, languages, docs, strict=True):
            yield _analyze_parsed(article, language, doc)


def _article_language(article: Article, options: AnalysisOptions) -> str:
    """The bare language code ``analyze`` works in (``"en-GB"`` -> ``"en"``)."""
    return (article.language or options.default_language).split("-")[0].lower()


def _parse_by_language(
    batch: list[Article], languages: list[str], options: AnalysisOptions
) -> list[Any | None]:
    """One parse (``None`` in rules mode) per article, the articles of a language together."""
    docs: list[Any | None] = [None] * len(batch)
    for language in dict.fromkeys(languages):
        where = [i for i, lang in enumerate(languages) if lang == language]
        texts = [batch[i].text for i in where]
        # with everything parsed, entities "in the parsed pieces" are entities in the whole
        # text, as ``parse`` finds them, but found for the whole batch at once
        entities: EntityScope = "parsed" if options.parse_scope == "all" else "all"
        docs_of = parse_many(texts, options, language, entities=entities)
        for i, doc in zip(where, docs_of, strict=True):
            docs[i] = doc
    return docs


def _analyze_parsed(article: Article, language: str, doc: Any | None) -> ArticleAnalysis:
    """Everything after parsing, for one article and its ``doc`` (``None``: rules only)."""
    text = article.text
    sentences = split_sentences(text, language=language, doc=doc)
    raw = find_attributions(text, language=language, sentences=sentences, doc=doc)
    mentions = find_mentions(text, language=language, doc=doc, outlet=article.outlet)
    attributions = resolve_attributions(
        text, raw, mentions, sentences, language=language, outlet=article.outlet
    )
    quantities = find_quantities(text, language=language)
    dates = find_dates(text, language=language, published=article.published_date())
    note_spans = tuple(n.span for n in article.notes if n.span is not None)
    claims = build_claims(
        article.id,
        text,
        sentences,
        attributions,
        quantities=quantities,
        dates=dates,
        mentions=mentions,
        note_spans=note_spans,
        outlet=article.outlet,
        language=language,
    )
    return ArticleAnalysis(
        article_id=article.id,
        language=language,
        sentences=sentences,
        mentions=mentions,
        quantities=quantities,
        dates=dates,
        attributions=attributions,
        claims=claims,
    )


make_callable(__name__, analyze)
