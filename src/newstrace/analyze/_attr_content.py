"""The content of a cue read off the parse (step 4 of ``_attr_dep``): the clausal
complement (not one before the cue behind a colon or semicolon, nor an unquoted one before
the cue when the cue has its own object after it, "X, courts are still ordering Y"); else a
subjectless participle's own object ("..., citing X"); else the object of a preposition the
cue span holds ("..., referring to X"); else an infinitive or an object that is not a pronoun
or proper noun ("..., when she sought to counter X"); else, when the cue clause is a
parenthetical ("..., he said"), the governing clause without it; else an infinitive or object
complement with what it says of the object ("called him a genius"); else the object of its
first prepositional phrase that is neither a time expression nor a name ("agreed in 2011 to
X"); else the clause an "as" aside comments on, the clause a nominal cue introduces
("his claim that X") or a copula's adjective complement. The subject of an agentless
passive belongs to the content, alone when the cue has nothing else ("the plan was
announced").
Contents are cut to the cue's paragraph; a quotation right next to cue and source is the
content where the parse gives none."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_objects import (
    clause_before_overridden,
    cue_preposition_object,
    names_someone,
    prepositional_object,
    says_what,
)
from newstrace.analyze._attr_quotes import QuoteRegion, neighbours, region_at
from newstrace.analyze._attr_source import _SUBJECTS, _subject_in_content
from newstrace.analyze._attr_spans import Range

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_INVERTED = frozenset({"parataxis", "ccomp", "advcl", "conj", "ROOT"})
_CLAUSE_MARKS = frozenset({"that", "whether", "if"})
_CLAUSE_BREAKS = frozenset({":", ";"})
_OPEN_PUNCT = frozenset({",", "—", "–", "-", '"', "”", "“", "'", "’", ":", "("})


def _content_ranges(
    token: Any, exclude: set[int], sourceless: frozenset[str] = frozenset()
) -> list[Range]:
    """Character ranges of the content of a cue head (minus cue and source tokens)."""
    lemma = token.lemma_.lower()
    if lemma == "accord" or token.text == ":":
        picked = _governing_clause(token) if lemma == "accord" else _after_colon(token)
    else:
        picked = _complement(token, sourceless, exclude)
    tokens = [t for t in picked if t.i not in exclude and not t.is_space]
    return _ranges(tokens)


def _complement(
    token: Any, sourceless: frozenset[str] = frozenset(), cue: set[int] | None = None
) -> list[Any]:
    picked = _complement_proper(token, cue or set())
    if _subject_in_content(token, sourceless):
        subjects = ("nsubjpass", "nsubj")
        picked += [t for c in token.children if c.dep_ in subjects for t in c.subtree]
    return picked


def _cut_off(token: Any, clause: Any) -> bool:
    """A clausal complement before the cue that a colon or semicolon separates from it: a
    misparse of two clauses ("Voters were split: most women preferred X"), not the content of
    '"X," she said'."""
    if clause.i > token.i:
        return False
    between = token.doc[clause.right_edge.i + 1 : token.i]
    return any(t.text in _CLAUSE_BREAKS for t in between)


def _complement_proper(token: Any, cue: set[int]) -> list[Any]:
    clauses = [c for c in token.children if c.dep_ == "ccomp" and not _cut_off(token, c)]
    if clauses and not clause_before_overridden(token, clauses):
        return [t for c in clauses for t in c.subtree]
    deps = {c.dep_ for c in token.children}
    if "agent" in deps and "nsubjpass" in deps:
        return [t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree]
    objects = _objects(token, cue)
    if objects and not any(c.dep_ in _SUBJECTS for c in token.children):
        return objects  # "..., citing X", "..., promising to X": the verb's own object
    owned = cue_preposition_object(token, cue)  # "..., referring to X"
    if owned:
        return owned
    if objects and says_what(token):  # "..., when she sought to counter X"
        return objects
    # a root is its own head (compared by index: spaCy makes a new Token on each access)
    if token.dep_ in _INVERTED and token.head.i != token.i and _is_parenthetical(token):
        inner = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in inner]
    if objects:
        return objects
    aims = [c for c in token.children if c.dep_ == "advcl" and c.i > token.i and _predicative(c)]
    if aims:  # "pushed hard to win the vote": the infinitive parsed as an adverbial clause
        return list(aims[0].subtree)
    return prepositional_object(token) or _fallback(token, cue)


def _fallback(token: Any, cue: set[int]) -> list[Any]:
    """Content of a cue whose own arguments give none: the clause an "as" clause set off by a
    comma comments on ("As the paper reported, X"), the clause a nominal cue introduces ("his
    claim that X"), or the complement of a copula's adjective ("were adamant that X", "is
    critical of X")."""
    if _as_aside(token):
        inner = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in inner]
    found = _noun_clause(token)
    for child in token.children:
        if found:
            break
        if child.dep_ == "acomp" and child.i > token.i:
            found = _complement_proper(child, cue)
    return found


