"""Every point of ``../shared/seeds/EXPECTED.md``, checked through ``newstrace analyze`` JSON.

One test per point. Points the pipeline does not reach yet are marked ``xfail(strict=True)``
with the reason, so each one turns into a failure (and must be unmarked) the day it holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
NGE, MT = "Novaya Gazeta Europe", "The Moscow Times"

pytestmark = pytest.mark.skipif(
    not (SEEDS / "EXPECTED.md").is_file(), reason="../shared/seeds is not on this machine"
)

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def doc() -> Doc:
    """The JSON document of ``newstrace analyze`` on the two seed articles."""
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    args = ["analyze", *files, "--meta", str(SEEDS / "articles.json"), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    parsed: Doc = json.loads(result.output)
    return parsed


def article(doc: Doc, outlet: str) -> Doc:
    """The article of one outlet."""
    found: Doc = next(a for a in doc["articles"] if a["outlet"] == outlet)
    return found


def claims(doc: Doc, outlet: str | None = None) -> Iterator[Doc]:
    """Every claim (of one outlet, or all), as printed in ``articles[].claims``."""
    for item in doc["articles"]:
        if outlet is None or item["outlet"] == outlet:
            yield from item["claims"]


def sentence_of(doc: Doc) -> dict[str, str]:
    """Claim id -> its sentence's text."""
    return {c["id"]: c["sentence"]["text"] for c in claims(doc)}


def story(doc: Doc) -> Doc:
    """The story holding the NGE article."""
    nge = article(doc, NGE)["id"]
    found: Doc = next(s for s in doc["stories"] if nge in s["article_ids"])
    return found


def group_with(doc: Doc, **phrases: str) -> Doc | None:
    """The claim group holding, for each outlet key (nge, mt), a claim whose sentence matches
    the regular expression given for it."""
    names = {"nge": NGE, "mt": MT}
    sentences = sentence_of(doc)
    outlet_of = {a["id"]: a["outlet"] for a in doc["articles"]}
    for group in story(doc)["claim_groups"]:
        if all(
            any(
                outlet_of[c["article_id"]] == names[key]
                and re.search(pattern, sentences[c["claim_id"]], re.IGNORECASE)
                for c in group["claims"]
            )
            for key, pattern in phrases.items()
        ):
            found: Doc = group
            return found
    return None


def all_sentences(doc: Doc, outlet: str) -> str:
    """The outlet's claim sentences joined (what the pipeline kept as article text)."""
    return "\n".join(c["sentence"]["text"] for c in claims(doc, outlet))


# --- Cleaning ---


def test_nge_boilerplate_is_not_article_text(doc: Doc) -> None:
    text = all_sentences(doc, NGE)
    for junk in ("NewsSociety", "pdfshareprint", "editor in chief", "Privacy"):
        assert junk.lower() not in text.lower()
    assert article(doc, NGE)["title"].startswith("‘Mobilisation 2.0’ plan to recruit")


def test_mt_caption_teaser_removed_and_lines_joined(doc: Doc) -> None:
    text = all_sentences(doc, MT)
    assert "Related article" not in text
    assert "the Ukrainian city of Kharkiv" in text
    assert "Ukrainian\ncity" not in text


def test_editorial_notes_recognised(doc: Doc) -> None:
    correction = [n for n in article(doc, NGE)["notes"] if n["kind"] == "correction"]
    assert correction and correction[0]["old"] and correction[0]["new"]
    update = [n for n in article(doc, MT)["notes"] if n["kind"] == "update"]
    assert update and update[0]["text"].startswith("Updated with comments from source close")


# --- One story, two outlets ---


def test_both_articles_in_one_story(doc: Doc) -> None:
    assert len(story(doc)["article_ids"]) == 2


def test_verstka_and_vyorstka_are_one_outlet(doc: Doc) -> None:
    mt_outlets = {
        link["name"] for c in claims(doc, MT) for link in c["chain"] if link["kind"] == "outlet"
    }
    nge_outlets = {
        link["name"] for c in claims(doc, NGE) for link in c["chain"] if link["kind"] == "outlet"
    }
    shared = (mt_outlets & nge_outlets) - {NGE, MT}
    assert shared, (mt_outlets, nge_outlets)
    assert "Mediazona" in nge_outlets and "Mediazona" not in mt_outlets


# --- Claims and their attribution ---


def test_300000_plan_group(doc: Doc) -> None:
    group = group_with(doc, nge=r"recruit .*300,000", mt=r"recruit 300,000")
    assert group is not None
    origins = {o["name"] for o in group["origins"]}
    assert {"Mediazona"} <= origins and any(o in origins for o in ("Verstka", "Vyorstka"))


