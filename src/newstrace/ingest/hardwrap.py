"""Re-joining hard-wrapped lines (PDF prints, e-mail copies) into paragraphs.

A hard-wrapped text breaks its lines at a fixed width, mid-sentence. Two things tell it apart
from a text with one paragraph per line:

* lines that end without sentence-final punctuation and are either followed by a line that
  starts in lower case, or are "full" (at least 60% of the wrap width, taken as the 90th
  percentile of line lengths; proportional PDF fonts make full lines vary by a fifth);
* a wrap width that is plausible for print (30 to 200 characters).

Inside a block of non-blank lines, a line break is a wrap (joined with a space) when the next
line starts in lower case or with closing punctuation, or when the next line's first word
would not have fitted on the line (line + word beyond 80% of the wrap width). A full line
that ends a sentence is joined too when the text separates its paragraphs with blank lines;
otherwise only when the next word would not have fitted even at 90% of the width. A line much
longer than the wrap width and a break before a list bullet end a paragraph.

Words split at a line end ("recruit-" / "ment") are joined without the hyphen, except for real
compounds ("high-" / "ranking" stays "high-ranking"); see :func:`drop_hyphen` for the rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

__all__ = ["HyphenRules", "drop_hyphen", "looks_hard_wrapped", "rejoin_blocks"]

_MIN_WIDTH = 30
_MAX_WIDTH = 200
_FULL = 0.6
_FITS = 0.8
_NEARLY_FULL = 0.9
_TOO_LONG = 1.3

_SENTENCE_END = re.compile(r"[.!?…:;][\"”»’')\]]*$")
_BULLET = re.compile(r"(?:[-–—•*·▪●◦]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")
_CONTINUATION_START = frozenset(",;:)]}»”’%")
_WORD_CHARS = re.compile(r"[^\W\d_]+")
_DOC_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class HyphenRules:
    """Word lists that decide whether a hyphen at a line end belongs to the word."""

    suffixes: frozenset[str]
    heads: frozenset[str]
    tails: frozenset[str]


class _DocumentWords:
    """The words of a document, computed on first use (only texts with split words need it)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = frozenset(_DOC_WORDS.findall(self._text.casefold()))
        return word in self._words


def looks_hard_wrapped(blocks: Sequence[Sequence[str]]) -> bool:
    """Whether blocks of non-blank, stripped lines look hard-wrapped (see the module doc)."""
    pairs = [(a, b) for block in blocks for a, b in itertools.pairwise(block)]
    if not pairs:
        return False
    width = _wrap_width([len(line) for block in blocks for line in block])
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return False
    evidence = 0
    for a, b in pairs:
        if _BULLET.match(b) or _SENTENCE_END.search(a):
            continue
        if b[0].islower() or len(a) >= _FULL * width:
            evidence += 1
    return evidence >= max(1.0, 0.3 * len(pairs))


def rejoin_blocks(
    blocks: Sequence[Sequence[str]], *, hard_wrapped: bool | None, rules: HyphenRules
) -> list[str]:
    """Turn blocks of stripped lines into paragraphs.

    ``hard_wrapped=None`` detects wrapping with :func:`looks_hard_wrapped`; ``False`` makes
    every line a paragraph; ``True`` re-joins wrapped lines as the module doc describes.
    """
    if hard_wrapped is None:
        hard_wrapped = looks_hard_wrapped(blocks)
    if not hard_wrapped:
        return [line for block in blocks for line in block]
    width = _wrap_width([len(line) for block in blocks for line in block])
    blank_separated = len(blocks) >= 3
    words = _DocumentWords("\n".join("\n".join(block) for block in blocks))
    paragraphs: list[str] = []
    for block in blocks:
        pieces = [block[0]]
        for line in block[1:]:
            previous = pieces[-1]
            if not _is_wrap(previous, line, width, blank_separated):
                paragraphs.append("".join(pieces))
                pieces = [line]
                continue
            pieces[-1], separator = _join_point(previous, line, rules, words)
            pieces.append(separator + line)
        paragraphs.append("".join(pieces))
    return paragraphs


def _wrap_width(lengths: list[int]) -> float:
    """The wrap width: the 90th percentile of the line lengths."""
    if not lengths:
        return 0.0
    ordered = sorted(lengths)
    return float(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))])


def _is_wrap(previous: str, line: str, width: float, blank_separated: bool) -> bool:
    """Whether the break between ``previous`` and ``line`` is a wrap, not a paragraph end.

    Before a line that starts with a capital, the test is whether the next word would have
    fitted on the previous line: if it would, the break was made on purpose.
    """
    if _BULLET.match(line):
        return False
    if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum():
        return True
    if line[0].islower() or line[0] in _CONTINUATION_START:
        return True
    if len(previous) > _TOO_LONG * width:
        return False
    reach = len(previous) + 1 + len(line.split(" ", 1)[0])
    if _SENTENCE_END.search(previous):
        if blank_separated:
            return len(previous) >= _FULL * width
        return reach > _NEARLY_FULL * width
    return reach > _FITS * width


def _join_point(
    previous: str, line: str, rules: HyphenRules, words: _DocumentWords
) -> tuple[str, str]:
    """The previous line as it should end, and the separator to put before ``line``."""
    if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum():
        left = _last_word(previous[:-1])
        right = _first_word(line)
        if left and right and line[0].islower() and drop_hyphen(left, right, rules, words):
            return previous[:-1], ""
        return previous, ""
    if previous[-1] in "—/" and len(previous) >= 2 and not previous[-2].isspace():
        return previous, ""
    return previous, " "


def drop_hyphen(
    left: str, right: str, rules: HyphenRules, document: Container[str] = frozenset()
) -> bool:
    """Whether ``left-`` + ``right`` split at a line end is one word (so the hyphen goes).

    The rule, in order: (1) if the document elsewhere has the joined word, join; if it has the
    hyphenated form, keep the hyphen. (2) A right part that is a bare suffix ("ment", "tion",
    "ность") joins. (3) A right part in the compound-tail list ("based", "ranking", "то") or
    holding a hyphen itself, or a left part in the compound-head list ("high", "self", "из")
    keeps the hyphen. (4) Otherwise the joined form is preferred: typesetters split words at
    syllables far more often than they break a line at a compound's hyphen.
    """
    low_left, low_right = left.casefold(), right.casefold()
    tail_word = low_right.split("-", 1)[0]
    if (low_left + tail_word) in document:
        return True
    if f"{low_left}-{tail_word}" in document:
        return False
    if low_right in rules.suffixes:
        return True
    compound = "-" in low_right or tail_word in rules.tails or low_left in rules.heads
    return not compound


def _last_word(text: str) -> str:
    """The letters at the end of ``text`` (the left part of a split word)."""
    found = _WORD_CHARS.findall(text[-60:])
    return found[-1] if found and text[-1].isalpha() else ""


def _first_word(text: str) -> str:
    """The word at the start of ``text``, hyphenated parts included."""
    match = _DOC_WORDS.match(text)
    return match.group(0) if match else ""
