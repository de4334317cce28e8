"""Whole-word look-ups in one text without rescanning it per word.

:class:`TextWords` answers "does ``word`` occur in the text as a whole word", i.e. whether
``re.search(r"(?<!\\w)" + re.escape(word) + r"(?!\\w)", text)`` finds it, from sets of the
text's word runs built once, so that asking it for every sentence-initial word of a huge
paragraph stays linear in the text.
"""

from __future__ import annotations

import re
from collections import deque

_RUN = re.compile(r"\w+")
#: Words with more word runs than this ("a-b-c-d-e") are searched for directly (memoised).
MAX_RUNS = 4


class TextWords:
    """The whole words of one text, indexed lazily on first use."""

    __slots__ = ("_searched", "_text", "_windows")

    def __init__(self, text: str) -> None:
        self._text = text
        self._windows: dict[int, frozenset[str]] = {}
        self._searched: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        """Whether ``word`` occurs in the text with no word character right before or after.

        A word that starts and ends with a word character and holds ``k`` runs of word
        characters can only match ``k`` consecutive maximal runs of the text together with the
        characters between them, so it is looked up in the set of those windows.
        """
        runs = len(_RUN.findall(word))
        edges = bool(word) and _RUN.match(word[0]) is not None and _RUN.match(word[-1]) is not None
        if runs > MAX_RUNS or not edges:
            return self._search(word)
        if runs not in self._windows:
            self._windows[runs] = self._build(runs)
        return word in self._windows[runs]

    def _build(self, runs: int) -> frozenset[str]:
        """Every stretch of ``runs`` consecutive maximal word runs of the text."""
        text = self._text
        if runs == 1:
            return frozenset(_RUN.findall(text))
        starts: deque[int] = deque(maxlen=runs)
        found: set[str] = set()
        for match in _RUN.finditer(text):
            starts.append(match.start())
            if len(starts) == runs:
                found.add(text[starts[0] : match.end()])
        return frozenset(found)

    def _search(self, word: str) -> bool:
        if word not in self._searched:
            pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)"
            self._searched[word] = re.search(pattern, self._text) is not None
        return self._searched[word]
