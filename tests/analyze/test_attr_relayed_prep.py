"""A cue inside the content of "according to" gives way to it and is nested in it (sentences
written for these tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newstrace.analyze._attr_relayed import under_prepositions
from newstrace.analyze._attr_spans import Draft
from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.options import AnalysisOptions

#: the ``find_attrs`` fixture of ``tests/conftest.py``
FindAttrs = Callable[..., tuple[RawAttribution, ...]]

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def _found(find: FindAttrs, text: str) -> list[Any]:
    return [_roles(text, a) for a in find(text)]


def _roles(text: str, found: RawAttribution) -> tuple[str, str, str, list[Any]]:
    source = text[found.source.start : found.source.end] if found.source else ""
    content = " | ".join(text[c.start : c.end] for c in found.content)
    nested = [_roles(text, n) for n in found.nested]
    return text[found.cue.start : found.cue.end], source, content, nested


def test_a_speech_cue_under_according_to_is_nested(
    find_attrs: FindAttrs,
) -> None:
    text = "The mayor told reporters that taxes would not rise, according to the city paper."
    assert _found(find_attrs, text) == [
        (
            "according to",
            "the city paper",
            "The mayor told reporters that taxes would not rise",
            [("told", "The mayor", "that taxes would not rise", [])],
        )
    ]


def test_a_cue_under_according_to_is_no_attribution_of_its_own(
    find_attrs: FindAttrs,
) -> None:
    text = "The council has previously called for a new bridge, according to the planning office."
    assert [cue for cue, *_ in _found(find_attrs, text)] == ["according to"]


class _Head:
    def __init__(self, dep: str) -> None:
        self.dep_ = dep


def test_under_prepositions_only_gives_way_to_a_prepositional_cue() -> None:
    relay = Draft((40, 52), (53, 60), [(0, 38)], 0)
    inner = Draft((10, 14), (0, 9), [(15, 38)], 0)
    verb = Draft((70, 74), (62, 69), [(75, 90)], 0)
    under_verb = Draft((80, 84), (76, 79), [(85, 90)], 0)
    heads = {id(relay): _Head("prep"), id(inner): _Head("ROOT"), id(verb): _Head("ROOT")}
    heads[id(under_verb)] = _Head("ccomp")
    kept, relayed = under_prepositions([relay, inner, verb, under_verb], heads)
    assert kept == [relay, verb, under_verb]
    assert relayed == [inner]
