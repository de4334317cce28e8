"""Per-article analysis: ``Article -> ArticleAnalysis``, pure and the same everywhere.

The stage runs sentence splitting, attribution, mention finding, speaker resolution,
quantities, time expressions and claims over one article's final text. Every span it returns
points into ``article.text``.
"""

from __future__ import annotations

from newstrace._callable import make_callable
from newstrace.analyze.attribution import find_attributions
from newstrace.analyze.claims import build_claims
from newstrace.analyze.dates import find_dates
from newstrace.analyze.mentions import find_mentions
from newstrace.analyze.nlp import parse
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.quantities import find_quantities
from newstrace.analyze.sentences import split_sentences
from newstrace.analyze.speakers import resolve_attributions
from newstrace.model import Article, ArticleAnalysis

__all__ = ["AnalysisOptions", "analyze"]


def analyze(article: Article, options: AnalysisOptions | None = None) -> ArticleAnalysis:
    """Analyse one article: sentences, mentions, quantities, dates, attributions and claims."""
    opts = options or AnalysisOptions()
    text = article.text
    language = (article.language or opts.default_language).split("-")[0].lower()
    doc = parse(text, opts, language)
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
