"""Which of a cue head's own arguments holds its content (for ``_attr_content``).

A cue's object says what is attributed unless it only names whom or when: "courts are still
ordering the release of X" (the object, not a clause before the cue), "she sought to counter
X" (the infinitive, not the clause the cue's clause hangs on), "referring to X" (the object
of a preposition the cue span holds), "agreed in 2011 to X" (the first prepositional phrase
that is neither a time expression nor a name). A cue whose only arguments are such
prepositional phrases ("said in response", "tweeted on Sunday") takes an adjacent quotation
first.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.dates import time_expression_spans

#: the object complements ``_attr_content._objects`` takes
_OBJECT_DEPS = ("xcomp", "dobj", "attr", "oprd")
#: a child of this kind is an argument of the cue other than a prepositional phrase
_ARGUMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "acomp", "agent", "dative"})
_NAMING = frozenset({"PRON", "PROPN"})


def names_someone(child: Any) -> bool:
    """A preposition other than "as" whose object is a proper noun ("to Reuters", "in Ohio"):
    whom or where a statement was made, not what it says."""
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return child.lower_ != "as" and any(g.pos_ == "PROPN" for g in objects)


def says_what(token: Any) -> bool:
    """Whether the cue head's first object complement (by position) says what rather than
    whom: an infinitive ("sought to counter X") or a noun phrase headed by neither a pronoun
    nor a proper noun ("ordering the release of X", not "told him", "told Reuters")."""
    heads = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    if not heads:
        return False
    return heads[0].dep_ == "xcomp" or heads[0].pos_ not in _NAMING


def clause_before_overridden(token: Any, clauses: list[Any]) -> bool:
    """Whether clausal complements that all come before the cue are a misparse rather than its
    content ('"X," she said'): the cue has its own infinitive or direct object after it that
    says what (``says_what``), and no quotation mark opens or closes the clause or stands
    between it and the cue ("There is an investigation, courts are still ordering X")."""
    if not clauses or any(c.i > token.i for c in clauses):
        return False
    after = [c for c in token.children if c.dep_ in ("xcomp", "dobj") and c.i > token.i]
    if not after or not says_what(token):
        return False
    doc = token.doc
    between = doc[clauses[-1].right_edge.i + 1 : token.i]
    return not (_quoted(clauses[0]) or any(t.is_quote for t in between))


def _quoted(clause: Any) -> bool:
    """Whether a quotation mark is at either edge of a clause, inside or just outside it."""
    doc = clause.doc
    first, last = clause.left_edge.i, clause.right_edge.i
    edges = (first, max(first - 1, 0), last, min(last + 1, len(doc) - 1))
    return any(doc[i].is_quote for i in edges)


def cue_preposition_object(token: Any, cue: set[int]) -> list[Any]:
    """The object of a preposition after the head that the cue span holds ("referring to X",
    "calling for X"), when that object is not in the cue itself; empty when there is none."""
    for child in token.children:
        if child.dep_ == "prep" and child.i > token.i and child.i in cue:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects and not any(g.i in cue for g in objects):
                return [t for g in objects for t in g.subtree]
    return []


def prepositional_object(token: Any) -> list[Any]:
    """The object of the first prepositional phrase after the head that is not a
    circumstance ("agreed in 2011 to X" gives X); empty when every phrase is one."""
    for child in token.children:
        if child.dep_ != "prep" or child.i <= token.i:
            continue
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if objects and not _circumstance(child, objects):
            return [t for g in objects for t in g.subtree]
    return []


def _circumstance(child: Any, objects: list[Any]) -> bool:
    """A prepositional phrase that names someone or somewhere ("to Reuters", "in Ohio") or
    whose object is a time expression ("in 2011", "on Tuesday", "over the last year"): a date
    expression covers the object's head word."""
    return names_someone(child) or names_a_time(objects)


def names_a_time(heads: list[Any]) -> bool:
    """Whether a time expression ("2011", "on Tuesday", "the last year") found in the phrases
    of ``heads`` covers one of the head words."""
    words = [t for g in heads for t in g.subtree]
    doc = heads[0].doc
    # the span's own text: ``doc.text`` would rebuild the whole article's text on every call
    phrase = doc[min(t.i for t in words) : max(t.i for t in words) + 1]
    start = phrase.start_char
    spans = time_expression_spans(phrase.text, language=doc.lang_ or "en")
    return any(a <= g.idx - start and g.idx + len(g) - start <= b for g in heads for a, b in spans)


def only_prepositions(token: Any, cue: set[int]) -> bool:
    """Whether a cue head's arguments after it are only prepositional phrases outside its cue
    span ("said in an interview", "tweeted on Sunday"): no clause, object or agent."""
    children = list(token.children)
    if any(c.dep_ in _ARGUMENT_DEPS for c in children):
        return False
    preps = [c for c in children if c.dep_ == "prep" and c.i > token.i]
    return bool(preps) and not any(c.i in cue for c in preps)
