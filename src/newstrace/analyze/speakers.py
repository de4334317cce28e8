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

import bisect
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.keys import canonical_key, outlet_for_key
from newstrace.analyze.lexicon import words
from newstrace.model import Attribution, ChainLink, Mention, Span, Speaker, SpeakerKind

#: How far (characters) from the source and cue a hedge word still qualifies the attribution.
HEDGE_WINDOW = 15
#: How many paragraphs an outlet being relayed stays in force for anonymous sources.
RELAY_REACH = 2

_RELAY_BEFORE = {
    "en": r"(?i:(?<!\w)(?:told|tell|tells|telling|to|by|with|speaking to|spoke to|interview with"
    r"|quoted by|cited by|seen by|obtained by|reviewed by|shared with|provided to))\s*[«\"“]?$",
    "ru": r"(?i:(?<!\w)(?:рассказал[аио]?|сообщил[аио]?|заявил[аио]?|сказал[аио]?"
    r"|подтвердил[аио]?|интервью|в беседе с|передал[аио]?))\s*[«\"“]?$",
}
_CITING = {
    "en": r"(?i:(?<!\w)(?:citing|quoting|with reference to))\s+",
    "ru": r"(?i:(?<!\w)(?:со ссылкой на|ссылаясь на))\s+",
}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_COMPATIBLE: dict[str, frozenset[str]] = {
    "he": frozenset({"person", "official", "anonymous"}),
    "she": frozenset({"person", "official", "anonymous"}),
    "they": frozenset({"anonymous", "official", "organisation", "person"}),
    "it": frozenset({"organisation", "outlet", "document"}),
}


#: relative pronouns whose antecedent is the source ("X, who said ...")
_RELATIVES = frozenset({"who", "which", "который", "которая", "которое", "которые"})


@dataclass(frozen=True, slots=True)
class _Known:
    """A speaker met earlier, remembered for coreference."""

    speaker: Speaker
    relay: tuple[ChainLink, ...]
    position: int
    plural: bool


@dataclass(frozen=True, slots=True)
class _Resolved:
    speaker: Speaker
    relay: tuple[ChainLink, ...] = ()
    plural: bool = False
    anaphoric: bool = False


@dataclass(slots=True)
class _State:
    """What resolution has learnt so far in one article (local to one call)."""

    history: list[_Known] = field(default_factory=list)
    active: ChainLink | None = None
    active_paragraph: int = -1


@dataclass(frozen=True, slots=True)
class _Article:
    text: str
    mentions: tuple[Mention, ...]
    sentences: tuple[Span, ...]
    language: str
    outlet: str | None
    paragraph_starts: tuple[int, ...]
    cues: tuple[Span, ...] = ()
    cue_starts: tuple[int, ...] = ()

    @property
    def self_link(self) -> ChainLink:
        return ChainLink(self.outlet or "the outlet", "outlet")

    def is_self(self, name: str) -> bool:
        return self.outlet is not None and canonical_key(name) == canonical_key(self.outlet)

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.span.start and m.span.end <= end]

    def outlet_name(self, mention: Mention) -> str:
        known = outlet_for_key(mention.key)
        if known is not None:
            return known
        first = next(m for m in self.mentions if m.key == mention.key and m.kind == "outlet")
        return phrases.without_determiner(first.span.text)

    def person_name(self, key: str, fallback: str) -> str:
        names = [m.span.text for m in self.mentions if m.key == key and m.kind == "person"]
        full = [n for n in names if len(n.split()) >= 2]
        return phrases.clean(full[0] if full else fallback)


def resolve_attributions(
    text: str,
    raw: Sequence[RawAttribution],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    *,
    language: str,
    outlet: str | None,
) -> tuple[Attribution, ...]:
    """Resolve each raw attribution's speaker, relay chain and hedges (same order as ``raw``).

    ``mentions`` come from :func:`newstrace.analyze.mentions.find_mentions`, ``sentences`` from
    :func:`newstrace.analyze.sentences.split_sentences`; ``outlet`` is the article's outlet,
    the last link of every chain ("the outlet" when unknown).
    """
    starts = (0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)))
    cues = tuple(sorted((item.cue for item in raw), key=lambda c: c.start))
    art = _Article(
        text=text,
        mentions=tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end))),
        sentences=tuple(sentences),
        language=language if language in _RELAY_BEFORE else "en",
        outlet=outlet,
        paragraph_starts=starts,
        cues=cues,
        cue_starts=tuple(c.start for c in cues),
    )
    state = _State()
    order = sorted(range(len(raw)), key=lambda i: _anchor(raw[i]))
    resolved: dict[int, Attribution] = {}
    for index in order:
        resolved[index] = _resolve_one(raw[index], art, state)
    return tuple(resolved[i] for i in range(len(raw)))