def test_kharkiv_encirclement_both_articles(doc: Doc) -> None:
    assert group_with(doc, nge=r"encircl", mt=r"encircl") is not None


def test_quote_two_translations_one_group_and_attribution_discrepancy(doc: Doc) -> None:
    group = group_with(doc, nge=r"pairs of boots", mt=r"snouts short")
    assert group is not None
    found = [
        d
        for d in story(doc)["discrepancies"]
        if d["kind"] == "attribution" and "Mediazona" in d["summary"]
    ]
    assert found and re.search("Verstka|Vyorstka", found[0]["summary"])


def test_mobilisation_2_0_both_spellings(doc: Doc) -> None:
    assert group_with(doc, nge=r"mobilisation 2\.0", mt=r"mobilization 2\.0") is not None


@pytest.mark.parametrize(
    ("outlet", "pattern"),
    [
        (NGE, r"500-600"),
        (NGE, r"uniform and weaponry request forms"),
        (NGE, r"conscription terms"),
        (MT, r"March 25"),
        (MT, r"Grashchenkov"),
        (MT, r"87%"),
        (MT, r"buffer zone"),
        (MT, r"source close to Russia’s Defense Ministry"),
    ],
)
def test_claims_found_in_one_outlet_only(doc: Doc, outlet: str, pattern: str) -> None:
    sentences = sentence_of(doc)
    outlet_of = {a["id"]: a["outlet"] for a in doc["articles"]}
    groups = [
        g
        for g in story(doc)["claim_groups"]
        if any(re.search(pattern, sentences[c["claim_id"]]) for c in g["claims"])
    ]
    assert groups
    for group in groups:
        assert {outlet_of[c["article_id"]] for c in group["claims"]} == {outlet}


def test_speaker_kinds(doc: Doc) -> None:
    by_text: dict[str, set[str]] = {}
    for c in claims(doc):
        by_text.setdefault(c["source"]["canonical"], set()).add(c["source"]["kind"])
    kremlin = [k for k in by_text if "Kremlin source" in k]
    assert kremlin and all(by_text[k] == {"anonymous"} for k in kremlin)
    assert by_text.get("Ilya Grashchenkov") == {"person"}
    assert by_text.get("Vladimir Putin") == {"person"}
    assert by_text.get(NGE) == {"self"} and by_text.get(MT) == {"self"}
    chain_kinds = {link["name"]: link["kind"] for c in claims(doc) for link in c["chain"]}
    assert chain_kinds.get("Verstka") == "outlet" and chain_kinds.get("Mediazona") == "outlet"


def test_the_outlet_and_the_source_resolve(doc: Doc) -> None:
    for c in claims(doc):
        text = (c["source"]["text"] or "").lower()
        if text in ("the outlet", "the source"):
            assert c["source"]["canonical"].lower() != text


# --- Provenance and independence ---


def test_300000_rests_on_two_channels_outlets_are_echoes(doc: Doc) -> None:
    group = group_with(doc, nge=r"recruit .*300,000", mt=r"recruit 300,000")
    assert group is not None
    assert group["independent_origins"] == 2
    echoes = {e["name"] for e in group["echoes"]}
    assert {NGE, MT} <= echoes


def test_mt_own_source_qualifies_the_plan(doc: Doc) -> None:
    found = [
        d
        for d in story(doc)["discrepancies"]
        if d["kind"] == "polarity" and "pushed aside" in d["summary"]
    ]
    assert found
    pushed = [c for c in claims(doc, MT) if "pushed aside" in c["text"]]
    assert pushed and pushed[0]["chain"][-1]["name"] == MT
    assert all(link["kind"] != "outlet" or link["name"] == MT for link in pushed[0]["chain"])


# --- Dates ---


def test_on_friday_resolves_to_22_march_2024(doc: Doc) -> None:
    for article in doc["articles"]:  # both outlets date Verstka's report "(on) Friday"
        fridays = [d for d in article["dates"] if d["text"].lower().endswith("friday")]
        assert fridays, article["outlet"]
        assert all(d["from"] == d["to"] == "2024-03-22" for d in fridays), fridays


@pytest.mark.parametrize(
    "expression", ["March 25", "April", "autumn 2023", "September 2022", "March 15-17"]
)
def test_time_expressions_recognised(doc: Doc, expression: str) -> None:
    texts = {d["text"] for a in doc["articles"] for d in a["dates"]}
    assert any(expression in t for t in texts), sorted(texts)
