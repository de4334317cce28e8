"""Offline language identification."""

from __future__ import annotations

import pytest

from newstrace.ingest.language import (
    detect_language,
    detect_language_scored,
    normalise_language,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regional council said on Thursday that the new road would open next year.", "en"),
        ("Городской совет в четверг заявил, что новая дорога откроется в следующем году.", "ru"),
        ("Міська рада в четвер заявила, що нова дорога відкриється наступного року.", "uk"),
        (
            "Der Stadtrat erklärte am Donnerstag, die neue Straße werde nächstes Jahr eröffnet.",
            "de",
        ),
        (
            "Le conseil régional a déclaré jeudi que la nouvelle route ouvrirait l'an prochain.",
            "fr",
        ),
        (
            "El consejo regional dijo el jueves que la nueva carretera se abrirá el próximo año.",
            "es",
        ),
    ],
)
def test_detects_common_news_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text", ["", "Hi", "12 345 678 — 2023", "ok ok", "https://a.example/x/y/z"]
)
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None
    assert detect_language_scored(text) == (None, 0.0)


def test_urls_do_not_sway_the_guess() -> None:
    text = "Read more at https://example.com/nachrichten/artikel " + (
        "The minister said the report was accurate and the figures would be published."
    )
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en-US", "en"),
        ("EN_gb", "en"),
        (" ru ", "ru"),
        ("de, en;q=0.5", "de"),
        ("", None),
        (None, None),
        ("12", None),
        ("english-language", None),
    ],
)
def test_normalise_language(value: str | None, expected: str | None) -> None:
    assert normalise_language(value) == expected
