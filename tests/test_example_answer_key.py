"""The bundled example corpus against its answer key (``examples/answer_key.json``), through
``newstrace analyze`` JSON: stories, claim groups (members, independent origins, echoes,
status), discrepancies by kind and key phrase, and resolved dates.

One test per answer-key item. Items the pipeline does not reach yet are listed in ``PENDING``
and marked ``xfail(strict=True)``: each turns into a failure the day it holds, so the list can
only shrink. ``bench/claims/RESULTS.md`` records how many hold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
KEY: dict[str, Any] = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))
Doc = dict[str, Any]

#: answer-key items not reached yet (test id -> why)
PENDING: dict[str, str] = {}


def _id(kind: str, name: str) -> str:
    return f"{kind}-{name}"


def _mark(test_id: str) -> Any:
    reason = PENDING.get(test_id)
    return pytest.mark.xfail(strict=True, reason=reason) if reason else ()


@pytest.fixture(scope="module")
def doc() -> Doc:
    """The JSON document of ``newstrace analyze`` on the example corpus."""
    files = sorted(str(p) for p in EXAMPLES.glob("0*"))
    args = ["analyze", *files, "--meta", str(EXAMPLES / "meta.json"), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    parsed: Doc = json.loads(result.output)
    return parsed


def _file_of(doc: Doc) -> dict[str, str]:
    """Article id -> answer-key file name (matched by outlet and title words)."""
    outlets = KEY["outlets"]
    out: dict[str, str] = {}
    for item in doc["articles"]:
        candidates = [f for f, o in outlets.items() if o == item["outlet"]]
        if len(candidates) > 1:  # one outlet, two files: the Ustrin fire is the other story
            fire = "ustrin" in (item["title"] or "").lower()
            candidates = [f for f in candidates if ("ustrin" in f) == fire]
        out[item["id"]] = candidates[0]
    return out


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _claim_files(doc: Doc) -> tuple[dict[str, str], dict[str, str]]:
    """Claim id -> file, claim id -> whitespace-collapsed sentence."""
    files = _file_of(doc)
    owner, sentence = {}, {}
    for item in doc["articles"]:
        for claim in item["claims"]:
            owner[claim["id"]] = files[item["id"]]
            sentence[claim["id"]] = _collapse(claim["sentence"]["text"])
    return owner, sentence


def _matches(doc: Doc, phrases: dict[str, str]) -> dict[str, set[str]]:
    """For each file of ``phrases``, the claim ids whose sentence holds its key phrase."""
    owner, sentence = _claim_files(doc)
    return {
        name: {c for c, f in owner.items() if f == name and _collapse(phrase) in sentence[c]}
        for name, phrase in phrases.items()
    }


def test_stories(doc: Doc) -> None:
    files = _file_of(doc)
    got = sorted(sorted(files[a] for a in s["article_ids"]) for s in doc["stories"])
    assert got == sorted(sorted(s["files"]) for s in KEY["stories"])


def test_outlet_aliases_are_one_outlet(doc: Doc) -> None:
    chain_outlets = {
        link["name"]
        for item in doc["articles"]
        for claim in item["claims"]
        for link in claim["chain"]
        if link["kind"] == "outlet"
    }
    for aliases in KEY["outlet_aliases"]:
        groups = [g for s in doc["stories"] for g in s["claim_groups"]]
        origin_names = {o["name"] for g in groups for o in g["origins"]}
        seen = [a for a in aliases if a in origin_names]
        assert len(seen) <= 1, seen  # provenance shows one name for the outlet
        assert any(a in chain_outlets for a in aliases)


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(g, id=_id("group", g["name"]), marks=_mark(_id("group", g["name"])))
        for g in KEY["claim_groups"]
    ],
)
def test_claim_group(doc: Doc, item: dict[str, Any]) -> None:
    found = _matches(doc, item["key_phrases"])
    assert all(found.values()), {f: bool(c) for f, c in found.items()}
    groups = [g for s in doc["stories"] for g in s["claim_groups"]]
    owners = [
        g
        for g in groups
        if all(ids & {c["claim_id"] for c in g["claims"]} for ids in found.values())
    ]
    assert owners, "the key phrases' claims are not in one group"
    # a sentence can hold two claims in two groups: the group is the one whose own claim
    # texts say the key phrases
    said = {c["id"]: _collapse(c["text"]) for a in doc["articles"] for c in a["claims"]}
    phrases = [_collapse(p) for p in item["key_phrases"].values()]

    def says(group: dict[str, Any]) -> int:
        texts = [said.get(c["claim_id"], "") for c in group["claims"]]
        return sum(any(p in t for t in texts) for p in phrases)

    group = max(owners, key=says)
    assert group["independent_origins"] == item["independent_origins"]
    assert {e["name"] for e in group["echoes"]} == set(item["echo_outlets"])
    assert group["status"] == item["status"]


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(
            d,
            id=_id("discrepancy", f"{n}-{d['kind']}"),
            marks=_mark(_id("discrepancy", f"{n}-{d['kind']}")),
        )
        for n, d in enumerate(KEY["discrepancies"])
    ],
)
def test_discrepancy(doc: Doc, item: dict[str, Any]) -> None:
    found = _matches(doc, item["key_phrases"])
    reported = [d for s in doc["stories"] for d in s["discrepancies"] if d["kind"] == item["kind"]]
    best = max(
        (sum(bool(ids & set(d["claim_ids"])) for ids in found.values()) for d in reported),
        default=0,
    )
    assert best >= 2, f"no {item['kind']} discrepancy covers two of {sorted(found)}"


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(
            d,
            id=_id("date", f"{d['file'][:2]}-{d['text']}"),
            marks=_mark(_id("date", f"{d['file'][:2]}-{d['text']}")),
        )
        for d in KEY["dates"]
    ],
)
def test_date(doc: Doc, item: dict[str, Any]) -> None:
    files = _file_of(doc)
    dates = [
        d
        for a in doc["articles"]
        if files[a["id"]] == item["file"]
        for d in a["dates"]
        if item["text"].lower() in d["text"].lower()
    ]
    assert dates, f"{item['text']!r} not recognised in {item['file']}"
    want = item["resolves_to"].split("/")
    for d in dates:
        assert [d["from"], d["to"]][: len(want)] == want or (
            len(want) == 1 and d["from"] == d["to"] == want[0]
        )
