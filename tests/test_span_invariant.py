"""Every span any stage produces points into the article's final text.

``article.text[s.start:s.end] == s.text`` must hold for editorial notes and for every layer of
the analysis (sentences, mentions, quantities, dates, attributions, claims), whatever the input.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.ingest.clean import clean_text
from newstrace.ingest.notes import find_notes
from newstrace.model import Article, ArticleAnalysis, Span

RULES = AnalysisOptions(backend="rules")

FRAGMENTS = [
    "The ministry said",
    "“We will not stop,” she told reporters.",
    "according to two officials,",
    "Reuters reported on Friday that",
    "«Мы не отступим», — заявил министр.",
    "по данным издания «Вёрстка»,",
    "about 1,500 people",
    "between 500-600 a day",
    "on March 25",
    "in autumn 2023",
    "An earlier version of this article said 20. This has been changed to 30.",
    "Updated with comments from the mayor.",
    "he added.",
    "\n\n",
    "\n",
    '"',
    "«",
    "— ",
    "🙂",
    "\x00\x07",
    "Mr. J. R. Smith, 3.5 km",
]

news_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=25).map(" ".join)


def spans_of(analysis: ArticleAnalysis) -> Iterator[Span]:
    """Every span in an analysis, whatever layer it belongs to."""
    yield from analysis.sentences
    for mention in analysis.mentions:
        yield mention.span
    for quantity in analysis.quantities:
        yield quantity.span
    for time in analysis.dates:
        yield time.span
    for attribution in (*analysis.attributions, *(c.attribution for c in analysis.claims)):
        if attribution.speaker.span is not None:
            yield attribution.speaker.span
        if attribution.cue is not None:
            yield attribution.cue
        yield from attribution.content
    for claim in analysis.claims:
        yield claim.sentence
        yield claim.content
        for group in (claim.quantities, claim.dates, claim.mentions):
            for item in group:
                yield item.span


def check(raw: str, language: str) -> None:
    cleaned = clean_text(raw, language=language)
    notes = find_notes(cleaned.text)
    article = Article.create(cleaned.text, language=language, published="2024-03-22", notes=notes)
    text = article.text
    for note in notes:
        assert note.span is not None
        assert text[note.span.start : note.span.end] == note.span.text
    for span in spans_of(analyze(article, RULES)):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like, st.sampled_from(["en", "ru"]))
def test_spans_stay_true_to_the_text(raw: str, language: str) -> None:
    check(raw, language)


def test_spans_on_pathological_inputs() -> None:
    for raw in ["", " ", "\n\n\n", "“" * 500, "a." * 2000, "Он сказал: «" * 50, "🙂" * 300]:
        check(raw, "en")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_spans_stay_true_with_the_spacy_backend(raw: str) -> None:
    cleaned = clean_text(raw, language="en")
    article = Article.create(cleaned.text, language="en", published="2024-03-22")
    for span in spans_of(analyze(article, AnalysisOptions(backend="spacy"))):
        assert article.text[span.start : span.end] == span.text
