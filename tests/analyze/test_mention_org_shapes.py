"""Capitalised names whose shape marks an organisation are not taken for people (rules)."""

from __future__ import annotations

import pytest

from newstrace.analyze.mentions import find_mentions


def _kinds(text: str) -> dict[str, str]:
    return {m.span.text: m.kind for m in find_mentions(text, language="en", doc=None, outlet=None)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Georgia Power said on Monday the plant would close.", "Georgia Power"),
        ("The deal was signed by Marta Holdings last week.", "Marta Holdings"),
    ],
)
def test_organisation_shaped_names_are_organisations(text: str, name: str) -> None:
    assert _kinds(text)[name] == "organisation"


def test_a_surname_that_can_end_a_company_name_stays_a_person() -> None:
    assert (
        _kinds("The report was praised by Samantha Power on Friday.")["Samantha Power"] == "person"
    )
