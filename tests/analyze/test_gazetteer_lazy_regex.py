"""Gazetteer alternations compiled on first use find what eagerly compiled ones find."""

from __future__ import annotations

import re

from newstrace.analyze import _mention_rules as rules


def _eager_hits(text: str) -> list[tuple[int, int, str | None]]:
    """The scan of ``_gazetteer_hits`` with every alternation compiled up front."""
    sources, _ = rules._gazetteer_regexes()
    compiled = {prefix: re.compile(source) for prefix, source in sources.items()}
    found: list[tuple[int, int, str | None]] = []
    end = 0
    for start in rules._WORD_START.finditer(text):
        pos = start.start()
        regex = compiled.get(text[pos : pos + 2]) if pos >= end else None
        m = regex.match(text, pos) if regex is not None else None
        if m is not None:
            end = m.end()
            found.append((m.start(), m.end(), m.lastgroup))
    return found


def _text_naming_every_outlet() -> str:
    """Invented sentences naming each gazetteer alias, plus words that only start like one."""
    _, entries = rules._gazetteer_regexes()
    parts = []
    for _, alias in entries:
        parts.append(f"A report by {alias} said so, and {alias}'s editor agreed.")
        parts.append(f"Nothing about {alias[:2]}xyzzy here.")
    return " ".join(parts)


def test_lazy_alternations_match_like_eager_ones() -> None:
    text = _text_naming_every_outlet()
    lazy = [(m.start(), m.end(), m.lastgroup) for m in rules._gazetteer_hits(text)]
    assert lazy == _eager_hits(text)
    assert len(lazy) >= len(rules._gazetteer_regexes()[1])


def test_alternations_are_compiled_only_for_prefixes_met() -> None:
    rules._prefix_regex.cache_clear()
    list(rules._gazetteer_hits("plain words with no capitals at all"))
    met = rules._prefix_regex.cache_info().currsize
    assert met < len(rules._gazetteer_regexes()[0])
