"""Evidence never fails on a language without word-frequency tables."""

from __future__ import annotations

import pytest

from newstrace.link.evidence import article_evidence, frequency_language
from newstrace.model import Article


@pytest.mark.parametrize("language", ["ja", "ko", "xx", "ar", "en", "ru"])
def test_evidence_for_any_language(language: str) -> None:
    text = "東京で地震 Tokyo 2025 東京 Москва Moscow earthquake 3,000 people"
    evidence = article_evidence(Article.create(text, language=language))
    assert evidence.terms
    assert "3000" in evidence.numbers


def test_frequency_tables_known_and_unknown() -> None:
    assert frequency_language("en")
    assert not frequency_language("xx")
