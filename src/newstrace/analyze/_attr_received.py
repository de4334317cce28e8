"""Nominal cues received from someone: "the plan drew criticism from X", "she enjoys strong
support among Y", "the remarks sparked an outcry from Z".

When the cue is a noun that is the direct object of its verb and a prepositional phrase with
"from" or "among" (on the noun, or on the verb after the noun) names who criticises, supports
or objects, that phrase is the source and the verb's subject is what is attributed: PolNeAR
train marks the object of such a phrase as the source in 43 of 52 nominal cues with "from" and
10 of 11 with "among" (the object of "of", "for", "about" is mostly the content and is left
alone). The prepositions are the English ones that mark an origin or a group of holders; a
language without them gets none (``GIVER_PREPOSITIONS``). Left alone: a noun with a clause of
its own ("a letter from his doctor that says X": the clause is its content) and an object that
is a number or a time expression ("records from 1995").
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze._attr_objects import names_a_time

#: clauses that give a nominal cue its own content ("a letter from X that says Y")
_OWN_CONTENT = frozenset({"relcl", "acl", "ccomp"})
#: prepositions whose object is who holds or voices a nominal cue ("criticism from X")
GIVER_PREPOSITIONS: dict[str, frozenset[str]] = {"en": frozenset({"from", "among"})}


def received_from(token: Any, cue_ids: set[int], code: str = "en") -> tuple[Any, Any] | None:
    """The giver (source head) and the subject (content head) of cue head ``token`` when its
    cue is a nominal object with a "from" / "among" phrase; ``None`` otherwise."""
    preps = GIVER_PREPOSITIONS.get(code, frozenset())
    noun = _nominal_object(token, cue_ids)
    if noun is None or not preps:
        return None
    if any(c.dep_ in _OWN_CONTENT for c in noun.children):
        return None
    verb = noun.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i in cue_ids:
        return None
    giver = _giver(noun, verb, preps, cue_ids)
    return (giver, subject) if giver is not None else None


def _nominal_object(token: Any, cue_ids: set[int]) -> Any | None:
    """The noun of the cue that is the direct object of its verb (the head itself, or the
    head verb's object inside the cue span)."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj":
        return token
    objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return next((c for c in objects if c.i in cue_ids), None)


def _giver(noun: Any, verb: Any, preps: frozenset[str], cue_ids: set[int]) -> Any | None:
    """The object of the first giver preposition on ``noun``, or on ``verb`` after it."""
    phrases = [c for c in noun.children if c.dep_ == "prep"]
    phrases += [c for c in verb.children if c.dep_ == "prep" and c.i > noun.i]
    for phrase in sorted(phrases, key=lambda c: c.i):
        if phrase.lower_ not in preps:
            continue
        obj = next((g for g in phrase.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.i not in cue_ids:
            return None if _when(obj) else obj
    return None


def _when(obj: Any) -> bool:
    """A number or a time expression covering the object's head ("from 1995", "from May")."""
    return bool(obj.pos_ == "NUM") or names_a_time([obj])
