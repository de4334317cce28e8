"""Where the attribute ruler's multi-token patterns match, found without running a ``Matcher``
over every parsed doc.

:class:`newstrace.analyze.nlp.TokenStep` memoises the ruler and lemmatizer per distinct token
and runs the real components only where a multi-token pattern ("there is", "gon na") matches.
Every token spec of those patterns reads only the token itself (the step checks this), so
whether a token satisfies spec ``j`` of pattern ``k`` depends only on the step's memo key: it
is worked out once per distinct token (a ``Matcher`` of one-token patterns run on the step's
doc of one token per key) and kept as a bit mask. A pattern of fixed length (no ``OP``) then
matches at token ``i`` exactly when token ``i + j`` satisfies spec ``j`` for every ``j``, which
is what spaCy's ``Matcher`` reports for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: pattern keys whose value is a property of one token that the step's memo key determines
_LOCAL_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "TAG", "DEP", "POS", "MORPH", "LENGTH", "SHAPE", "PREFIX", "SUFFIX"}
)
#: how many token specs the masks can hold (bits of a signed 64-bit integer)
_MAX_SPECS = 63
#: an odd 64-bit multiplier (the golden ratio's fraction) that spreads a row's values
_MIX = 0x9E3779B97F4A7C15


@dataclass(frozen=True, slots=True)
class SpecMasks:
    """One-token ``Matcher`` of every spec of some fixed-length patterns, and for each pattern
    the bit of each of its positions."""

    matcher: Any  # a spaCy ``Matcher``
    bit_of: dict[int, int]  # match id of a spec -> its bit
    patterns: tuple[tuple[int, ...], ...]

    def masks(self, doc: Any) -> list[int]:
        """For each token of ``doc``, the bits of the specs it satisfies on its own."""
        found = [0] * len(doc)
        for match_id, start, _ in self.matcher(doc):
            found[start] |= self.bit_of[match_id]
        return found

    def spans(self, masks: Any) -> list[tuple[int, int]]:
        """Token ranges where a pattern matches (overlapping ones merged, as :func:`merged`),
        given the :meth:`masks` of a doc's tokens."""
        import numpy

        array: Any = numpy.asarray(masks, dtype="int64")
        size = len(array)
        matches: list[tuple[int, int, int]] = []
        for bits in self.patterns:
            length = len(bits)
            if length > size:
                continue
            ok: Any = numpy.ones(size - length + 1, dtype=bool)
            for j, bit in enumerate(bits):
                ok &= (array[j : size - length + 1 + j] & bit) != 0
            matches += [(0, start, start + length) for start in numpy.flatnonzero(ok).tolist()]
        return merged(matches)


def spec_masks(vocab: Any, patterns: list[list[dict[str, Any]]]) -> SpecMasks | None:
    """The :class:`SpecMasks` of ``patterns``; ``None`` when one has an ``OP`` (not of fixed
    length) or there are too many specs for the masks."""
    from spacy.matcher import Matcher

    if sum(map(len, patterns)) > _MAX_SPECS:
        return None
    if any("OP" in spec for pattern in patterns for spec in pattern):
        return None
    matcher = Matcher(vocab)
    bit_of: dict[int, int] = {}
    positions: list[tuple[int, ...]] = []
    for k, pattern in enumerate(patterns):
        bits = []
        for j, spec in enumerate(pattern):
            name = f"spec{k}_{j}"
            matcher.add(name, [[spec]])
            bit = 1 << len(bit_of)
            bit_of[vocab.strings.add(name)] = bit
            bits.append(bit)
        positions.append(tuple(bits))
    return SpecMasks(matcher, bit_of, tuple(positions))


def is_local(key: str) -> bool:
    """Whether a matcher pattern key reads only the token itself (and what the memo keys)."""
    return key in _LOCAL_KEYS or (key.startswith(("IS_", "LIKE_")) and key != "IS_SENT_START")


def merged(matches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The token ranges of matches, overlapping ones merged."""
    spans: list[tuple[int, int]] = []
    for _, start, end in sorted(matches, key=lambda m: (m[1], m[2])):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def span_copy(doc: Any, start: int, end: int) -> Any:
    """A ``Doc`` of tokens ``start:end`` with their labels as in ``doc`` (a plain span copy
    makes tokens whose head lies outside the span roots)."""
    piece = doc[start:end].as_doc()
    labels: Any = doc.to_array(["DEP"])[start:end].reshape(end - start, 1)
    piece.from_array(["DEP"], labels)
    return piece


def distinct_rows(array: Any) -> tuple[list[tuple[int, ...]], Any]:
    """The distinct rows of a 2-d ``uint64`` array as tuples, in order of first appearance
    (as ``dict.fromkeys`` of the rows gives them), and for each row the index of its tuple.

    Rows are told apart by a 64-bit fingerprint of their values (checked: when two different
    rows share one, the rows themselves are compared).
    """
    import numpy

    if not len(array):
        return [], numpy.zeros(0, dtype="int64")
    fingerprint = array[:, 0].copy()
    for column in range(1, array.shape[1]):
        fingerprint *= numpy.uint64(_MIX)
        fingerprint ^= array[:, column]
    _, first, where = numpy.unique(fingerprint, return_index=True, return_inverse=True)
    where = where.reshape(-1)
    if not numpy.array_equal(array[first[where]], array):
        rows = list(map(tuple, array.tolist()))
        index = {row: i for i, row in enumerate(dict.fromkeys(rows))}
        return list(index), numpy.array([index[row] for row in rows], dtype="int64")
    order = numpy.argsort(first, kind="stable")
    rank = numpy.empty_like(order)
    rank[order] = numpy.arange(len(order))
    return list(map(tuple, array[first[order]].tolist())), rank[where]


def key_doc(nlp: Any, keys: list[tuple[int, ...]]) -> Any:
    """A ``Doc`` of one token per key of (ORTH, TAG, DEP, POS, MORPH) values, those values set."""
    import numpy
    from spacy.tokens import Doc

    words = [nlp.vocab.strings[key[0]] for key in keys]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    rows = [[dep, tag, pos, morph] for _, tag, dep, pos, morph in keys]
    given: Any = numpy.array(rows, dtype="uint64").reshape(len(rows), 4)
    doc.from_array(["DEP", "TAG", "POS", "MORPH"], given)
    return doc
