"""What an article offers as evidence for story linking, computed once per article.

Evidence is language-aware but meant to work across languages: weighted key terms (IDF from
the ``wordfreq`` tables of the article's language, so a term's weight does not depend on what
happened to arrive before it), entity keys that survive transliteration, numbers and dates
(language-independent anchors), and a multilingual embedding of the headline and lead.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from newstrace.analyze.keys import canonical_key
from newstrace.link.embed import EmbeddingOptions, embed
from newstrace.link.zipf import zipf_frequency
from newstrace.model import Article, ArticleAnalysis

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?!\d)|(?<![\w.,])\d+(?!\d)")
_CAPSEQ = re.compile(
    r"(?:[A-ZА-ЯЁ][\w’'-]+)(?:\s+(?:(?:of|de|al|von|van|the)\s+)?[A-ZА-ЯЁ][\w’'-]+)*", re.UNICODE
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
COMMON_ZIPF = 5.2  # words at least this frequent in their language carry no story signal
LEAD_CHARS = 600
SALIENT_MENTIONS = 2  # an entity named this often, once in the lead, is what the article is about
DATELINE_CHARS = 300  # a date this close to the top is the article's own date
_URL_LINE = re.compile(r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.)\s*\S[^\n]*\n?", re.IGNORECASE)
_URL_DATE = re.compile(r"/(19[5-9]\d|20\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")
MAX_TERMS = 400


@dataclass(frozen=True, slots=True)
class ArticleEvidence:
    """Story-linking evidence for one article (see the module docstring)."""

    article_id: str
    language: str
    terms: dict[str, float]
    entities: frozenset[str]
    numbers: frozenset[str]
    years: frozenset[str]
    published: date | None
    lead: str
    embedding: npt.NDArray[np.float32] | None = field(default=None, compare=False)
    lead_entities: frozenset[str] = frozenset()
    inferred_date: date | None = None

    @property
    def is_empty(self) -> bool:
        """True when the article has no usable text evidence at all."""
        return not self.terms and not self.entities and self.embedding is None


@functools.lru_cache(maxsize=64)
def frequency_language(language: str) -> bool:
    """Whether word frequencies can be looked up for ``language`` here.

    Unknown codes have no table, and Japanese and Korean need MeCab, which is not installed by
    default; such articles fall back to flat term weights instead of failing.
    """
    if not language:
        return False
    try:
        zipf_frequency("a", language)
    except (LookupError, ImportError):
        return False
    return True


@functools.lru_cache(maxsize=200_000)
def term_weight(word: str, language: str) -> float:
    """Inverse-frequency weight of a lowercase word in a language (0 for very common words)."""
    zipf = zipf_frequency(word, language) if frequency_language(language) else 0.0
    if zipf >= COMMON_ZIPF:
        return 0.0
    return max(0.5, 7.0 - zipf)


def weighted_terms(text: str, language: str, boosted: Iterable[str] = ()) -> dict[str, float]:
    """L2-normalised log-tf x inverse-frequency weights of the text's words."""
    counts = Counter(w.lower() for w in _WORD.findall(text) if len(w) > 2)
    boost = set(boosted)
    weights: dict[str, float] = {}
    for word, count in counts.items():
        weight = (1.0 + math.log(count)) * term_weight(word, language)
        if weight > 0:
            weights[word] = weight * (2.0 if word in boost else 1.0)
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: v / norm for w, v in top}


def entity_names(text: str, language: str) -> list[str]:
    """Capitalised name sequences, without sentence-initial common words."""
    names = []
    for match in _CAPSEQ.finditer(text):
        name = match.group(0)
        if " " not in name and term_weight(name.lower(), language) < 2.5:
            continue
        names.append(name)
    return names


def normalise_number(raw: str) -> str:
    """ "300,000" / "300 000" / "300.000" -> "300000"."""
    return re.sub(r"[ ,.\u00a0\u202f]", "", raw)


def lead_text(article: Article) -> str:
    """Headline plus the opening of the body: what carries the story."""
    body = article.text
    title = article.title or ""
    if title and body.startswith(title):
        body = body[len(title) :]
    return f"{title}\n{body.strip()[:LEAD_CHARS]}".strip()


def article_evidence(
    article: Article,
    analysis: ArticleAnalysis | None = None,
    embedding: EmbeddingOptions | None = None,
) -> ArticleEvidence:
    """Compute an article's evidence; ``analysis`` adds mentions, quantities and dates."""
    language = (article.language or "en").split("-")[0].lower()
    body = strip_url_lines(article.text)
    text = f"{article.title or ''}\n{body}"
    names = entity_names(text, language)
    if analysis is not None:
        names += [m.span.text for m in analysis.mentions if m.kind != "role"]
    entities = frozenset(k for k in (canonical_key(n) for n in names) if k)
    name_words = {w.lower() for n in names for w in n.split()}
    numbers = {normalise_number(m.group(0)) for m in _NUMBER.finditer(text)}
    if analysis is not None:
        numbers |= {_number_key(q.low) for q in analysis.quantities}
    years = frozenset(_YEAR.findall(text))
    numbers = {n for n in numbers if n not in years and len(n) >= 2}
    lead = lead_text(replace(article, text=body))
    lead_keys = _salient(names, lead, language)
    vectors = embed([lead], embedding) if embedding and lead else None
    return ArticleEvidence(
        article_id=article.id,
        language=language,
        terms=weighted_terms(text, language, name_words),
        entities=entities,
        numbers=frozenset(numbers),
        years=years,
        published=article.published_date(),
        lead=lead,
        embedding=vectors[0] if vectors is not None else None,
        lead_entities=lead_keys,
        inferred_date=None if article.published else inferred_date(article, body, language),
    )


def _salient(names: list[str], lead: str, language: str) -> frozenset[str]:
    """Entity keys named in the lead and named again in the text: what the article is about."""
    counts = Counter(k for k in (canonical_key(n) for n in names) if k)
    in_lead = {k for k in (canonical_key(n) for n in entity_names(lead, language)) if k}
    return frozenset(k for k in in_lead if counts[k] >= SALIENT_MENTIONS)


def strip_url_lines(text: str) -> str:
    """The text without the web addresses that copied pages often start with."""
    while True:
        match = _URL_LINE.match(text)
        if match is None or not match.group(0).strip():
            return text
        text = text[match.end() :]


def inferred_date(article: Article, body: str, language: str) -> date | None:
    """A date for an undated article: from its URL path, else a full date near the top."""
    for url in (article.url, article.canonical_url, _leading_url(article.text)):
        found = _URL_DATE.search(url.replace(" ", "")) if url else None
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                continue
    from newstrace.analyze.dates import find_dates

    head = f"{article.title or ''}\n{body[:DATELINE_CHARS]}"
    for ref in find_dates(head, language=language, published=None):
        if ref.granularity == "day" and ref.start:
            return date.fromisoformat(ref.start)
    return None


def _leading_url(text: str) -> str | None:
    match = _URL_LINE.match(text)
    return match.group(0).strip() if match else None


def _number_key(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
