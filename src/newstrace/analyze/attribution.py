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

from dataclasses import dataclass
from typing import Any

from newstrace.analyze._attr_lexicon import load_language
from newstrace.model import QuoteKind, Span


@dataclass(frozen=True, slots=True)
class RawAttribution:
    """One attribution before speaker resolution: spans into the article text.

    ``source`` is ``None`` when the source is implicit ("it was reported"). ``content`` holds
    one or more (discontinuous) spans. ``sentence_index`` indexes the sentence holding the cue.
    """

    source: Span | None
    cue: Span
    content: tuple[Span, ...]
    quote: QuoteKind
    sentence_index: int


def find_attributions(
    text: str, *, language: str, sentences: tuple[Span, ...], doc: Any | None = None
) -> tuple[RawAttribution, ...]:
    """Attributions in ``text``, ordered by cue position.

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