def _anchor(item: RawAttribution) -> tuple[int, int]:
    start = item.source.start if item.source is not None else item.cue.start
    return (min(start, item.cue.start), item.cue.start)


def _last_paragraph(source: Span, text: str) -> Span:
    """A source phrase never spans paragraphs: keep the part after the last break."""
    breaks = list(_PARAGRAPH_BREAK.finditer(source.text))
    if not breaks:
        return source
    return Span.of(text, source.start + breaks[-1].end(), source.end, source.label)


def _sentence_for(item: RawAttribution, art: _Article) -> Span:
    if 0 <= item.sentence_index < len(art.sentences):
        return art.sentences[item.sentence_index]
    for sentence in art.sentences:
        if sentence.start <= item.cue.start < sentence.end:
            return sentence
    return Span.of(art.text, 0, len(art.text), "sentence")


def _resolve_one(item: RawAttribution, art: _Article, state: _State) -> Attribution:
    sentence = _sentence_for(item, art)
    paragraph = art.paragraph_of(item.cue.start)
    if item.source is None:
        found = _Resolved(Speaker("self", art.self_link.name, False, None))
    else:
        found = _classify(_last_paragraph(item.source, art.text), art, state)
    relays = list(found.relay)
    for link in _explicit_relays(item, sentence, art, found.speaker):
        if link not in relays:
            relays.append(link)
    origin = _citing_origin(item, sentence, art, state) if found.speaker.kind == "outlet" else None
    if not relays and found.speaker.kind == "anonymous" and not found.anaphoric:
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
    origin: ChainLink | None, speaker: Speaker, relays: list[ChainLink], art: _Article
) -> tuple[ChainLink, ...]:
    links: list[ChainLink] = [origin] if origin is not None else []
    if speaker.kind != "self":
        links.append(ChainLink(speaker.canonical, speaker.kind))
    for link in relays:
        if not art.is_self(link.name) and link not in links:
            links.append(link)
    links.append(art.self_link)
    return tuple(links)


def _inherit(state: _State, paragraph: int) -> ChainLink | None:
    if state.active is not None and paragraph - state.active_paragraph <= RELAY_REACH:
        state.active_paragraph = paragraph
        return state.active
    return None


def _remember(
    state: _State,
    art: _Article,
    speaker: Speaker,
    relays: list[ChainLink],
    found: _Resolved,
    paragraph: int,
    item: RawAttribution,
) -> None:
    outside = tuple(link for link in relays if not art.is_self(link.name))
    position = item.source.start if item.source is not None else item.cue.start
    if speaker.kind != "self":
        state.history.append(_Known(speaker, outside, position, found.plural))
    relayed = [link for link in outside if link.kind == "outlet"]
    if speaker.kind == "outlet":
        relayed.insert(0, ChainLink(speaker.canonical, "outlet"))
    if relayed:
        state.active, state.active_paragraph = relayed[-1], paragraph
    elif any(art.is_self(link.name) for link in relays) and speaker.kind != "outlet":
        state.active = None  # the article's outlet heard this itself: its own channel now


def _classify(source: Span, art: _Article, state: _State) -> _Resolved:
    """Kind and identity of a source phrase, resolving pronouns and anaphors."""
    phrase, lang = source.text, art.language
    whole = _whole_outlet(source, art)
    if whole is not None:
        return _Resolved(Speaker("outlet", art.outlet_name(whole), False, source))
    antecedent = _relative_antecedent(source, art)
    if antecedent is not None:
        return _Resolved(_speaker_of_mention(antecedent, source, art), (), False, True)
    pronoun = phrases.pronoun(phrase)
    if pronoun is not None:
        return _corefer(pronoun, source, art, state)
    anaphor = phrases.anaphor(phrase, lang)
    if anaphor is not None:
        return _resolve_anaphor(anaphor, source, art, state)
    inner = art.mentions_in(source.start, source.end)
    inner_outlets = tuple(
        ChainLink(art.outlet_name(m), "outlet") for m in inner if m.kind == "outlet"
    )
    if phrases.is_anonymous(phrase, lang):
        desc = phrases.anonymous_description(phrase)
        speaker = Speaker("anonymous", f"anonymous: {desc}", True, source)
        return _Resolved(speaker, inner_outlets, phrases.is_plural(phrase, lang))
    if phrases.is_document(phrase, lang):
        name = re.split(r"\s(?:seen|obtained|reviewed|published|released)?\s?by\s", phrase)[0]
        speaker = Speaker("document", phrases.without_determiner(phrases.core(name)), False, source)
        return _Resolved(speaker, inner_outlets)
    plural = phrases.is_plural(phrase, lang)
    speaker = _named(source, inner, art)
    if speaker.kind == "official" and plural:  # "two officials", "diplomats": unnamed people
        desc = phrases.anonymous_description(phrase)
        speaker = Speaker("anonymous", f"anonymous: {desc}", True, source)
    return _Resolved(speaker, inner_outlets if speaker.anonymous else (), plural)


