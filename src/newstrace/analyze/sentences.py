"""Sentence splitting that keeps offsets into the text and survives news-style punctuation.

Rules (all languages; abbreviations come from the language data file):

* paragraphs (a blank line) always end a sentence; a single line break is plain whitespace;
* a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or brackets) that is
  followed by whitespace and then by something that can open a sentence (an upper-case letter,
  a digit, an opening quote or bracket, a dash);
* a period does not end a sentence after a known abbreviation (``Mr.``, ``Gen.``, ``Jan.``),
  after an initial (``J. R. Smith``), inside dotted acronyms (``U.S.``) when the next word could
  be a name, or inside numbers (``3.5``, ``1.200`` are never followed by whitespace);
* a question or exclamation closing a quote and followed by a lower-case word (``"Why?" he
  asked``) does not end the sentence;
* a "sentence" longer than :data:`MAX_SENTENCE_CHARS` (a paragraph with no sentence ends: a
  list, a transcript, bad input) is cut after a semicolon, a comma or a space near that
  length, so no later step ever works on an unbounded sentence.

One regular-expression pass per paragraph: linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newstrace.analyze._attr_lexicon import load_language
from newstrace.model import Span

#: no news sentence comes near this; longer runs are cut (see the module docstring)
MAX_SENTENCE_CHARS = 3000
_SOFT_BREAKS = (re.compile(r"[;:]\s+"), re.compile(r",\s+"), re.compile(r"\s+"))

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CLOSERS = "\"'”’»)]\u201d\u2019"
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_OPENERS = "\"'“‘«([—–-„"
_DOTTED = re.compile(r"^(?:\w\.)+\w?$")


def split_sentences(text: str, *, language: str, doc: Any | None = None) -> tuple[Span, ...]:
    """Sentence spans into ``text`` (labelled ``"sentence"``), in order, never overlapping.

    ``doc`` (a spaCy ``Doc`` of the same text, optional) settles one ambiguous case: a dotted
    acronym or abbreviation followed by a capitalised word ends a sentence only where the
    parser starts one.
    """
    abbreviations = load_language(language).abbreviations
    starts = _doc_sentence_starts(doc)
    spans: list[Span] = []
    for para_start, para_end in _paragraphs(text):
        cuts = _cuts(text, para_start, para_end, abbreviations, starts)
        begin = para_start
        for cut in [*cuts, para_end]:
            for lo, hi in _bounded(text, begin, cut):
                span = _trimmed(text, lo, hi)
                if span is not None:
                    spans.append(span)
            begin = cut
    return tuple(spans)


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` itself, or pieces of at most :data:`MAX_SENTENCE_CHARS` (see
    :func:`cut_at_breaks`)."""
    return cut_at_breaks(text, start, end, MAX_SENTENCE_CHARS, _SOFT_BREAKS)


def cut_at_breaks(
    text: str, start: int, end: int, limit: int, breaks: Sequence[re.Pattern[str]]
) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` pieces covering ``text[start:end]``, each at most ``limit``
    characters, cut after the last match of the first of ``breaks`` found in the second half
    of each piece (mid-word only when none of them matches there). Linear in the length."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        stop = start + limit
        cut = -1
        for pattern in breaks:
            for match in pattern.finditer(text, start + limit // 2, stop):
                cut = match.end()
            if cut > start:
                break
        if cut <= start:
            cut = stop
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    begin = 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((begin, match.start()))
        begin = match.end()
    bounds.append((begin, len(text)))
    return bounds


def _doc_sentence_starts(doc: Any | None) -> frozenset[int] | None:
    """Character offsets where the doc's sentences start (``None``: no doc, or no sentence
    boundaries). Read from the token arrays: the same offsets as ``doc.sents`` gives, without
    making a ``Span`` per sentence."""
    if doc is None or not doc.has_annotation("SENT_START"):
        return None
    if "sents" in doc.user_hooks:
        return frozenset(sent.start_char for sent in doc.sents)
    if not len(doc):
        return frozenset()
    flags, offsets = doc.to_array(["SENT_START", "IDX"]).T.tolist()
    later = [o for f, o in zip(flags[1:], offsets[1:], strict=True) if f == 1]
    return frozenset([offsets[0], *later])


def _cuts(
    text: str,
    start: int,
    end: int,
    abbreviations: frozenset[str],
    doc_starts: frozenset[int] | None,
) -> list[int]:
    """Offsets (inside the paragraph) where a new sentence begins."""
    cuts: list[int] = []
    for match in _END.finditer(text, start, end):
        nxt = _next_visible(text, match.end(), end)
        if nxt >= end:
            continue
        following = text[nxt]
        marks = match.group().rstrip(_CLOSERS)
        if not (following.isupper() or following.isdigit() or following in _OPENERS):
            continue
        if marks == "." and not _period_ends(text, match.start(), nxt, abbreviations, doc_starts):
            continue
        cuts.append(nxt)
    return cuts


def _next_visible(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _period_ends(
    text: str,
    dot: int,
    nxt: int,
    abbreviations: frozenset[str],
    doc_starts: frozenset[int] | None,
) -> bool:
    """Whether the period at ``dot`` ends a sentence whose successor starts at ``nxt``."""
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if match is None:
        return True
    word = match.group(1).lstrip("-")
    lowered = word.lower()
    if lowered in abbreviations and (word[:1].isupper() or lowered not in _TITLE_LIKE):
        # titles never end a sentence; other abbreviations might (parser decides)
        return doc_starts is not None and nxt in doc_starts and lowered not in _TITLE_LIKE
    if len(word) == 1 and word.isalpha():
        return bool(word.islower()) or (doc_starts is not None and nxt in doc_starts)
    if _DOTTED.match(word):
        return doc_starts is None or nxt in doc_starts
    return True


_TITLE_LIKE = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "prof",
        "rev",
        "st",
        "fr",
        "jr",
        "sr",
        "no",
        "vs",
    ]
)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Span.of(text, start, end, "sentence")
