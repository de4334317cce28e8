"""The source of a cue read off the parse (step 3 of ``_attr_dep``): the subject's noun
phrase, the agent of a passive, the object of "according to", the possessor of a nominal cue,
a subject inherited from a governing verb or reached through a preposition ("by saying"); none
for an agentless passive ("X is expected to"), whose subject belongs to the content. A source
inside a quotation the cue is outside of, or in an earlier paragraph, is a misparse and is
replaced by the words before the cue."""

from __future__ import annotations

from typing import Any

from newstrace.analyze._attr_quotes import QuoteRegion, region_at
from newstrace.analyze._attr_spans import Range

_ASIDES = frozenset({"like", "including", "unlike", "besides", "among"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp"})


def _source_tokens(
    token: Any,
    exclude: set[int],
    regions: tuple[QuoteRegion, ...] = (),
    sourceless: frozenset[str] = frozenset(),
) -> list[Any]:
    """The source noun phrase of a cue head, if the parse shows one (none for a lemma of
    ``sourceless``, a raising verb: "X seems to")."""
    if _subject_in_content(token, sourceless):
        return []  # "X was criticized for ...", "X seems to": X is part of what is attributed
    if _expletive_subject(token):
        return []  # "it is unclear whether ...": nobody is named
    head = token
    for _ in range(3):
        subject = _subject_of(head, regions)
        if subject is not None:
            return _noun_phrase(subject, exclude)
        controller = _object_controller(head)
        if controller is not None:
            return _noun_phrase(controller, exclude)  # "asked the voters to judge": voters
        if head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # "..., by saying that", "despite admitting that"
        elif head.dep_ in _INHERIT and head.head.i != head.i:
            head = head.head
        else:
            break
    if token.dep_ in ("acl", "relcl"):
        noun = token.head
        return [t for t in _noun_phrase(noun, exclude) if t.i < token.i]
    return []


def _expletive_subject(token: Any) -> bool:
    """Whether a cue head is a copula with an adjective and the placeholder subject "it"
    ("it is unclear whether", "it was clear that"; PolNeAR train: 34 of 38 have no source)."""
    if not any(child.dep_ == "acomp" for child in token.children):
        return False
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in token.children)


def _object_controller(token: Any) -> Any | None:
    """The direct object of the verb governing an infinitive complement, before it ("urged
    the voters to judge", "needs more voters to judge"): the one who does what the infinitive
    says (object control; PolNeAR train: 35 of 48 such cues have that object as source)."""
    if token.dep_ != "xcomp" or token.head.i == token.i:
        return None
    objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
    return objects[0] if objects else None


def _subject_in_content(token: Any, sourceless: frozenset[str] = frozenset()) -> bool:
    """Whether a cue head's subject is what is attributed, not its source: an agentless
    passive, or a verb that PolNeAR train annotates without a source when it has a subject
    (``sourceless_lemmas``, learned: "X seems to", "X appears to")."""
    if _agentless_passive(token):
        return True
    active = any(child.dep_ == "nsubj" for child in token.children)
    return active and token.lemma_.lower() in sourceless


def _agentless_passive(token: Any) -> bool:
    """Whether a cue head is a passive verb with a subject and no "by" agent ("X is expected
    to", "X was accused of"): PolNeAR leaves such attributions without a source and puts the
    passive subject in the content."""
    deps = {child.dep_ for child in token.children}
    if "agent" in deps or any(_is_verb_prep(child) for child in token.children):
        return False  # "X was quoted as saying": X is the speaker
    if "nsubjpass" in deps:
        return True
    # a bare past participle opening or closing a clause ("Asked about X, Y said", "a paper
    # titled X"): its subject or the noun it modifies is what the act was done to
    perfect = any(c.dep_ == "aux" for c in token.children)
    return token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and not perfect


def _is_verb_prep(child: Any) -> bool:
    """``as`` with a verb for object ("quoted as saying")."""
    return (
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB" for g in child.children)
    )


def _noun_phrase(head: Any, exclude: set[int]) -> list[Any]:
    """The subtree of ``head`` without relative clauses and asides, in one line of text."""
    cut: set[int] = set(exclude)
    for child in head.children:
        if child.dep_ == "relcl" or (child.dep_ == "prep" and child.lower_ in _ASIDES):
            cut |= {t.i for t in child.subtree}
    chosen = {t.i: t for t in head.subtree if t.i not in cut}
    if head.i not in chosen:
        return []  # the subject is part of the cue: a misparse, no source
    lo = hi = head.i
    while lo - 1 in chosen and "\n" not in chosen[lo - 1].text:
        lo -= 1
    while hi + 1 in chosen and "\n" not in chosen[hi + 1].text:
        hi += 1
    tokens = [chosen[i] for i in range(lo, hi + 1)]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens or [head]


def _subject_of(head: Any, regions: tuple[QuoteRegion, ...] = ()) -> Any | None:
    """The subject (or agent, or object of "according to") of a cue head.

    Of several subjects the parser proposes, one outside quotation marks is preferred: a
    quoted phrase before "said X" is often misread as the subject.
    """
    lemma = head.lemma_.lower()
    for child in head.children:
        if lemma == "accord" and child.dep_ == "prep":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    subjects = [
        child
        for child in head.children
        if child.dep_ in _SUBJECTS or (head.pos_ == "NOUN" and child.dep_ == "poss")
    ]
    unquoted = [c for c in subjects if region_at(regions, c.idx) is None]
    return (unquoted or subjects or [None])[0]


def _outside_quotes(
    doc: Any, source: Range, cue: Range, regions: tuple[QuoteRegion, ...]
) -> Range | None:
    """A source the parser found inside a quotation the cue is outside of is a misparse; the
    words between the quotation's end and the cue are taken instead ('"...," X told Y')."""
    region = region_at(regions, source[0])
    inside = region is not None and source[1] <= region.end
    if region is None or not inside or region.start <= cue[0] < region.end:
        return source
    if region.end <= cue[0]:
        between = doc.char_span(region.end, cue[0], alignment_mode="contract")
        words = [t for t in between or [] if not t.is_punct and not t.is_space]
        if 0 < len(words) <= 10:
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def _source_in_paragraph(doc: Any, source: Range, cue: Range, paragraph: int) -> Range | None:
    """A source the parser took from an earlier paragraph (a headline or a time stamp run into
    the next line) is a misparse: the words that open the cue's paragraph before the cue are
    taken instead when they are a short phrase without a verb or a comma, else none."""
    if source[0] >= paragraph or cue[0] < paragraph:
        return source
    between = doc.char_span(paragraph, cue[0], alignment_mode="contract")
    words = [t for t in between or [] if not t.is_space]
    if not 0 < len(words) <= 10 or any(t.pos_ == "VERB" or t.text == "," for t in words):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _token_range(tokens: list[Any]) -> Range:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
