"""Attribution spans (PolNeAR scheme): who said or thinks something (source), the words that
signal it (cue) and what is attributed (content).

With a spaCy ``Doc`` (English), cue heads are scored by a small learned model over dependency
features and the source and content are read off the parse (``_attr_dep``). Without one (rules
mode, or a language without a model such as Russian), surface patterns built from the language's
lexicon are used (``_attr_rules``). Both add quotation handling: a content that is part of a
quotation takes the whole quotation, and a quotation that follows with no cue of its own
continues the previous speaker's content (``"...," he said. "More."``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.analyze._attr_lexicon import LanguageData, load_language
from newstrace.analyze._span_index import SpanIndex
from newstrace.model import QuoteKind, Span

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class RawAttribution:
    """One attribution before speaker resolution: spans into the article text.

    ``source`` is ``None`` when the source is implicit ("it was reported"). ``content`` holds
    one or more (discontinuous) spans. ``sentence_index`` indexes the sentence holding the cue.
    ``nested`` holds the attributions whose cue lies inside this one's content (the speaker
    this one relays), each with its own nested ones; PolNeAR output leaves them out.
    """

    source: Span | None
    cue: Span
    content: tuple[Span, ...]
    quote: QuoteKind
    sentence_index: int
    nested: tuple[RawAttribution, ...] = ()


def find_attributions(
    text: str, *, language: str, sentences: tuple[Span, ...], doc: Any | None = None
) -> tuple[RawAttribution, ...]:
    """Univocal attributions in ``text``, ordered by cue position (nested ones inside them).

    ``sentences`` come from :func:`newstrace.analyze.sentences.split_sentences`. ``doc`` is a
    spaCy ``Doc`` of exactly ``text`` (from :func:`newstrace.analyze.nlp.parse`) or ``None``
    for rules only.
    """
    lang = load_language(language)
    if doc is not None:
        if doc.text != text:
            raise ValueError("the spaCy Doc was not made from this text")
        from newstrace.analyze._attr_dep import find_with_parse

        found = find_with_parse(text, doc, sentences, lang)
    else:
        from newstrace.analyze._attr_rules import find_with_rules

        found = find_with_rules(text, sentences, lang)
    return tuple(sorted(found, key=lambda a: (a.cue.start, a.cue.end)))


def flatten(raw: Sequence[RawAttribution]) -> list[tuple[RawAttribution, int | None]]:
    """Every attribution with the index (in this list) of the one whose ``nested`` field holds
    it: depth first, each nested attribution right after its holder."""
    flat: list[tuple[RawAttribution, int | None]] = []

    def add(item: RawAttribution, holder: int | None) -> None:
        flat.append((item, holder))
        here = len(flat) - 1
        for inner in item.nested:
            add(inner, here)

    for item in raw:
        add(item, None)
    return flat


def is_speech_cue(text: str, start: int, end: int, lang: LanguageData) -> bool:
    """Whether the cue ``text[start:end]`` reports a speech act ("said", "told", "according
    to"), by the lemmas of its words and the language's ``nested_cue_lemmas``; beliefs and
    plans ("Russia is planning") are not, and a relaying content often holds them without
    anyone being quoted."""
    speech = lang.extra.get("nested_cue_lemmas", ())
    found = _WORD.findall(text[start:end])
    if found and found[0].lower() in lang.extra.get("passive_auxiliaries", ()):
        return False  # "X was said to", "X is reported to": X is not the speaker
    return any(lang.cue_forms.get(word.lower(), word.lower()) in speech for word in found)


def holders(
    text: str,
    items: Sequence[tuple[Span | None, Span | None, Sequence[Span]]],
    lang: LanguageData,
    sentences: Sequence[Span],
) -> list[int | None]:
    """For each ``(source, cue, content)``, the index of the attribution that relays it: the
    one with the smallest content holding its speech cue and its source, its cue in the same
    sentence (never two that hold each other's cues). ``None`` when nothing holds it."""
    starts = [s.start for s in sentences]
    owners = [other for other, (_, _, content) in enumerate(items) for _ in content]
    by_content = SpanIndex((c.start, c.end) for _, _, content in items for c in content)
    result: list[int | None] = []
    for index, (source, cue, _) in enumerate(items):
        best: int | None = None
        best_size = 0
        if source is not None and cue is not None and is_speech_cue(text, *_ends(cue), lang):
            around = sorted({owners[k] for k in by_content.holding(cue.start, cue.end)})
            for other in around:
                _, o_cue, o_content = items[other]
                if other == index or not (_held(cue, o_content) and _held(source, o_content)):
                    continue
                if o_cue is None or _sentence(starts, o_cue) != _sentence(starts, cue):
                    continue
                if o_cue is not None and _held(o_cue, items[index][2]):
                    continue  # each holds the other: a misreading, neither relays
                size = sum(c.end - c.start for c in o_content)
                if best is None or size < best_size:
                    best, best_size = other, size
        result.append(best)
    return result


def _sentence(starts: list[int], span: Span) -> int:
    return bisect.bisect_right(starts, span.start)


def _ends(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _held(span: Span, content: Sequence[Span]) -> bool:
    return any(c.start <= span.start and span.end <= c.end for c in content)
