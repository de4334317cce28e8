"""A cue inside quotation marks is part of the quoted words, never an attribution of its own
(sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.analyze._attr_quoted import outside_quotations
from newstrace.analyze._attr_quotes import QuoteRegion
from newstrace.analyze._attr_spans import Draft
from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.options import AnalysisOptions

#: the ``find_attrs`` fixture of ``tests/conftest.py``
FindAttrs = Callable[..., tuple[RawAttribution, ...]]

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def _found(find: FindAttrs, text: str, mode: str) -> list[tuple[str, str, str]]:
    """(cue, source, content) of each attribution, in the given mode."""
    return [_roles(text, a) for a in find(text, mode)]


def _roles(text: str, found: RawAttribution) -> tuple[str, str, str]:
    source = text[found.source.start : found.source.end] if found.source else ""
    content = " | ".join(text[c.start : c.end] for c in found.content)
    return text[found.cue.start : found.cue.end], source, content


@pytest.mark.parametrize("mode", ["spacy", "rules"])
def test_a_quoted_report_verb_is_the_outer_speakers_content(
    mode: str, find_attrs: FindAttrs
) -> None:
    text = '"The senator insisted the vote would pass," a staffer recalled.'
    assert _found(find_attrs, text, mode) == [
        ("recalled", "a staffer", '"The senator insisted the vote would pass,"')
    ]


@pytest.mark.parametrize("mode", ["spacy", "rules"])
def test_a_quoted_speaker_inside_a_quotation_is_not_split_off(
    mode: str, find_attrs: FindAttrs
) -> None:
    text = '"He told me the plan was dead, and I believe him," the aide said.'
    found = _found(find_attrs, text, mode)
    assert [cue for cue, _, _ in found] == ["said"]
    assert found[0][2] == '"He told me the plan was dead, and I believe him,"'


@pytest.mark.parametrize("mode", ["spacy", "rules"])
def test_a_quotation_with_no_speaker_found_yields_nothing(mode: str, find_attrs: FindAttrs) -> None:
    assert _found(find_attrs, '"Nobody told us the plan was dead."', mode) == []


def test_a_cue_before_the_quotation_stays(
    find_attrs: FindAttrs,
) -> None:
    text = 'The aide said, "The plan is dead."'
    assert [cue for cue, _, _ in _found(find_attrs, text, "spacy")] == ["said"]


def test_outside_quotations_keeps_cues_outside_every_region() -> None:
    regions = (QuoteRegion(0, 20), QuoteRegion(40, 60))
    inside = Draft((5, 9), None, [(10, 19)], 0)
    between = Draft((25, 29), (21, 24), [(0, 20)], 0)
    at_close = Draft((60, 64), None, [(40, 60)], 0)
    kept = outside_quotations([inside, between, at_close], regions, [0, 40])
    assert kept == [between, at_close]
