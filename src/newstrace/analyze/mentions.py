"""Mentions of people, organisations, outlets, places and roles, each with a canonical key.

Layers, strongest first (a stronger layer wins where spans overlap):

1. the outlet gazetteer (``data/outlets.json``) and the article's own outlet name;
2. outlets named by their context: "the news outlet X", "X newspaper", "X, an independent
   outlet", "X reported", «издание X»;
3. institutions ("the Kremlin", "NATO") and organisation names ("the Defence Ministry");
4. roles and titles ("a Kremlin spokesman", "President" in "President Vladimir Putin"), which
   win over an organisation they contain ("Defence Ministry spokesman" is one role);
5. spaCy's named entities when a parsed ``doc`` is given (spaCy often mislabels foreign outlet
   names, which is why the gazetteer and context come first);
6. capitalised-word sequences (persons, places and other names) otherwise.

Keys come from :func:`newstrace.analyze.keys.canonical_key`; a surname alone ("Grashchenkov")
gets the key of the full name met earlier ("Ilya Grashchenkov").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from newstrace.analyze import _mention_rules as rules
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._given_names import is_given_name
from newstrace.analyze._span_index import DisjointRanges
from newstrace.analyze._speaker_phrases import is_organisation_name
from newstrace.analyze._text_words import TextWords
from newstrace.analyze.keys import canonical_key, spelling_key
from newstrace.analyze.lexicon import words
from newstrace.model import Mention, MentionKind, Span

#: outlet nouns that also name other things ("the state agency", "the site of the dam")
_LOOSE_OUTLET_NOUNS = frozenset({"agency", "media", "station", "site", "daily", "channel", "paper"})
_SPACY_KINDS: dict[str, MentionKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: MentionKind
    priority: int
    key: str | None = None


def find_mentions(
    text: str, *, language: str, doc: Any | None = None, outlet: str | None = None
) -> tuple[Mention, ...]:
    """Mentions in ``text`` of people, organisations, outlets, places and roles, in text order.

    ``doc`` is an optional spaCy ``Doc`` of exactly ``text``; ``outlet`` is the article's own
    outlet, found in the text even when the gazetteer does not know it.
    """
    if doc is not None and doc.text != text:
        raise ValueError("the spaCy Doc was not made from this text")
    candidates: list[_Candidate] = []
    candidates += _gazetteer_candidates(text, language, outlet)
    candidates += _quoted_outlet_candidates(text, language)
    candidates += _role_candidates(text, language)
    if doc is not None:
        candidates += _spacy_candidates(doc, text)
    candidates += _sequence_candidates(text, language)
    chosen = [_person_name(text, c, language) for c in _resolve_overlaps(candidates)]
    found = _bare_name_kinds(text, _assign_keys(text, chosen), language)
    return _outlets_named_by_anaphor(text, found, language, outlet)


def _gazetteer_candidates(text: str, language: str, outlet: str | None) -> list[_Candidate]:
    found = [
        _Candidate(m.start, m.end, "outlet", 100, canonical_key(m.outlet.name))
        for m in rules.gazetteer_matches(text, language)
    ]
    if outlet and not rules.is_known_outlet(outlet):
        pattern = re.compile(r"(?<!\w)" + rules.name_pattern(outlet) + r"(?!\w)")
        key = canonical_key(outlet)
        found += [
            _Candidate(m.start(), m.end(), "outlet", 100, key) for m in pattern.finditer(text)
        ]
    return found


def _quoted_outlet_candidates(text: str, language: str) -> list[_Candidate]:
    """Names in quotation marks right after an outlet noun: «издание «Холод»», 'the site "X"'."""
    return [
        _Candidate(start, end, "outlet", 90)
        for start, end in rules.quoted_after_outlet_noun(text, language)
    ]


def _role_candidates(text: str, language: str) -> list[_Candidate]:
    found = [_Candidate(s, e, "role", 75) for s, e in rules.role_phrases(text, language)]
    found += [
        _Candidate(s, e, "organisation", 65) for s, e in rules.institution_phrases(text, language)
    ]
    return found


def _spacy_candidates(doc: Any, text: str) -> list[_Candidate]:
    """Named entities of ``doc`` (made from ``text``; spaCy rebuilds ``Doc.text`` from every
    token on each access, so the caller's copy is used)."""
    found: list[_Candidate] = []
    for ent in doc.ents:
        kind = _SPACY_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = rules.trim_name(text, ent.start_char, ent.end_char)
        if end > start:
            found.append(_Candidate(start, end, kind, 50))
    return found


def _sequence_candidates(text: str, language: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    vocabulary = TextWords(text)
    for seq in rules.capitalised_sequences(text):
        for part in rules.classify_sequence(text, seq, language, vocabulary):
            found.append(_Candidate(part.start, part.end, part.kind, part.priority))
    return found


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the strongest (then longest) candidates that do not overlap a kept one."""
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[_Candidate] = []
    taken = DisjointRanges()
    for cand in ranked:
        if cand.end <= cand.start or taken.overlaps(cand.start, cand.end):
            continue
        taken.add(cand.start, cand.end)
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


#: candidates at or below this priority are guesses (spaCy's labels, capitalised sequences)
_WEAK = 50
#: an age in apposition right after a name: "Galina Yermak, 71,"
_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*(?:[,.;:)—–]|$)")


def _person_name(text: str, cand: _Candidate, language: str) -> _Candidate:
    """A guessed organisation or unknown name of two to four capitalised words is a person's
    when it starts with a known given name ("Marta Kowal"), or when a title stands right
    before it ("Minister Marta Kowal"), an age or a role after it ("X, 71,"; "X, the deputy
    mayor") or a role before it ("the deputy mayor, X")."""
    if cand.priority > _WEAK or cand.kind not in ("organisation", "other"):
        return cand
    names = text[cand.start : cand.end].split()
    if not 2 <= len(names) <= 4 or not all(n[:1].isupper() for n in names):
        return cand
    lower = {n.lower() for n in names}
    blockers = set(words("organisation_heads", language)) | set(words("outlet_nouns", language))
    if lower & blockers or is_organisation_name(" ".join(names)):
        return cand  # "Marta Holdings": a company name that opens with a given name
    span = Span.of(text, cand.start, cand.end)
    extra = load_language(language).extra
    places = frozenset(extra.get("place_names", ()))
    evidence = (
        (is_given_name(names[0]) and names[0] not in places)
        or _title_before(text, cand.start, language)
        or _AGE_AFTER.match(text[cand.end : cand.end + 8]) is not None
        or _descriptor_kind(text, span, language, extra) == "person"
    )
    if not evidence:
        return cand
    return _Candidate(cand.start, cand.end, "person", cand.priority, cand.key)


def _title_before(text: str, start: int, language: str) -> bool:
    """Whether the word right before ``start`` is a title ("Minister", "Mr", "Dr.")."""
    found = re.search(r"([\w’'-]+)\.?\s+$", text[max(0, start - 40) : start])
    if found is None:
        return False
    word = found.group(1).lower()
    honorifics = load_language(language).extra.get("person_honorifics", ())
    return word in words("titles", language) or word in honorifics


def _assign_keys(text: str, chosen: list[_Candidate]) -> tuple[Mention, ...]:
    """Give each mention its key; surnames alone take the key of an earlier full name."""
    surnames: dict[str, str] = {}
    mentions: list[Mention] = []
    for cand in chosen:
        span = Span.of(text, cand.start, cand.end, cand.kind)
        kind = cand.kind
        key = cand.key or canonical_key(span.text)
        words = span.text.split()
        if kind == "person" and len(words) >= 2:
            surnames.setdefault(spelling_key(words[-1]), key)
        elif len(words) == 1 and (
            kind in ("person", "other") or (kind == "organisation" and cand.priority <= _WEAK)
        ):
            full = surnames.get(spelling_key(words[0]))
            if full is not None:
                kind, key = "person", full
        mentions.append(Mention(span=Span.of(text, cand.start, cand.end, kind), kind=kind, key=key))
    return tuple(mentions)


#: a descriptor right after a name: ", the state company that ...", ", an independent outlet"
_RIGHT_DESCRIPTOR = re.compile(
    r"^\s*,\s+(?i:the|an?|its|their)\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)"
    r"(?=\s+(?i:that|which|who|whose|of|in|for|and)\b|\s*[,.;:)—–]|\s*$)"
)
#: a descriptor right before a name: "the dam's state operator, ", "the operator, "
_LEFT_DESCRIPTOR = re.compile(
    r"(?<!\w)(?i:the|an?|its|their)\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s*,\s*$"
)


def _bare_name_kinds(
    text: str, mentions: tuple[Mention, ...], language: str
) -> tuple[Mention, ...]:
    """Kinds for names of one word that nothing in their own words classifies ("Dravgidro",
    "Kyiv"): a descriptor next to a mention of the name ("the operator, Dravgidro"; "X, the
    state company that ..."), then what another mention with the same key is (an outlet
    named in an outlet context, a place), then the language's list of well-known places."""
    lang = load_language(language)
    places = frozenset(lang.extra.get("place_names", ()))
    described: dict[str, MentionKind] = {}
    for m in mentions:
        if _is_bare(m):
            kind = _descriptor_kind(text, m.span, language, lang.extra)
            if kind is not None:
                described.setdefault(m.key, kind)
    by_key: dict[str, MentionKind] = {}
    for m in mentions:
        if m.kind in ("outlet", "organisation", "place") and m.key not in by_key:
            by_key[m.key] = m.kind
    result: list[Mention] = []
    for m in mentions:
        kind = described.get(m.key) or by_key.get(m.key) if _is_bare(m) else None
        if by_key.get(m.key) == "outlet" and " " not in m.span.text.strip():
            kind = "outlet"  # "the news site X" once: a later bare X is that outlet too
        if kind is None and _is_bare(m) and m.span.text in places:
            kind = "place"
        if kind is not None and kind != m.kind:
            m = Mention(Span.of(text, m.span.start, m.span.end, kind), kind, m.key)
        result.append(m)
    return tuple(result)


def _is_bare(mention: Mention) -> bool:
    """A one-word name whose kind rests on no evidence of its own (a surname linked to a full
    name keeps its person key, which has a space)."""
    single = " " not in mention.span.text.strip()
    return single and mention.kind in ("other", "person") and " " not in mention.key


def _descriptor_kind(
    text: str, span: Span, language: str, extra: dict[str, Any]
) -> MentionKind | None:
    """What an apposed descriptor says a name is: an outlet, an organisation or a person."""
    right = _RIGHT_DESCRIPTOR.match(text[span.end : span.end + 120])
    left = _LEFT_DESCRIPTOR.search(text[max(0, span.start - 80) : span.start])
    for found in (right, left):
        if found is None:
            continue
        phrase = found.group(1).lower()
        head = phrase.split()[-1]
        outlets = words("outlet_nouns", language)
        if any(" " in n and n in phrase for n in outlets) or (
            head in outlets and head not in _LOOSE_OUTLET_NOUNS
        ):
            return "outlet"
        organisations = set(words("organisation_heads", language))
        organisations |= set(extra.get("organisation_descriptors", ()))
        if head in organisations:
            return "organisation"
        if head in words("titles", language):
            return "person"
    return None


#: how far before "the outlet" its bare-name antecedent may stand (characters)
_ANAPHOR_REACH = 300


def _outlets_named_by_anaphor(
    text: str, mentions: tuple[Mention, ...], language: str, outlet: str | None
) -> tuple[Mention, ...]:
    """ "according to Brightline, ... the outlet said": when "the outlet" (or "the newspaper")
    has no earlier outlet mention to point to (the article's own outlet aside), the one-word
    name right before it is that outlet, and so is every mention of that name."""
    own = canonical_key(outlet) if outlet else None
    nouns = [n for n in words("outlet_nouns", language) if n not in _LOOSE_OUTLET_NOUNS]
    if not nouns:
        return mentions
    alternation = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    anaphor = re.compile(rf"(?<!\w)(?i:the|this)\s+(?:{alternation})(?!\w)")
    places = frozenset(load_language(language).extra.get("place_names", ()))
    ends = [m.span.end for m in mentions]
    if any(a > b for a, b in pairwise(ends)):
        raise ValueError("mentions must be in text order and not overlap")
    keys: set[str] = set()
    outlet_keys: set[str] = set()  # keys of the outlet mentions before the anaphor
    seen = 0
    for found in anaphor.finditer(text):
        count = bisect_right(ends, found.start())
        outlet_keys.update(m.key for m in mentions[seen:count] if m.kind == "outlet")
        seen = count
        if any(key != own and key not in keys for key in outlet_keys):
            continue
        near = mentions[bisect_left(ends, found.start() - _ANAPHOR_REACH) : count]
        bare = [
            m
            for m in near
            if " " not in m.span.text.strip()
            and m.kind in ("other", "organisation", "place", "person")
            and " " not in m.key
            and m.span.text not in places
            and not is_given_name(m.span.text)
        ]
        if bare:
            keys.add(bare[-1].key)
    if not keys:
        return mentions
    return tuple(
        Mention(Span.of(text, m.span.start, m.span.end, "outlet"), "outlet", m.key)
        if m.key in keys
        else m
        for m in mentions
    )
