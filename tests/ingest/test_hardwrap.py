"""Tests of newstrace.ingest.hardwrap (hard-wrap detection, re-joining, de-hyphenation)."""

from __future__ import annotations

import pytest

from newstrace.ingest.boilerplate import lexicon
from newstrace.ingest.hardwrap import drop_hyphen, looks_hard_wrapped, rejoin_blocks

RULES = lexicon("").hyphen


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("recruit", "ment", True),  # bare suffix
        ("mobil", "isation", True),
        ("inves", "tigation", True),  # syllable split: joined form preferred
        ("gov", "ernment", True),
        ("high", "ranking", False),  # compound head
        ("well", "known", False),
        ("state", "owned", False),
        ("Kremlin", "backed", False),  # compound tail
        ("decision", "making", False),
        ("Rostov", "on-Don", False),  # the right part holds a hyphen itself
        ("из", "за", False),
        ("что", "то", False),
        ("пресс", "служба", False),
        ("исследова", "ние", True),
    ],
)
def test_drop_hyphen_rule(left: str, right: str, joined: bool) -> None:
    assert drop_hyphen(left, right, RULES) is joined


def test_document_evidence_wins() -> None:
    assert drop_hyphen("long", "standing", RULES, frozenset({"longstanding"})) is True
    assert drop_hyphen("recruit", "ment", RULES, frozenset({"recruit-ment"})) is False


def test_detection_of_wrapped_and_unwrapped_blocks() -> None:
    wrapped = [
        [
            "The harbour master said on Monday that the channel would be dredged before",
            "the summer season, when the largest ferries return to the island routes, and",
            "that the work would take about six weeks.",
        ]
    ]
    assert looks_hard_wrapped(wrapped)
    per_line = [
        [
            "The harbour master said on Monday that the channel would be dredged.",
            "The largest ferries return to the island routes in the summer season.",
            "The work would take about six weeks, the harbour master added.",
        ]
    ]
    assert not looks_hard_wrapped(per_line)
    assert not looks_hard_wrapped([["One line only."]])
    long_lines = [["word " * 60 + "and", "more words " * 30]]
    assert not looks_hard_wrapped(long_lines)


def test_rejoin_keeps_lines_when_not_wrapped() -> None:
    blocks = [["Title line", "Body line."], ["Second block."]]
    assert rejoin_blocks(blocks, hard_wrapped=False, rules=RULES) == [
        "Title line",
        "Body line.",
        "Second block.",
    ]


def test_rejoin_hyphen_before_capital_or_digit_keeps_hyphen_without_space() -> None:
    blocks = [
        [
            "The committee heard evidence from several anti-",
            "Kremlin activists and from doctors who treated COVID-",
            "19 patients in the regional hospital during the winter months.",
        ]
    ]
    assert rejoin_blocks(blocks, hard_wrapped=True, rules=RULES) == [
        "The committee heard evidence from several anti-Kremlin activists and from doctors"
        " who treated COVID-19 patients in the regional hospital during the winter months."
    ]


def test_rejoin_closed_em_dash_and_bullets() -> None:
    blocks = [
        [
            "The minister said the decision was final and that the ministry would not—",
            "under any circumstances—reopen the tender for the new regional hospital.",
            "- first item of a short list",
            "- second item of a short list",
        ]
    ]
    assert rejoin_blocks(blocks, hard_wrapped=True, rules=RULES) == [
        "The minister said the decision was final and that the ministry would not—under any"
        " circumstances—reopen the tender for the new regional hospital.",
        "- first item of a short list",
        "- second item of a short list",
    ]
