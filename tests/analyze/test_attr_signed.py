"""Signed quotations ("“...” ― Name"): the dash is the cue, the name the source, the whole
quotation the content, in both modes (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.analyze._attr_signed import signed_drafts
from newstrace.analyze.attribution import RawAttribution

#: the ``find_attrs`` fixture of ``tests/conftest.py``
FindAttrs = Callable[..., tuple[RawAttribution, ...]]

VOX_POP = (
    "What readers told us.\n\n"
    "“The bridge closure doubled my commute. Nobody asked the people who live here.” ― Maria "
    "de la Vega\n"
    "“My landlord said the rent would go up again. I cannot afford another year.”― Tom O. "
    "Brennan.\n"
)


def _signed(found: tuple[RawAttribution, ...]) -> list[tuple[str, str, str]]:
    return [
        (a.cue.text, a.source.text if a.source else "", " ".join(c.text for c in a.content))
        for a in found
        if a.cue.text in ("―", "—", "--", "-")
    ]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_each_signed_quotation_is_its_own_attribution(backend: str, find_attrs: FindAttrs) -> None:
    found = _signed(find_attrs(VOX_POP, backend))
    assert found == [
        (
            "―",
            "Maria de la Vega",
            "“The bridge closure doubled my commute. Nobody asked the people who live here.”",
        ),
        (
            "―",
            "Tom O. Brennan",
            "“My landlord said the rent would go up again. I cannot afford another year.”",
        ),
    ]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_a_speech_verb_inside_a_signed_quotation_is_not_a_top_level_attribution(
    backend: str, find_attrs: FindAttrs
) -> None:
    found = find_attrs(VOX_POP, backend)
    assert not [a for a in found if "said" in a.cue.text]
    tom = [a for a in found if a.source is not None and a.source.text == "Tom O. Brennan"]
    assert len(tom) == 1


def test_signature_on_its_own_line_and_ascii_dashes() -> None:
    text = '"Stay curious and keep the receipts."\n-- Ada Park\n\n"Measure twice." - Lee Chan\n'
    assert _names(text) == [("--", "Ada Park"), ("-", "Lee Chan")]


def test_signed_quotations_run_together_in_one_paragraph() -> None:
    # what a page copied as one paragraph (or re-joined lines) looks like
    text = "“First thought here.” ― Ann Lee “Second thought there.” ― Bo Kim"
    assert _names(text) == [("―", "Ann Lee"), ("―", "Bo Kim")]
    second = signed_drafts(text, ())[1]
    assert text[slice(*second.content[0])] == "“Second thought there.”"


def _names(text: str) -> list[tuple[str, str]]:
    return [
        (text[d.cue[0] : d.cue[1]], text[d.source[0] : d.source[1]] if d.source else "")
        for d in signed_drafts(text, ())
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a byline after a paragraph that does not open with the quotation
        'The minister said he would "try to form a stable government."--Kim Hale.\n',
        # a dash aside, not a signature: lower-case words
        "“We will win,” he said ― and then he left the room\n",
        # a number in the signature: not a name
        "“Prices rose.” ― Report 2024\n",
        # a hyphen with no space around it is not a dash
        "“Fine.”-Jo Lin\n",
    ],
)
def test_not_a_signature(text: str) -> None:
    assert signed_drafts(text, ()) == []


def test_megabyte_line_with_a_lower_case_signature_is_not_signed() -> None:
    # one 1 MB paragraph: the scan must finish (it looks back only to the line start) and a
    # lower-case word after the dash is no signature
    text = "“" + "word " * 200_000 + "” ― " + "x" * 10
    assert signed_drafts(text, ()) == []
