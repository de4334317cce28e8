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
Y"), is cut out of that content too, but keeps its own source. A cue candidate clause that
ends its sentence after a comma (a relative clause, or a subjectless participle without a
conjunction) is cut out of the content of every cue above it, not only the nearest one.

A conjunct the cue model is sure of (``SURE_MARGIN`` above its threshold) is split off whatever
its tense ("has said X and has expressed support for Y", "touting X and pounding Y"). And a
trailing cue after a quotation that a colon or dash introduces ('A praised X: "Q," she said')
quotes only the quotation: the clause before the colon is another statement.
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
#: how far above the cue threshold a conjunct must score to be split off whatever its tense
#: (chosen on PolNeAR train by cross-fitting, 2026-11-22: 8, 10, 13 and 16 tried)
SURE_MARGIN = 10.0
#: marks after which a quotation opens a statement of its own ('X: "Q"', 'X - "Q"')
_BREAKS = frozenset({":", ";", "—", "–", "-", "--"})
#: opening quotation marks as the tagger reads them
_OPENERS = frozenset({"“", "‘", "«"})


def outer_cue(token: Any, cues: frozenset[int], sure: frozenset[int] = frozenset()) -> Any | None:
    """The cue candidate (a token index in ``cues``) whose content the clause of cue head
    ``token`` is split off from, if any: the nearest candidate above it. ``sure`` holds the
    candidates scored at least ``SURE_MARGIN`` above the threshold."""
    if token.i in sure and _sure_conjunct(token):
        outer = _nearest(token, cues)
        if outer is not None and outer.i < token.i:
            return outer
    if not _splittable(token):
        return None
    outer = _nearest(token, cues)
    return outer if outer is not None and _agrees(token, outer) else None


def _sure_conjunct(token: Any) -> bool:
    """A subjectless verb coordinated after its head, of any tense."""
    if token.pos_ != "VERB" or token.dep_ != "conj" or token.i < token.head.i:
        return False
    return not any(c.dep_ in _SUBJECTS for c in token.children)


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


def split_offs(token: Any, cues: frozenset[int], sure: frozenset[int] = frozenset()) -> list[Any]:
    """The tokens of the clauses split off from the content of cue head ``token``, with the
    conjunction or comma before each, and of a clause before a colon or dash that introduces
    the quotation a trailing cue follows."""
    found: list[Any] = []
    for other in token.subtree:
        if other.i == token.i or other.i not in cues:
            continue
        outer = outer_cue(other, cues, sure)
        if outer is None and _own_clause(other):
            outer = _nearest(other, cues)
        # a trailing clause is cut from the content of any cue above it, not only the nearest
        if (outer is not None and outer.i == token.i) or _trailing_clause(other):
            found += list(other.subtree)
            found += _links_before(other)
    return found + lead_clause(token)


def _trailing_clause(token: Any) -> bool:
    """A cue candidate clause that ends its sentence after a comma: a relative clause ("...,
    which the council approved.") or a subjectless participle without a conjunction ("...,
    insisting that Y."); one followed by a comma may be an aside inside the content."""
    if token.i < token.head.i or token.pos_ != "VERB":
        return False
    first, after = token.left_edge, token.right_edge.i + 1
    if first.i == 0 or first.nbor(-1).text != ",":
        return False
    if after < token.sent.end and token.doc[after].text == ",":
        return False
    if token.dep_ == "relcl":
        return True
    own = any(c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in token.children)
    return bool(token.dep_ == "advcl" and token.tag_ == "VBG" and not own)


def lead_clause(token: Any) -> list[Any]:
    """The words of cue head ``token``'s sentence before a quotation that ends right before
    the cue (and its subject) and that a colon or dash introduces ('In her speech, the mayor
    declared X: "Q," she said'): they are a statement of their own, not what the cue quotes."""
    doc = token.doc
    subjects = [c.left_edge.i for c in token.children if c.dep_ in _SUBJECTS and c.i < token.i]
    index = min([token.i, *subjects]) - 1
    while index >= 0 and (doc[index].text == "," or doc[index].is_space):
        index -= 1
    if index < 0 or not doc[index].is_quote:
        return []
    start = token.sent.start
    index -= 1
    while index > start and not _opens(doc[index]):
        index -= 1
    if index <= start or doc[index - 1].text not in _BREAKS:
        return []
    return list(doc[start:index])


def _opens(token: Any) -> bool:
    """An opening quotation mark."""
    return bool(token.tag_ == "``" or token.text in _OPENERS)


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
