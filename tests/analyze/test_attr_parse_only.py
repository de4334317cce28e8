"""With a parse, the surface rule "CONTENT, SOURCE CUE." no longer fills in where the parse
found no attribution: it read any clause ending in a cue-like verb as a report (sentences
written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.analyze.attribution import RawAttribution

#: the ``find_attrs`` fixture of ``tests/conftest.py``
FindAttrs = Callable[..., tuple[RawAttribution, ...]]


def _cues(find: FindAttrs, text: str) -> list[tuple[str, str, str]]:
    return [
        (
            text[a.cue.start : a.cue.end],
            text[a.source.start : a.source.end] if a.source else "",
            " | ".join(text[c.start : c.end] for c in a.content),
        )
        for a in find(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In a deal brokered by the lawyers, the subpoena was withdrawn and the mayor testified "
        "voluntarily in 1998.",
        "If the plan fails, that could be all the motivation the unions need to show up at the "
        "polls.",
    ],
)
def test_a_clause_ending_in_a_verb_is_no_report(text: str, find_attrs: FindAttrs) -> None:
    assert _cues(find_attrs, text) == []


def test_a_trailing_report_clause_is_still_read_off_the_parse(find_attrs: FindAttrs) -> None:
    text = "Rents will rise again next year, the housing agency predicted on Monday."
    found = _cues(find_attrs, text)
    assert [(source, content) for _, source, content in found] == [
        ("the housing agency", "Rents will rise again next year")
    ]
    assert found[0][0].startswith("predicted")
