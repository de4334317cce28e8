"""Per-doc token facts for the cue-head scorer, read once per parsed doc into plain lists.

Scoring asks dozens of questions of every candidate token (its lemma, relation, children,
neighbours, nearby quotation marks); asking them of spaCy ``Token`` objects makes a new object
per access. :func:`layout` reads the doc's attribute array once and keeps the answer in
``doc.user_data``, so each question is a list lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from sys import intern
from typing import Any, TypeVar

Key = TypeVar("Key", int, str)

#: every quotation mark (for "is a quotation mark near")
QUOTES = frozenset("\"“”‘’'«»„")
#: double quotation marks (for "is the token inside a quotation")
_DOUBLE_MARKS = frozenset({'"', "“", "”"})
_KEY = "newstrace_cue_layout"
#: hash or symbol number -> interned string, and word -> interned lower case, kept across docs
_NAMES: dict[int, str] = {}
_LOWERED: dict[str, str] = {}
#: size at which those tables are emptied
_NAMES_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Layout:
    """Per-token facts of a doc: word forms, lemmas (lower case), tags, relations, entity
    types, head and child indices (children in text order, as ``token.children``), where each
    sentence starts, and how many quotation marks (any kind) and double quotation marks come
    before each token (``len(doc) + 1`` entries), and whether each token is alphabetic."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]
    children: list[Sequence[int]]
    sent_start: list[int]
    quotes_before: list[int]
    marks_before: list[int]
    alpha: list[bool]


def layout(doc: Any) -> Layout:
    """The doc's :class:`Layout`, built on first use and kept in ``doc.user_data``."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = build_layout(doc)
    return found  # type: ignore[no-any-return]


def build_layout(doc: Any) -> Layout:
    """Read a doc's token attributes in one array and name them through the string table."""
    import numpy
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, LEMMA, LOWER, ORTH, POS, TAG

    array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ORTH, HEAD, IS_ALPHA])
    strings = doc.vocab.strings
    lower, lemma, pos, tag, dep, ent = (_names(strings, array[:, column]) for column in range(6))
    head: list[int] = (array[:, 7].astype("int64") + numpy.arange(len(doc))).tolist()
    kids: dict[int, list[int]] = {}
    for i, h in enumerate(head):
        if h != i:
            found = kids.get(h)
            if found is None:
                kids[h] = [i]
            else:
                found.append(i)
    children: list[Sequence[int]] = [()] * len(doc)  # no list object for a leaf
    for h, found in kids.items():
        children[h] = found
    starts = [0] * len(doc)
    for sent in doc.sents:
        starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
    return Layout(
        lower=lower,
        lemma=_lowered(lemma),
        pos=pos,
        tag=tag,
        dep=dep,
        ent=ent,
        head=head,
        children=children,
        sent_start=starts,
        quotes_before=_prefix_counts(strings, array[:, 6], QUOTES),
        marks_before=_prefix_counts(strings, array[:, 6], _DOUBLE_MARKS),
        alpha=(array[:, 8] != 0).tolist(),
    )


def _names(strings: Any, ids: Any) -> list[str]:
    """The strings of ``ids`` (an array of hashes or symbol numbers) in the string table
    ``strings``, interned (feature keys made of them then compare by identity in the
    scorer's memo). Names are remembered across docs: a hash or symbol number names the same
    string in every spaCy string table."""
    return _remembered(_NAMES, ids.tolist(), lambda key: intern(str(strings[key])))


def _lowered(words: list[str]) -> list[str]:
    """``words`` in lower case (interned), each distinct one lowered once."""
    return _remembered(_LOWERED, words, lambda word: intern(word.lower()))


def _remembered(table: dict[Key, str], keys: list[Key], make: Callable[[Key], str]) -> list[str]:
    """``make(key)`` for each of ``keys``, each distinct key made once and kept in ``table``
    across calls (emptied when it outgrows ``_NAMES_LIMIT``)."""
    try:
        return [table[key] for key in keys]
    except KeyError:
        if len(table) > _NAMES_LIMIT:
            table.clear()
        for key in set(keys).difference(table):
            table[key] = make(key)
        return [table[key] for key in keys]


def _prefix_counts(strings: Any, orths: Any, marks: frozenset[str]) -> list[int]:
    """``counts[k]`` = how many of the first ``k`` tokens (word forms ``orths``, hashes in the
    string table ``strings``) are one of ``marks`` (``len(orths) + 1`` entries)."""
    import numpy

    flags = numpy.isin(orths, [strings[mark] for mark in marks])
    counts: list[int] = numpy.concatenate(([0], numpy.cumsum(flags))).tolist()
    return counts
