"""Who is behind each attribution, and through which outlets the statement reached the reader.

:func:`resolve_attributions` turns the raw (source, cue, content) spans of
:mod:`newstrace.analyze.attribution` into :class:`~newstrace.model.Attribution` records:

* **speaker kind**: person, official (a role without a name), anonymous (keeping its
  affiliation: "a high-ranking Kremlin source" -> ``anonymous: Kremlin source``), outlet,
  organisation, document, or the article's own voice (``self``);
* **coreference**: pronouns and definite descriptions ("he", "they", "the outlet", "the source",
  "the ministry") take the nearest compatible earlier speaker or mention; a surname alone takes
  the full name met earlier;
* **relay chain**, from the original speaker to the article's outlet: "a source told X" in an
  article by O gives ``[source, X, O]``; "X reported, citing sources" gives ``[sources, X, O]``;
  "a source told O" gives ``[source, O]`` (first-hand); an anonymous source with no outlet of
  its own inherits the outlet being relayed in the surrounding paragraphs;
* **hedges**: "reportedly", "claimed", "was said to", "probably", an "according to"-only cue.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._span_index import SpanIndex
from newstrace.analyze._speaker_context import (
    PARAGRAPH_BREAK,
    ArticleView,
    Known,
    Resolved,
    State,
)
from newstrace.analyze._speaker_identity import classify
from newstrace.analyze._speaker_relays import RELAY_BEFORE, citing_origin, explicit_relays
from newstrace.analyze.attribution import RawAttribution, flatten, holders
from newstrace.analyze.keys import canonical_key
from newstrace.model import Attribution, ChainLink, Mention, Span, Speaker

#: How far (characters) from the source and cue a hedge word still qualifies the attribution.
HEDGE_WINDOW = 15
#: How many paragraphs an outlet being relayed stays in force for anonymous sources.
RELAY_REACH = 2


def resolve_attributions(
    text: str,
    raw: Sequence[RawAttribution],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    *,
    language: str,
    outlet: str | None,
) -> tuple[Attribution, ...]:
    """Resolve each raw attribution's speaker, relay chain and hedges.

    The result follows ``raw``, each attribution followed by its ``nested`` ones (depth
    first). A relayed attribution (a nested one, or one whose speech cue and source lie in
    another's content, see :func:`~newstrace.analyze.attribution.holders`) has the relaying
    attribution's chain after its own speaker and takes its hedges: '"...," X said,
    according to the outlet' gives ``[X, outlet, article outlet]``.

    ``mentions`` come from :func:`newstrace.analyze.mentions.find_mentions`, ``sentences`` from
    :func:`newstrace.analyze.sentences.split_sentences`; ``outlet`` is the article's outlet,
    the last link of every chain ("the outlet" when unknown).
    """
    flat = flatten(raw)
    items = [item for item, _ in flat]
    relays = _relaying(text, flat, language, sentences)
    starts = (0, *(m.end() for m in PARAGRAPH_BREAK.finditer(text)))
    cues = tuple(sorted((item.cue for item in items), key=lambda c: c.start))
    art = ArticleView(
        text=text,
        mentions=tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end))),
        sentences=tuple(sentences),
        language=language if language in RELAY_BEFORE else "en",
        outlet=outlet,
        paragraph_starts=starts,
        cues=cues,
        cue_starts=tuple(c.start for c in cues),
    )
    state = State()
    order = sorted(range(len(items)), key=lambda i: _anchor(items[i]))
    resolved: dict[int, Attribution] = {}
    for index in order:
        resolved[index] = _resolve_one(items[index], art, state, relays[index] is not None)
    for index in sorted(range(len(items)), key=lambda i: _depth(relays, i)):
        holder = relays[index]
        same = holder is not None and _same_speaker(resolved[index], resolved[holder])
        if holder is not None and not same:
            resolved[index] = _relayed(resolved[index], resolved[holder])
    return _first_person_speakers(tuple(resolved[i] for i in range(len(items))), art)


def _first_person_speakers(
    found: tuple[Attribution, ...], art: ArticleView
) -> tuple[Attribution, ...]:
    """A first-person source ("We wrote to the management," she said) is the speaker of the
    attribution whose content holds it: it takes that speaker and chain."""
    owners = [index for index, other in enumerate(found) for _ in other.content]
    by_content = SpanIndex((c.start, c.end) for other in found for c in other.content)
    result: list[Attribution] = []
    for item in found:
        span = item.speaker.span
        if span is not None and phrases.is_first_person(span.text, art.language):
            around = sorted({owners[k] for k in by_content.holding(span.start, span.end)})
            holder = next(
                (
                    other
                    for other in (found[index] for index in around)
                    if other is not item and other.speaker.span is not None
                ),
                None,
            )
            if holder is not None:
                speaker = replace(holder.speaker, span=span)
                item = replace(item, speaker=speaker, chain=holder.chain)
        result.append(item)
    return tuple(result)


def _relaying(
    text: str,
    flat: list[tuple[RawAttribution, int | None]],
    language: str,
    sentences: Sequence[Span],
) -> list[int | None]:
    """Index of the attribution relaying each one: its holder, else one that holds it."""
    lang = load_language(language)
    items = [(item.source, item.cue, item.content) for item, _ in flat]
    found = holders(text, items, lang, sentences)
    return [holder if holder is not None else f for (_, holder), f in zip(flat, found, strict=True)]


def _depth(relays: list[int | None], index: int) -> int:
    depth = 0
    current = relays[index]
    while current is not None and depth < len(relays):
        depth += 1
        current = relays[current]
    return depth


def _same_speaker(inner: Attribution, outer: Attribution) -> bool:
    """Whether two attributions have one speaker ("Abashev said, and he urged"): no relay."""
    a, b = canonical_key(inner.speaker.canonical), canonical_key(outer.speaker.canonical)
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def _relayed(inner: Attribution, outer: Attribution) -> Attribution:
    """An attribution reported inside another: its own chain up to its last relay, then the
    outer chain (speaker and relays of the outer attribution); the outer hedges apply too."""
    links = list(inner.chain[:-1])
    for link in outer.chain:
        if link not in links:
            links.append(link)
    hedges = tuple(dict.fromkeys((*inner.hedges, *outer.hedges)))
    return replace(inner, chain=tuple(links), hedges=hedges)


def _anchor(item: RawAttribution) -> tuple[int, int]:
    start = item.source.start if item.source is not None else item.cue.start
    return (min(start, item.cue.start), item.cue.start)


def _last_paragraph(source: Span, text: str) -> Span:
    """A source phrase never spans paragraphs: keep the part after the last break."""
    breaks = list(PARAGRAPH_BREAK.finditer(source.text))
    if not breaks:
        return source
    return Span.of(text, source.start + breaks[-1].end(), source.end, source.label)


def _sentence_for(item: RawAttribution, art: ArticleView) -> Span:
    if 0 <= item.sentence_index < len(art.sentences):
        return art.sentences[item.sentence_index]
    for sentence in art.sentences:
        if sentence.start <= item.cue.start < sentence.end:
            return sentence
    return Span.of(art.text, 0, len(art.text), "sentence")


def _resolve_one(
    item: RawAttribution, art: ArticleView, state: State, relayed: bool = False
) -> Attribution:
    sentence = _sentence_for(item, art)
    paragraph = art.paragraph_of(item.cue.start)
    if item.source is None:
        found = Resolved(Speaker("self", art.self_link.name, False, None))
    else:
        found = classify(_last_paragraph(item.source, art.text), art, state)
    relays = list(found.relay)
    for link in explicit_relays(item, sentence, art, found.speaker):
        if link not in relays:
            relays.append(link)
    origin = citing_origin(item, sentence, art, state) if found.speaker.kind == "outlet" else None
    if not relays and found.speaker.kind == "anonymous" and not found.anaphoric and not relayed:
        inherited = _inherit(state, paragraph)
        if inherited is not None:
            relays.append(inherited)
    speaker = found.speaker
    if speaker.kind == "outlet" and art.is_self(speaker.canonical):
        speaker = replace(speaker, kind="self")
    chain = _chain(origin, speaker, relays, art)
    _remember(state, art, speaker, relays, found, paragraph, item)
    return Attribution(
        speaker=speaker,
        cue=item.cue,
        content=item.content,
        quote=item.quote,
        chain=chain,
        hedges=_hedges(item, sentence, art),
    )


def _chain(
    origin: ChainLink | None, speaker: Speaker, relays: list[ChainLink], art: ArticleView
) -> tuple[ChainLink, ...]:
    links: list[ChainLink] = [origin] if origin is not None else []
    if speaker.kind != "self":
        links.append(ChainLink(speaker.canonical, speaker.kind))
    for link in relays:
        if not art.is_self(link.name) and link not in links:
            links.append(link)
    links.append(art.self_link)
    return tuple(links)


def _inherit(state: State, paragraph: int) -> ChainLink | None:
    if state.active is not None and paragraph - state.active_paragraph <= RELAY_REACH:
        state.active_paragraph = paragraph
        return state.active
    return None


def _remember(
    state: State,
    art: ArticleView,
    speaker: Speaker,
    relays: list[ChainLink],
    found: Resolved,
    paragraph: int,
    item: RawAttribution,
) -> None:
    outside = tuple(link for link in relays if not art.is_self(link.name))
    position = item.source.start if item.source is not None else item.cue.start
    first_person = speaker.span is not None and phrases.is_first_person(
        speaker.span.text, art.language
    )
    if speaker.kind != "self" and not first_person:
        state.remember(Known(speaker, outside, position, found.plural))
    relayed = [link for link in outside if link.kind == "outlet"]
    if speaker.kind == "outlet":
        relayed.insert(0, ChainLink(speaker.canonical, "outlet"))
    if relayed:
        state.active, state.active_paragraph = relayed[-1], paragraph
    elif any(art.is_self(link.name) for link in relays) and speaker.kind != "outlet":
        state.active = None  # the article's outlet heard this itself: its own channel now


def _hedges(item: RawAttribution, sentence: Span, art: ArticleView) -> tuple[str, ...]:
    """Hedges on the attribution: in the cue, next to it, an "according to" cue, in the content.

    Only words near the source and cue count ("X reportedly said"), never the rest of the
    sentence, and another attribution's cue ("..., suggesting that") is left to that one.
    """
    lang = art.language
    anchor = item.source.start if item.source is not None else item.cue.start
    lo = max(sentence.start, min(anchor, item.cue.start) - HEDGE_WINDOW)
    hi = min(sentence.end, max(item.cue.end, anchor) + HEDGE_WINDOW)
    near = list(art.text[lo:hi])
    starts = art.cue_starts
    nearby = art.cues[bisect_left(starts, lo - HEDGE_WINDOW * 4) : bisect_right(starts, hi)]
    blank = [*item.content, *(c for c in nearby if c != item.cue)]
    for span in blank:
        for i in range(max(span.start, lo), min(span.end, hi)):
            near[i - lo] = " "
    found = phrases.find_phrases(item.cue.text, "hedges_attribution", lang)
    found += phrases.find_phrases("".join(near), "hedges_attribution", lang)
    found += phrases.find_phrases(item.cue.text, "according_cues", lang)
    for span in item.content:
        found += phrases.find_phrases(span.text, "hedges_modal", lang)
    return tuple(dict.fromkeys(found))
