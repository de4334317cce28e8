"""Who a source phrase is: a pronoun or relative pronoun resolved to an earlier speaker or
mention, a definite description ("the outlet", "the source", "the ministry") resolved to its
antecedent, an anonymous source, a document, or a name or role read from the phrase's head.
Used by :mod:`newstrace.analyze.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze._speaker_context import ArticleView, Known, Resolved, State
from newstrace.analyze.lexicon import words
from newstrace.model import ChainLink, Mention, Span, Speaker, SpeakerKind

_COMPATIBLE: dict[str, frozenset[str]] = {
    "he": frozenset({"person", "official", "anonymous"}),
    "she": frozenset({"person", "official", "anonymous"}),
    "they": frozenset({"anonymous", "official", "organisation", "person"}),
    "it": frozenset({"organisation", "outlet", "document"}),
}


#: relative pronouns whose antecedent is the source ("X, who said ...")
_RELATIVES = frozenset({"who", "which", "который", "которая", "которое", "которые"})


def classify(source: Span, art: ArticleView, state: State) -> Resolved:
    """Kind and identity of a source phrase, resolving pronouns and anaphors."""
    phrase, lang = source.text, art.language
    whole = _whole_outlet(source, art)
    if whole is not None:
        return Resolved(Speaker("outlet", art.outlet_name(whole), False, source))
    antecedent = _relative_antecedent(source, art, state)
    if antecedent is not None:
        return antecedent
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
        return Resolved(speaker, inner_outlets, phrases.is_plural(phrase, lang))
    if phrases.is_document(phrase, lang):
        name = re.split(r"\s(?:seen|obtained|reviewed|published|released)?\s?by\s", phrase)[0]
        speaker = Speaker("document", phrases.without_determiner(phrases.core(name)), False, source)
        return Resolved(speaker, inner_outlets)
    plural = phrases.is_plural(phrase, lang)
    speaker = _named(source, inner, art)
    if speaker.kind == "official" and plural:  # "two officials", "diplomats": unnamed people
        desc = phrases.anonymous_description(phrase)
        speaker = Speaker("anonymous", f"anonymous: {desc}", True, source)
    return Resolved(speaker, inner_outlets if speaker.anonymous else (), plural)


def _whole_outlet(source: Span, art: ArticleView) -> Mention | None:
    """The outlet mention that is the whole source phrase ("The Insider", "the BBC")."""
    bare = phrases.without_determiner(source.text)
    for m in art.mentions_in(source.start, source.end):
        if m.kind == "outlet" and phrases.without_determiner(m.span.text) == bare:
            return m
    return None


def _named(source: Span, inner: list[Mention], art: ArticleView) -> Speaker:
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


def _speaker_of_head(head: Mention, core: str, source: Span, art: ArticleView) -> Speaker:
    if head.kind == "person":
        return Speaker("person", art.person_name(head.key, head.span.text), False, source)
    if head.kind == "outlet":
        return Speaker("outlet", art.outlet_name(head), False, source)
    if head.kind == "role":
        return Speaker("official", phrases.without_determiner(core), False, source)
    if head.kind in ("organisation", "place") or head.span.text.isupper():
        return Speaker("organisation", phrases.without_determiner(head.span.text), False, source)
    return Speaker("person", phrases.clean(head.span.text), False, source)


def _corefer(pronoun: str, source: Span, art: ArticleView, state: State) -> Resolved:
    """A pronoun takes the nearest compatible earlier speaker (or, failing that, mention)."""
    allowed = _COMPATIBLE[pronoun]
    best: Known | None = None
    for known in reversed(state.history):
        if known.position < source.start and known.speaker.kind in allowed:
            if known.plural and pronoun in ("he", "she"):
                continue  # "workers", "two officials": never "he" or "she"
            best = known
            break
    fallback = _nearest_mention(art, source.start, pronoun)
    if fallback is not None and (best is None or fallback.span.start > best.position):
        speaker = _speaker_of_mention(fallback, source, art)
        return Resolved(speaker, (), False, True)
    if best is not None:
        speaker = replace(best.speaker, span=source)
        return Resolved(speaker, best.relay, best.plural, True)
    kind: SpeakerKind = "organisation" if pronoun == "it" else "person"
    return Resolved(Speaker(kind, phrases.clean(source.text), False, source), (), pronoun == "they")


def _relative_antecedent(source: Span, art: ArticleView, state: State) -> Resolved | None:
    """What a relative pronoun source refers to ("Oleg Surin, who said ..."; "A regional
    official, who asked not to be named, ..."): an earlier source phrase or a mention that ends
    right before it (only a comma or spaces between), else the short noun phrase that does."""
    if phrases.clean(source.text).lower() not in _RELATIVES:
        return None
    # ``_adjacent`` allows at most _GAP characters between the two: only those ends can pass
    for known in state.last_ending_in(source.start - _GAP, source.start):
        span = known.speaker.span
        if span is not None and span.end <= source.start and _adjacent(art, span.end, source):
            return Resolved(replace(known.speaker, span=source), known.relay, known.plural, True)
    nearest = art.lookup.furthest_ending_by(source.start)
    if nearest is not None and nearest.kind != "role" and _adjacent(art, nearest.span.end, source):
        return Resolved(_speaker_of_mention(nearest, source, art), (), False, True)
    phrase = _phrase_before(source, art)
    if phrase is None:
        return None
    found = classify(phrase, art, state)
    return Resolved(replace(found.speaker, span=source), found.relay, found.plural, True)


def _adjacent(art: ArticleView, end: int, source: Span) -> bool:
    gap = art.text[end : source.start]
    return len(gap) <= _GAP and not gap.strip(" ,")


#: at most this many characters (commas and spaces) between a name and a relative pronoun
_GAP = 3


#: how many words a noun phrase before a relative pronoun may have ("A regional official")
_PHRASE_WORDS = 6


def _phrase_before(source: Span, art: ArticleView) -> Span | None:
    """The noun phrase that a relative pronoun follows, from the clause's start to the comma
    before the pronoun, when it is short; ``None`` otherwise."""
    text = art.text
    end = source.start
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    if end == source.start or "," not in text[end : source.start]:
        return None
    sentence_start = art.sentence_start_by(end)
    start = max(sentence_start, *(text.rfind(p, 0, end) + 1 for p in ",;:(—–\n"))
    while start < end and not text[start].isalnum():
        start += 1
    words_before = text[start:end].split()
    if not words_before or len(words_before) > _PHRASE_WORDS:
        return None
    return Span.of(text, start, end, "source")


def _nearest_mention(art: ArticleView, before: int, pronoun: str) -> Mention | None:
    kinds = {"he": ("person",), "she": ("person",), "it": ("organisation", "outlet")}.get(pronoun)
    if kinds is None:
        return None
    return art.lookup.last_ending_by(before, ("kinds", kinds), lambda m: m.kind in kinds)


def _speaker_of_mention(mention: Mention, source: Span, art: ArticleView) -> Speaker:
    if mention.kind == "person":
        return Speaker("person", art.person_name(mention.key, mention.span.text), False, source)
    if mention.kind == "outlet":
        return Speaker("outlet", art.outlet_name(mention), False, source)
    return Speaker("organisation", phrases.without_determiner(mention.span.text), False, source)


def _resolve_anaphor(
    anaphor: phrases.Anaphor, source: Span, art: ArticleView, state: State
) -> Resolved:
    """ "the outlet", "the source", "the ministry", "the official", "the report"."""
    bare = phrases.without_determiner(phrases.core(source.text))
    if anaphor.kind == "outlet":
        return Resolved(antecedent_outlet(source.start, art, bare, source), (), False, True)
    if anaphor.kind == "organisation":
        head = anaphor.head
        last = art.lookup.last_ending_by(
            source.start,
            ("organisation or outlet with", head),
            lambda m: m.kind in ("organisation", "outlet") and head in m.span.text.lower(),
        )
        if last is not None:
            return Resolved(_speaker_of_mention(last, source, art), (), False, True)
        return Resolved(Speaker("organisation", bare, False, source), (), False, True)
    plural = phrases.is_plural(source.text, art.language)
    wanted: SpeakerKind = "official" if anaphor.kind == "official" else anaphor.kind
    matches = [k for k in state.history if k.position < source.start and k.speaker.kind == wanted]
    if wanted == "official":
        matches = [k for k in matches if anaphor.head in k.speaker.canonical.lower()] or matches
    same_number = [k for k in matches if k.plural == plural]
    chosen = (same_number or matches)[-1] if matches else None
    if chosen is not None:
        return Resolved(replace(chosen.speaker, span=source), chosen.relay, chosen.plural, True)
    anonymous = wanted == "anonymous"
    canonical = f"anonymous: {bare}" if anonymous else bare
    return Resolved(Speaker(wanted, canonical, anonymous, source), (), plural, anonymous)


def antecedent_outlet(before: int, art: ArticleView, bare: str, source: Span | None) -> Speaker:
    """The outlet that "the outlet" points to: the nearest earlier one, other outlets first."""
    lookup = art.lookup
    pick = lookup.last_ending_by(
        before, "other outlet", lambda m: m.kind == "outlet" and not art.is_self(art.outlet_name(m))
    ) or lookup.last_ending_by(before, "outlet", lambda m: m.kind == "outlet")
    if pick is None:
        return Speaker("outlet", art.self_link.name if art.outlet else bare, False, source)
    return Speaker("outlet", art.outlet_name(pick), False, source)
