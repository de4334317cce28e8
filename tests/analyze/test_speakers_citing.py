"""A report clause with a citing cue relays the cited source through the reporting outlet."""

from __future__ import annotations

import pytest

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.model import Article


@pytest.mark.parametrize(
    ("text", "language", "outlet", "cited", "relay"),
    [
        (
            "Власти Остравы решили закрыть мост через реку Леду, сообщило в среду издание "
            "«Северный вестник» со ссылкой на трёх инженеров, знакомых с проектом.",
            "ru",
            "Городские новости",
            "инженер",
            "Северный вестник",
        ),
        (
            "The city will shut the Leda bridge for a month, the Northern Herald reported on "
            "Wednesday, citing three engineers.",
            "en",
            "City Wire",
            "engineers",
            "Northern Herald",
        ),
    ],
)
def test_citing_source_is_relayed_by_the_reporting_outlet(
    text: str, language: str, outlet: str, cited: str, relay: str
) -> None:
    article = Article.create(text, outlet=outlet, language=language, published="2025-06-04")
    chains = [
        [link.name for link in claim.attribution.chain]
        for claim in analyze(article, AnalysisOptions(backend="rules")).claims
        if claim.attribution.chain and cited in claim.attribution.chain[0].name
    ]
    assert chains, "the cited source should head a chain"
    assert any(chain[-2:] == [relay, outlet] for chain in chains), chains