def _whole_outlet(source: Span, art: _Article) -> Mention | None:
    """The outlet mention that is the whole source phrase ("The Insider", "the BBC")."""
    bare = phrases.without_determiner(source.text)
    for m in art.mentions_in(source.start, source.end):
        if m.kind == "outlet" and phrases.without_determiner(m.span.text) == bare:
            return m
    return None


def _named(source: Span, inner: list[Mention], art: _Article) -> Speaker:
    """A source phrase read from its head word: the last word before any preposition.

    The mention holding the head word decides the kind; without one, the head word itself
    (a title, an organisation noun) does; an apposed name ("one of the lawyers, Ann Lee")
    makes a person.
    """
    core = phrases.core(source.text)
    head_end = source.start + phrases.head_length(source.text)
    head_text = art.text[source.start : head_end].rstrip(" ,»\"”'’)")
    last = re.search(r"[\w.'’-]+$", head_text)
    head_pos = source.start + (last.start() if last else 0)
    lang = art.language
    holder = [m for m in inner if m.span.start <= head_pos < m.span.end]
    if holder and not _is_group_word(holder[0]):
        return _speaker_of_head(holder[0], core, source, art)
    if phrases.has_title(head_text, lang):
        return Speaker("official", phrases.without_determiner(core), False, source)
    if phrases.has_organisation_head(head_text, lang):
        return Speaker("organisation", phrases.without_determiner(core), False, source)
    persons = [  # an apposed name: "one of the lawyers, Ann Lee"
        m for m in inner if m.kind == "person" and "," in art.text[head_end : m.span.start]
    ]
    if persons:
        return Speaker(
            "person", art.person_name(persons[-1].key, persons[-1].span.text), False, source
        )
    bare = phrases.without_determiner(core)
    capitalised = bare[:1].isupper() and last is not None and last.group()[:1].isupper()
    kind: SpeakerKind = "person" if capitalised and not holder else "official"
    return Speaker(kind, bare, False, source)


def _is_group_word(mention: Mention) -> bool:
    """A capitalised word naming a group, not a person ("Americans", "Republicans")."""
    if mention.kind != "other":
        return False
    word = mention.span.text
    demonyms = frozenset(words("demonyms"))
    return word in demonyms or word.rstrip("s") in demonyms


def _speaker_of_head(head: Mention, core: str, source: Span, art: _Article) -> Speaker:
    if head.kind == "person":
        return Speaker("person", art.person_name(head.key, head.span.text), False, source)
    if head.kind == "outlet":
        return Speaker("outlet", art.outlet_name(head), False, source)
    if head.kind == "role":
        return Speaker("official", phrases.without_determiner(core), False, source)
    if head.kind in ("organisation", "place") or head.span.text.isupper():
        return Speaker("organisation", phrases.without_determiner(head.span.text), False, source)
    return Speaker("person", phrases.clean(head.span.text), False, source)


def _corefer(pronoun: str, source: Span, art: _Article, state: _State) -> _Resolved:
    """A pronoun takes the nearest compatible earlier speaker (or, failing that, mention)."""
    allowed = _COMPATIBLE[pronoun]
    best: _Known | None = None
    for known in reversed(state.history):
        if known.position < source.start and known.speaker.kind in allowed:
            best = known
            break
    fallback = _nearest_mention(art, source.start, pronoun)
    if fallback is not None and (best is None or fallback.span.start > best.position):
        speaker = _speaker_of_mention(fallback, source, art)
        return _Resolved(speaker, (), False, True)
    if best is not None:
        speaker = replace(best.speaker, span=source)
        return _Resolved(speaker, best.relay, best.plural, True)
    kind: SpeakerKind = "organisation" if pronoun == "it" else "person"
    return _Resolved(
        Speaker(kind, phrases.clean(source.text), False, source), (), pronoun == "they"
    )


