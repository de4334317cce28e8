"""Outlets a statement passed through, read from the words around its cue: "told X",
"according to the outlet", "X reported, citing Y". Used by :mod:`newstrace.analyze.speakers`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrace.analyze._speaker_context import ArticleView, Known, State
from newstrace.analyze._speaker_identity import antecedent_outlet, classify
from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.keys import canonical_key
from newstrace.analyze.lexicon import words
from newstrace.model import ChainLink, Span, Speaker

RELAY_BEFORE = {
    "en": r"(?i:(?<!\w)(?:told|tell|tells|telling|to|by|with|speaking to|spoke to|interview with"
    r"|quoted by|cited by|seen by|obtained by|reviewed by|shared with|provided to))\s*[«\"“]?$",
    "ru": r"(?i:(?<!\w)(?:рассказал[аио]?|сообщил[аио]?|заявил[аио]?|сказал[аио]?"
    r"|подтвердил[аио]?|интервью|в беседе с|передал[аио]?))\s*[«\"“]?$",
}
_CITING = {
    "en": r"(?i:(?<!\w)(?:citing|quoting|with reference to))\s+",
    "ru": r"(?i:(?<!\w)(?:со ссылкой на|ссылаясь на))\s+",
}


def _outside(item: RawAttribution, start: int, end: int) -> bool:
    spans = [*item.content, *([item.source] if item.source is not None else [])]
    return not any(s.start <= start and end <= s.end for s in spans)


@lru_cache(maxsize=4)
def _relay_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # "told the Harbour Gazette": an article may stand between the verb and the outlet's name
    before = re.compile(
        RELAY_BEFORE[language].replace(r"\s*[«\"“]?$", r"\s*(?:(?i:the)\s+)?[«\"“]?$")
    )
    nouns = "|".join(
        re.escape(n) for n in sorted(words("outlet_nouns", language), key=len, reverse=True)
    )
    anaphor = re.compile(
        RELAY_BEFORE[language].rstrip("$").replace(r"\s*[«\"“]?", "")
        + r"\s+(?i:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?i:"
        + nouns
        + r")(?!\w)"
    )
    return before, anaphor, re.compile(_CITING[language])


_CITING_REACH = 60


def explicit_relays(
    item: RawAttribution, sentence: Span, art: ArticleView, speaker: Speaker
) -> list[ChainLink]:
    """Outlets the statement was told to ("told Mediazona", "by the outlet", "citing")."""
    before, anaphor, citing = _relay_regexes(art.language)
    found: list[tuple[int, ChainLink]] = []
    for m in art.mentions_in(sentence.start, sentence.end):
        if m.kind != "outlet" or not _outside(item, m.span.start, m.span.end):
            continue
        name = art.outlet_name(m)
        if speaker.kind == "outlet" and canonical_key(name) == canonical_key(speaker.canonical):
            continue
        lead = art.text[max(sentence.start, m.span.start - 40) : m.span.start]
        if before.search(lead):
            found.append((m.span.start, ChainLink(name, "outlet")))
    segment = art.text[sentence.start : sentence.end]
    for a in anaphor.finditer(segment):
        pos = sentence.start + a.start()
        if _outside(item, pos, sentence.start + a.end()):
            outlet = antecedent_outlet(pos, art, "the outlet", None)
            found.append((pos, ChainLink(outlet.canonical, "outlet")))
    if citing.match(item.cue.text + " ") and speaker.kind != "outlet":
        # "X reported, citing Y" / «…, сообщило издание X со ссылкой на Y»: the outlet right
        # before the citing cue relays Y, even when the content span ran over it.
        near = max(sentence.start, item.cue.start - _CITING_REACH)
        subjects = [
            m
            for m in art.mentions_in(sentence.start, item.cue.start)
            if m.kind == "outlet"
            and (_outside(item, m.span.start, m.span.end) or m.span.start >= near)
        ]
        if subjects:
            found.append(
                (subjects[-1].span.start, ChainLink(art.outlet_name(subjects[-1]), "outlet"))
            )
    return [link for _, link in sorted(found, key=lambda f: f[0])]


def citing_origin(
    item: RawAttribution, sentence: Span, art: ArticleView, state: State
) -> ChainLink | None:
    """ "X reported, citing sources in the Kremlin" -> the cited sources, first in the chain."""
    _, _, citing = _relay_regexes(art.language)
    m = citing.search(art.text, item.cue.start, sentence.end)
    if m is None or not _outside(item, m.start(), m.end()):
        return None
    end = sentence.end
    for content in item.content:
        if m.end() <= content.start < end:
            end = content.start
    stop = art.text[m.end() : end].rstrip(" \n\t.;:,")
    if not stop:
        return None
    cited = Span.of(art.text, m.end(), m.end() + len(stop), "source")
    found = classify(cited, art, state)
    state.remember(Known(found.speaker, (), cited.start, found.plural))
    return ChainLink(found.speaker.canonical, found.speaker.kind)
