"""The terms a source spoke on are source description, not claims about the story."""

from __future__ import annotations

import pytest

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.analyze.claims import describes_source
from newstrace.model import Article, Attribution, Span, Speaker

OWN = Attribution(Speaker("self", "Harbour Post"), None, ())


def claims_of(text: str, language: str = "en") -> list[str]:
    article = Article(id="t", text=text, outlet="Harbour Post", language=language)
    return [c.text for c in analyze(article, AnalysisOptions()).claims]


@pytest.mark.parametrize(
    ("content", "language", "expected"),
    [
        (
            "who spoke on condition of anonymity because they were not authorised to speak",
            "en",
            True,
        ),
        ("not to be named", "en", True),
        ("The ferry will stop running on Monday", "en", False),
        ("the ferry will stop, said a pilot speaking on condition of anonymity", "en", False),
        ("который попросил не называть его имя", "ru", True),
        ("паром перестанет ходить в понедельник", "ru", False),
    ],
)
def test_describes_source(content: str, language: str, expected: bool) -> None:
    assert describes_source(content, OWN, language) is expected


def test_a_source_span_opening_with_the_condition_is_a_misread_clause() -> None:
    source = Span(0, 31, "not to be named because the pier", "source")
    misread = Attribution(Speaker("anonymous", "pier", True, source), None, ())
    named = Span(0, 44, "Pilots speaking on condition of anonymity", "source")
    pilots = Attribution(Speaker("anonymous", "pilots", True, named), None, ())
    assert describes_source("the pier", misread, "en")
    assert not describes_source("the pier would close", pilots, "en")


def test_the_relative_clause_about_anonymity_gives_no_claim() -> None:
    text = (
        "The pier will close on Friday, according to two port officials, who spoke on "
        "condition of anonymity because they were not authorised to discuss the plans."
    )
    found = claims_of(text)
    assert any("pier will close" in c for c in found)
    assert not any(c.lower().startswith("who spoke") for c in found)
