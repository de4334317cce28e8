"""Who a source phrase is: a pronoun or relative pronoun resolved to an earlier speaker or
mention, a definite description ("the outlet", "the source", "the ministry") resolved to its
antecedent, an anonymous source, a document, or a name or role read from the phrase's head.
Used by :mod:`newstrace.analyze.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze._given_names import is_given_name as _given
from newstrace.analyze._given_names import is_surname
from newstrace.analyze._speaker_context import ArticleView, Known, Resolved, State
from newstrace.analyze.keys import canonical_key
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
    one_of = phrases.is_one_of(phrase, lang)
    if speaker.kind == "official" and (plural or one_of):  # "two officials", "diplomats"
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
    name = _head_name(head_text, holder)
    if name is not None and phrases.is_organisation_name(phrases.without_determiner(name)):
        return Speaker("organisation", phrases.without_determiner(name), False, source)
    if holder and _is_common_word(holder[0], art):
        holder = []
    if _people(head_text, lang) and (not holder or holder[0].kind in ("role", "other")):
        # "residents of the village", "a witness": ordinary people, unnamed
        desc = phrases.anonymous_description(source.text[: phrases.core_length(source.text)])
        return Speaker("anonymous", f"anonymous: {desc}", True, source)
    titled = _titled_name(name, lang)
    if not holder and titled is not None:  # "Health Minister Ana Ruiz": a named official
        return Speaker("person", art.person_name(canonical_key(titled), titled), False, source)
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
    if (
        capitalised
        and last is not None
        and _looks_common(last.group(), art.language)
        and _sentence_initial(source.start + last.start(), art)
    ):
        capitalised = False  # "Inspectors at the port": capital only because it starts
    kind: SpeakerKind = "person" if capitalised and not holder else "official"
    return Speaker(kind, bare, False, source)


def _head_name(head_text: str, holder: list[Mention]) -> str | None:
    """The capitalised name ending at the head word: the mention holding it when that
    mention ends there, else the run of capitalised words (and "&") before the head."""
    run = re.search(r"(?:[A-ZÀ-ÞА-ЯЁ][\w.'’-]*\s+(?:&\s+)?)*[A-ZÀ-ÞА-ЯЁ][\w.'’-]*$", head_text)
    found = run.group() if run is not None else None
    if holder and (found is None or len(holder[0].span.text) > len(found)):
        found = holder[0].span.text
    return phrases.clean(found) if found else None


def _people(head_text: str, language: str) -> bool:
    """Whether a head names ordinary people: its head word is such a noun ("union workers",
    "a resident"; the first word in Russian, «жители деревни») and no official title stands
    beside it ("officials and residents")."""
    words_ = head_text.split()
    heads = words_[-1:] if language == "en" else words_[:1]  # «жители деревни»: head first
    if not heads or not phrases.has_people_noun(heads[0], language):
        return False
    return not phrases.has_title(phrases.without_people_nouns(head_text, language), language)


def _titled_name(name: str | None, language: str) -> str | None:
    """The personal name after leading title words ("Health Minister Ana Ruiz" -> "Ana
    Ruiz"), when it has two to four words and opens with a known given name."""
    if name is None:
        return None
    parts = name.split(" ")
    k = 0
    while k < len(parts) and not _given(parts[k]):
        k += 1
    rest = parts[k:]
    if k == 0 or not 2 <= len(rest) <= 4 or not phrases.has_title(" ".join(parts[:k]), language):
        return None
    return " ".join(rest)


def _sentence_initial(pos: int, art: ArticleView) -> bool:
    """Whether the word at ``pos`` opens its sentence (only punctuation before it)."""
    before = art.text[art.sentence_start_by(pos) : pos]
    return not any(ch.isalnum() for ch in before)


def _is_common_word(mention: Mention, art: ArticleView) -> bool:
    """A one-word 'name' that is only capitalised because it opens the sentence and looks
    like a common noun ("Inspectors", "Police"), not a known given name or surname."""
    word = mention.span.text.strip()
    return (
        mention.kind == "other"
        and _looks_common(word, art.language)
        and _sentence_initial(mention.span.start, art)
    )


def _looks_common(word: str, language: str) -> bool:
    """Whether a capitalised word reads as a common noun: a plural-looking word that is no
    known given name or surname ("Farmers", not "Hughes"), or a title, organisation or
    people noun ("Police")."""
    if not word.replace("-", "").isalpha() or _given(word) or is_surname(word):
        return False
    return (
        (word.endswith("s") and not word.endswith("ss") and not word.isupper())
        or phrases.has_title(word, language)
        or phrases.has_organisation_head(word, language)
        or phrases.has_people_noun(word, language)
    )


def _is_group_word(mention: Mention) -> bool:
    """A capitalised word naming a group, not a person ("Americans", "Republicans")."""
    if mention.kind != "other":
        return False
    word = mention.span.text
    demonyms = frozenset(words("demonyms"))
    return word in demonyms or word.rstrip("s") in demonyms


def _speaker_of_head(head: Mention, core: str, source: Span, art: ArticleView) -> Speaker:
    first = head.span.text.split(" ")[0].rstrip(".")
    if head.kind == "person" or (" " in head.span.text and first in words("person_titles")):
        # "Ms Hughes" is a person whatever a tagger says
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
        apposed = _apposed_outlet(source, art)
        if apposed is not None:  # "the news outlet Harbour Gazette", its name cut off
            return Resolved(Speaker("outlet", art.outlet_name(apposed), False, source))
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
    if wanted == "official" and _people(anaphor.head, art.language):
        return _people_anaphor(anaphor.head, bare, source, state, plural)
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


def _apposed_outlet(source: Span, art: ArticleView) -> Mention | None:
    """The outlet mention right after "the outlet" (only spaces between): its name."""
    for m in art.mentions_in(source.end, source.end + _APPOSED_REACH):
        if m.kind == "outlet" and not art.text[source.end : m.span.start].strip():
            return m
    return None


#: how far (characters) after "the outlet" its apposed name may end
_APPOSED_REACH = 80


def _people_anaphor(head: str, bare: str, source: Span, state: State, plural: bool) -> Resolved:
    """ "the residents": the latest unnamed source with that head noun, else a new one."""
    for known in reversed(state.history):
        canonical = known.speaker.canonical.lower()
        if known.position < source.start and known.speaker.anonymous and head in canonical:
            return Resolved(replace(known.speaker, span=source), known.relay, known.plural, True)
    return Resolved(Speaker("anonymous", f"anonymous: {bare}", True, source), (), plural, True)


def antecedent_outlet(before: int, art: ArticleView, bare: str, source: Span | None) -> Speaker:
    """The outlet that "the outlet" points to: the nearest earlier one, other outlets first."""
    lookup = art.lookup
    pick = lookup.last_ending_by(
        before, "other outlet", lambda m: m.kind == "outlet" and not art.is_self(art.outlet_name(m))
    ) or lookup.last_ending_by(before, "outlet", lambda m: m.kind == "outlet")
    if pick is None:
        return Speaker("outlet", art.self_link.name if art.outlet else bare, False, source)
    return Speaker("outlet", art.outlet_name(pick), False, source)
