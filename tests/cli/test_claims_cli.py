"""``newstrace claims`` as a user runs it: JSON shape and the readable text form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

TEXT = """Port authority plans to double ferry fares

The port authority of Saltby plans to double ferry fares from June 1, the local newspaper
Saltby Herald reported on Monday, citing two officials who asked not to be named.

"We have no other way to pay for the new pier," one of the officials told the newspaper.

Harbour master Lena Voss said the increase was "probably unavoidable".

The ferry carries about 3,000 passengers a day.
"""

SOURCE_KEYS = {"text", "start", "end", "kind", "anonymous", "canonical"}
CLAIM_KEYS = {"text", "sentence", "content", "source", "cue", "direct", "hedges", "polarity"}
CLAIM_KEYS |= {"chain", "quantities", "dates", "mentions"}


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "fares.txt"
    path.write_text(TEXT, encoding="utf-8")
    meta = tmp_path / "meta.json"
    entry = {"file": "fares.txt", "outlet": "Coast Wire", "published": "2025-05-12"}
    meta.write_text(json.dumps([entry]), encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_claims_json_shape_and_content(article: Path, backend: str) -> None:
    meta = article.parent / "meta.json"
    result = CliRunner().invoke(
        main,
        ["claims", str(article), "--meta", str(meta), "--format", "json", "--backend", backend],
    )
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.output)
    claims = doc["claims"]
    assert claims
    for claim in claims:
        assert set(claim) >= CLAIM_KEYS
        assert set(claim["source"]) >= SOURCE_KEYS
        assert all({"name", "kind"} <= set(link) for link in claim["chain"])
    quote = next(c for c in claims if "no other way" in c["text"])
    assert quote["direct"] is True
    assert quote["source"]["anonymous"] is True
    assert [link["name"] for link in quote["chain"]][-1] == "Coast Wire"
    voss = next(c for c in claims if "Lena Voss" in c["sentence"]["text"])
    assert voss["source"]["kind"] == "person"
    ferry = next(c for c in claims if "3,000 passengers" in c["text"])
    assert ferry["source"]["kind"] == "self"
    assert ferry["quantities"][0]["low"] == 3000


def test_claims_text_is_one_line_per_claim(article: Path) -> None:
    result = CliRunner().invoke(main, ["claims", str(article)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  [")]
    assert any("Lena Voss" in line for line in lines)