def _relative_antecedent(source: Span, art: _Article) -> Mention | None:
    """The name a relative pronoun source refers to ("Oleg Surin, who said ..."): the nearest
    mention that ends right before it, with only a comma or spaces in between."""
    if phrases.clean(source.text).lower() not in _RELATIVES:
        return None
    earlier = [m for m in art.mentions if m.span.end <= source.start]
    if not earlier:
        return None
    nearest = max(earlier, key=lambda m: m.span.end)
    gap = art.text[nearest.span.end : source.start]
    return nearest if len(gap) <= 3 and not gap.strip(" ,") else None


def _nearest_mention(art: _Article, before: int, pronoun: str) -> Mention | None:
    kinds = {"he": ("person",), "she": ("person",), "it": ("organisation", "outlet")}.get(pronoun)
    if kinds is None:
        return None
    earlier = [m for m in art.mentions if m.span.end <= before and m.kind in kinds]
    return earlier[-1] if earlier else None


def _speaker_of_mention(mention: Mention, source: Span, art: _Article) -> Speaker:
    if mention.kind == "person":
        return Speaker("person", art.person_name(mention.key, mention.span.text), False, source)
    if mention.kind == "outlet":
        return Speaker("outlet", art.outlet_name(mention), False, source)
    return Speaker("organisation", phrases.without_determiner(mention.span.text), False, source)


def _resolve_anaphor(
    anaphor: phrases.Anaphor, source: Span, art: _Article, state: _State
) -> _Resolved:
    """ "the outlet", "the source", "the ministry", "the official", "the report"."""
    bare = phrases.without_determiner(phrases.core(source.text))
    if anaphor.kind == "outlet":
        return _Resolved(_antecedent_outlet(source.start, art, bare, source), (), False, True)
    if anaphor.kind == "organisation":
        earlier = [
            m
            for m in art.mentions
            if m.span.end <= source.start
            and m.kind in ("organisation", "outlet")
            and anaphor.head in m.span.text.lower()
        ]
        if earlier:
            return _Resolved(_speaker_of_mention(earlier[-1], source, art), (), False, True)
        return _Resolved(Speaker("organisation", bare, False, source), (), False, True)
    plural = phrases.is_plural(source.text, art.language)
    wanted: SpeakerKind = "official" if anaphor.kind == "official" else anaphor.kind
    matches = [k for k in state.history if k.position < source.start and k.speaker.kind == wanted]
    if wanted == "official":
        matches = [k for k in matches if anaphor.head in k.speaker.canonical.lower()] or matches
    same_number = [k for k in matches if k.plural == plural]
    chosen = (same_number or matches)[-1] if matches else None
    if chosen is not None:
        return _Resolved(replace(chosen.speaker, span=source), chosen.relay, chosen.plural, True)
    anonymous = wanted == "anonymous"
    canonical = f"anonymous: {bare}" if anonymous else bare
    return _Resolved(Speaker(wanted, canonical, anonymous, source), (), plural, anonymous)


def _antecedent_outlet(before: int, art: _Article, bare: str, source: Span | None) -> Speaker:
    """The outlet that "the outlet" points to: the nearest earlier one, other outlets first."""
    earlier = [m for m in art.mentions if m.kind == "outlet" and m.span.end <= before]
    others = [m for m in earlier if not art.is_self(art.outlet_name(m))]
    pick = (others or earlier)[-1] if earlier else None
    if pick is None:
        return Speaker("outlet", art.self_link.name if art.outlet else bare, False, source)
    return Speaker("outlet", art.outlet_name(pick), False, source)


def _outside(item: RawAttribution, start: int, end: int) -> bool:
    spans = [*item.content, *([item.source] if item.source is not None else [])]
    return not any(s.start <= start and end <= s.end for s in spans)


@lru_cache(maxsize=4)
def _relay_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    before = re.compile(_RELAY_BEFORE[language])
    nouns = "|".join(
        re.escape(n) for n in sorted(words("outlet_nouns", language), key=len, reverse=True)
    )
    anaphor = re.compile(
        _RELAY_BEFORE[language].rstrip("$").replace(r"\s*[«\"“]?", "")
        + r"\s+(?i:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?i:"
        + nouns
        + r")(?!\w)"
    )
    return before, anaphor, re.compile(_CITING[language])


_CITING_REACH = 60


def _explicit_relays(
    item: RawAttribution, sentence: Span, art: _Article, speaker: Speaker
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
            outlet = _antecedent_outlet(pos, art, "the outlet", None)
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


def _citing_origin(
    item: RawAttribution, sentence: Span, art: _Article, state: _State
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
    found = _classify(cited, art, state)
    state.history.append(_Known(found.speaker, (), cited.start, found.plural))
    return ChainLink(found.speaker.canonical, found.speaker.kind)


def _hedges(item: RawAttribution, sentence: Span, art: _Article) -> tuple[str, ...]:
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
