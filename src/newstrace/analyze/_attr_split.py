"""Second cues inside a first cue's content (PolNeAR never nests a cue in a content).

The parser often hangs a second speech act on the first one's complement: "she said he was
wrong and criticized him for X" reads "criticized" as a conjunct of "was", and "he said X,
insisting that Y" reads "insisting" as an adverbial clause of X's verb. A cue candidate that is
such a clause, without a subject of its own, inside the complement of the nearest cue candidate
above it, is split off: it leaves that cue's content and takes that cue's source. A conjunct
must have the outer cue's tense ("said ... and criticized", not "says he would X and tell Y");
an adverbial clause must be a participle set off by a comma.

A cue candidate with a speaker of its own that the parser attaches inside another cue's content
as a clause set off by a comma, a relative clause ("criticized the plan, which the council
approved") or an adverbial clause with its own subject ("said X, while the developers argued
Y"), is cut out of that content too, but keeps its own source.
"""

from __future__ import annotations

from typing import Any

_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_LINKS = frozenset({"cc", "punct"})
#: clauses with a subject of their own that are cut out of a content when they are cue candidates
_OWN_CLAUSES = frozenset({"relcl", "advcl"})
#: how far up the tree the outer cue may be
_MAX_DEPTH = 6


def outer_cue(token: Any, cues: frozenset[int]) -> Any | None:
    """The cue candidate (a token index in ``cues``) whose content the clause of cue head
    ``token`` is split off from, if any: the nearest candidate above it."""
    if not _splittable(token):
        return None
    outer = _nearest(token, cues)
    return outer if outer is not None and _agrees(token, outer) else None


def _nearest(token: Any, cues: frozenset[int]) -> Any | None:
    """The nearest cue candidate above ``token`` (at most ``_MAX_DEPTH`` steps up)."""
    head = token.head
    for _ in range(_MAX_DEPTH):
        if head.i in cues:
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def split_offs(token: Any, cues: frozenset[int]) -> list[Any]:
    """The tokens of the clauses split off from the content of cue head ``token``, with the
    conjunction or comma before each."""
    found: list[Any] = []
    for other in token.subtree:
        if other.i == token.i or other.i not in cues:
            continue
        outer = outer_cue(other, cues)
        if outer is None and _own_clause(other):
            outer = _nearest(other, cues)
        if outer is not None and outer.i == token.i:
            found += list(other.subtree)
            found += _links_before(other)
    return found


def _links_before(token: Any) -> list[Any]:
    """The conjunction and punctuation right before a split-off clause (", and")."""
    doc = token.doc
    links = []
    index = token.left_edge.i - 1
    while index >= 0 and doc[index].dep_ in _LINKS and doc[index].head.i in (token.i, token.head.i):
        links.append(doc[index])
        index -= 1
    return links


def _splittable(token: Any) -> bool:
    """A subjectless verb coordinated in a finite form, or a participle set off by a comma."""
    if token.pos_ != "VERB" or any(c.dep_ in _SUBJECTS for c in token.children):
        return False
    if token.dep_ == "conj":
        return token.tag_ in _FINITE
    if token.dep_ == "advcl":
        first = token.left_edge
        comma = first.i > 0 and first.nbor(-1).text == ","
        return bool(token.tag_ == "VBG" and comma)
    return False


def _own_clause(token: Any) -> bool:
    """A relative or adverbial clause after its head, with a subject of its own, set off by a
    comma ("the plan, which the council approved"; "X, while the developers argued Y")."""
    if token.dep_ not in _OWN_CLAUSES or token.i < token.head.i:
        return False
    if not any(c.dep_ in _SUBJECTS for c in token.children):
        return False
    first = token.left_edge
    return bool(first.i > 0 and first.nbor(-1).text == ",")


def _agrees(token: Any, outer: Any) -> bool:
    """A conjunct has the outer cue's tense and person (an adverbial participle always does)."""
    return token.dep_ != "conj" or bool(token.tag_ == outer.tag_)
