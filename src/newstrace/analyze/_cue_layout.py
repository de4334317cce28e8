"""Per-doc token facts for the cue-head scorer, read once per parsed doc into plain lists.

Scoring asks dozens of questions of every candidate token (its lemma, relation, children,
neighbours, nearby quotation marks); asking them of spaCy ``Token`` objects makes a new object
per access. :func:`layout` reads the doc's attribute array once and keeps the answer in
``doc.user_data``, so each question is a list lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: every quotation mark (for "is a quotation mark near")
QUOTES = frozenset("\"“”‘’'«»„")
#: double quotation marks (for "is the token inside a quotation")
_DOUBLE_MARKS = frozenset({'"', "“", "”"})
_KEY = "newstrace_cue_layout"


@dataclass(frozen=True, slots=True)
class Layout:
    """Per-token facts of a doc: word forms, lemmas (lower case), tags, relations, entity
    types, head and child indices (children in text order, as ``token.children``), where each
    sentence starts, and how many quotation marks (any kind) and double quotation marks come
    before each token (``len(doc) + 1`` entries)."""

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


def layout(doc: Any) -> Layout:
    """The doc's :class:`Layout`, built on first use and kept in ``doc.user_data``."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = build_layout(doc)
    return found  # type: ignore[no-any-return]


def build_layout(doc: Any) -> Layout:
    """Read a doc's token attributes in one array and name them through the string table."""
    import numpy
    from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, TAG

    array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ORTH, HEAD])
    strings = doc.vocab.strings
    lower, lemma, pos, tag, dep, ent, orth = (
        _names(strings, array[:, column]) for column in range(7)
    )
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
        lemma=[word.lower() for word in lemma],
        pos=pos,
        tag=tag,
        dep=dep,
        ent=ent,
        head=head,
        children=children,
        sent_start=starts,
        quotes_before=_prefix_counts([text in QUOTES for text in orth]),
        marks_before=_prefix_counts([text in _DOUBLE_MARKS for text in orth]),
    )


def _names(strings: Any, ids: Any) -> list[str]:
    """The strings of ``ids`` (an array of hashes or symbol numbers) in the string table
    ``strings``, each distinct one asked for once."""
    import numpy

    distinct, where = numpy.unique(ids, return_inverse=True)
    names = [str(strings[key]) for key in distinct.tolist()]
    return [names[k] for k in where.tolist()]


def _prefix_counts(flags: list[bool]) -> list[int]:
    """``counts[k]`` = how many of ``flags[:k]`` are true (``len(flags) + 1`` entries)."""
    counts = [0] * (len(flags) + 1)
    running = 0
    for k, flag in enumerate(flags):
        running += flag
        counts[k + 1] = running
    return counts