def _as_aside(token: Any) -> bool:
    """An adverbial clause opened by "as" and set off by a comma ("as X noted, ...", "...,
    as X reported")."""
    if token.dep_ != "advcl" or token.head.i == token.i:
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    if not marks or marks[0].lower_ != "as":
        return False
    words = list(token.subtree)
    doc = token.doc
    after = words[-1].i + 1
    before = words[0].i - 1
    comma_after = after < len(doc) and doc[after].text == ","
    return bool(comma_after or (before >= 0 and doc[before].text == ","))


def _noun_clause(token: Any) -> list[Any]:
    """The clause a nominal cue introduces ("his claim that X", "her refusal to X"): its first
    clausal modifier after it that is an infinitive or opens with "that", "whether" or "if"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    for child in token.children:
        if child.dep_ == "acl" and child.i > token.i:
            marks = {g.lower_ for g in child.children if g.dep_ == "mark"}
            if _is_infinitive(child) or marks & _CLAUSE_MARKS:
                return list(child.subtree)
    return []


def _objects(token: Any, cue: set[int]) -> list[Any]:
    """The subtree of the first kind of object complement a cue head has (infinitive, direct
    object, attribute, object predicate), empty when it has none; ``cue`` holds the tokens of
    the cue (and source), whose prepositions after the object always count ("took offense at
    X")."""
    for dep in ("xcomp", "dobj", "attr", "oprd"):
        found = [c for c in token.children if c.dep_ == dep]
        if dep == "dobj" and found:
            found += _predicates(token, found[-1].i, cue)
        if found:
            return [t for c in found for t in c.subtree]
    return []


def _predicates(token: Any, after: int, cue: set[int]) -> list[Any]:
    """What a verb says of its object ("called him a genius", "described it as toothless",
    "accused her of lying"): object predicates and prepositional phrases after the object,
    and prepositions that belong to the cue ("took offense at X")."""
    return [c for c in token.children if c.i > after and (c.i in cue or _predicative(c))]


def _predicative(child: Any) -> bool:
    """An object predicate, an infinitive after the object ("told them to vote", parsed as an
    adverbial clause), or a preposition right after the object ("as a genius", "of lying")
    unless it names someone or somewhere ("to Reuters", "in Ohio") or its learned rate of lying
    inside the content is below one half ("during the meetings"); neither of the last two when
    set off by a comma."""
    if child.dep_ == "oprd":
        return True
    if child.dep_ not in ("prep", "advcl"):
        return False
    first = child.left_edge
    if first.i > 0 and first.nbor(-1).text == ",":
        return False  # set off by a comma: an aside ("..., months after X")
    if child.dep_ == "advcl":
        return _is_infinitive(child)
    if names_someone(child):
        return False
    rate = _prep_rates(child.doc.lang_).get(child.lower_)
    return rate is None or rate >= 0.5  # learned: how often such a phrase is in the content


def _prep_rates(code: str) -> dict[str, float]:
    """Learned rate per preposition at which its phrase after a cue's object is inside
    the content (``predicate_preps`` of the language data; empty when none ships)."""
    rates: dict[str, float] = load_language(code or "en").extra.get("predicate_preps", {})
    return rates


def _is_infinitive(token: Any) -> bool:
    """A verb with "to" before it ("to vote")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < token.i for c in token.children)


def _is_parenthetical(token: Any) -> bool:
    """Whether the cue clause is set off from the content by punctuation ("..., he said")."""
    if token.dep_ == "parataxis":
        return True
    if any(child.dep_ == "mark" for child in token.children):
        return False  # a subordinate clause ("..., though they disclosed X"), not an aside
    words = [t for t in token.subtree if not t.is_punct]
    left = words[0] if words else token
    if left.i == 0:
        return False
    before = token.doc[left.i - 1]
    return bool(before.text in _OPEN_PUNCT or before.is_quote)


def _governing_clause(token: Any) -> list[Any]:
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and head.head.i != head.i:
        head = head.head
    inner = {t.i for t in token.subtree}
    return [t for t in head.subtree if t.i not in inner]


def _after_colon(token: Any) -> list[Any]:
    sent = token.sent
    return [t for t in sent if t.i > token.i]


def _adjacent_quote(
    text: str, anchors: list[Range], regions: tuple[QuoteRegion, ...]
) -> list[Range]:
    """A quotation right before the cue and source ('"...," he said') or right after them
    ('he said: "..."')."""
    outside = [a for a in anchors if region_at(regions, a[0]) is None]
    if not outside:
        return []
    start = min(a[0] for a in outside)
    end = max(a[1] for a in outside)
    before, after = neighbours(regions, start, end)
    for region in (before, after):
        if region is None:
            continue
        gap_before = text[region.end : start]
        gap_after = text[end : region.start]
        if region.end <= start and len(gap_before) <= 4 and not gap_before.strip(" ,—–-\n"):
            return [(region.start, region.end)]
        if region.start >= end and len(gap_after) <= 4 and not gap_after.strip(" ,:—–-\n"):
            return [(region.start, region.end)]
    return []


def _ranges(tokens: list[Any]) -> list[Range]:
    """Contiguous runs of ``tokens`` as character ranges."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[Range] = []
    last = -2
    for token in ordered:
        if token.i == last + 1 and runs:
            runs[-1] = (runs[-1][0], token.idx + len(token))
        else:
            runs.append((token.idx, token.idx + len(token)))
        last = token.i
    return runs


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Where each paragraph of a text starts and ends (a blank line separates them)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Paragraphs:
        """The paragraphs of ``text``, found once."""
        breaks = list(_PARAGRAPH_BREAK.finditer(text))
        return cls((0, *(m.end() for m in breaks)), (*(m.start() for m in breaks), len(text)))

    def start_of(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` starts."""
        return self.starts[bisect_right(self.starts, offset) - 1]

    def clip(
        self, content: list[Range], cue: Range, regions: tuple[QuoteRegion, ...]
    ) -> list[Range]:
        """Content ranges cut to the cue's paragraph, widened to the paragraphs a quotation
        crossing its breaks runs into (a quote running over several paragraphs)."""
        index = bisect_right(self.starts, cue[0]) - 1
        low, high = self._reach(index, regions)
        clipped = [(max(start, low), min(end, high)) for start, end in content]
        return [(start, end) for start, end in clipped if start < end]

    def _reach(self, index: int, regions: tuple[QuoteRegion, ...]) -> Range:
        """The start and end of paragraph ``index``, each moved out to the paragraph where a
        quotation holding it begins or ends."""
        low, high = self.starts[index], self.ends[index]
        while (region := region_at(regions, low)) is not None and region.start < low:
            low = self.starts[bisect_right(self.starts, region.start) - 1]
        while (region := region_at(regions, high)) is not None and region.end > high:
            reached = self.ends[bisect_right(self.starts, region.end - 1) - 1]
            if reached <= high:
                break
            high = reached
        return low, high
