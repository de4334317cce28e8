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
from dataclasses import dataclass
from typing import Any

from newstrace.analyze import _mention_rules as rules
from newstrace.analyze.keys import canonical_key, spelling_key
from newstrace.model import Mention, MentionKind, Span

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
        candidates += _spacy_candidates(doc)
    candidates += _sequence_candidates(text, language)
    chosen = _resolve_overlaps(candidates)
    return _assign_keys(text, chosen)


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


def _spacy_candidates(doc: Any) -> list[_Candidate]:
    found: list[_Candidate] = []
    for ent in doc.ents:
        kind = _SPACY_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = rules.trim_name(doc.text, ent.start_char, ent.end_char)
        if end > start:
            found.append(_Candidate(start, end, kind, 50))
    return found


def _sequence_candidates(text: str, language: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for seq in rules.capitalised_sequences(text):
        for part in rules.classify_sequence(text, seq, language):
            found.append(_Candidate(part.start, part.end, part.kind, part.priority))
    return found


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the strongest (then longest) candidates that do not overlap a kept one."""
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[_Candidate] = []
    for cand in ranked:
        if cand.end <= cand.start:
            continue
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


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
        elif kind in ("person", "other") and len(words) == 1:
            full = surnames.get(spelling_key(words[0]))
            if full is not None:
                kind, key = "person", full
        mentions.append(Mention(span=Span.of(text, cand.start, cand.end, kind), kind=kind, key=key))
    return tuple(mentions)
