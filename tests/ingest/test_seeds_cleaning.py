"""The "Cleaning" points of shared/seeds/EXPECTED.md, checked on the two seed articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newstrace.ingest.clean import CleanedText, clean_text
from newstrace.ingest.notes import find_notes

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
NGE = "000_5953783ade1d3edf.txt"
MT = "001_8a38dba75e5aefd5.txt"

pytestmark = pytest.mark.skipif(
    not (SEEDS / NGE).is_file() or not (SEEDS / MT).is_file(),
    reason=f"seed articles not found in {SEEDS} (the shared/ folder beside the repo)",
)


def _raw(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _clean(name: str) -> CleanedText:
    return clean_text(_raw(name), language="en")


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _removed(result: CleanedText, kind: str) -> list[str]:
    return [r.text for r in result.removed if r.kind == kind]


def test_nge_section_label_caption_widget_and_footer_are_removed() -> None:
    result = _clean(NGE)
    assert _removed(result, "section_label") == ["NewsSociety"]
    captions = _removed(result, "caption")
    assert len(captions) == 2  # the caption appears twice
    assert all(c.endswith("Photo: EPA-EFE/ARKADY BUDNITSKY") for c in captions)
    assert _removed(result, "widget") == ["pdfshareprint"]
    footer = _removed(result, "footer")
    assert len(footer) == 1 and footer[0].startswith("Editor in chief")
    for gone in (
        "NewsSociety",
        "Photo:",
        "recruiting office",
        "pdfshareprint",
        "Editor in chief",
        "Terms of use",
        "Privacy policy",
    ):
        assert gone not in result.text


def test_nge_headline_is_first_real_line_and_body_is_whole() -> None:
    raw = _raw(NGE)
    result = _clean(NGE)
    headline = (
        "‘Mobilisation 2.0’ plan to recruit extra 300,000 soldiers according to Kremlin sources"
    )
    assert result.title == headline
    assert result.text.split("\n\n")[0] == headline
    dropped = {_squash(r.text) for r in result.removed}
    expected = [
        _squash(line) for line in raw.splitlines() if line.strip() and _squash(line) not in dropped
    ]
    assert [_squash(p) for p in result.text.split("\n\n")] == expected
    assert len(expected) == 10  # headline, eight body paragraphs, correction


def test_mt_caption_and_teaser_are_removed() -> None:
    result = _clean(MT)
    assert _removed(result, "caption") == [
        "Mobilized Russian servicemen in eastern Ukraine's Donetsk region. Ivan Noyabrev / TASS"
    ]
    teasers = _removed(result, "teaser")
    assert len(teasers) == 1 and teasers[0].startswith("Related article: ")
    assert "TASS" not in result.text and "Related article" not in result.text
    assert "Zelensky Appeals for Aid" not in result.text


def test_mt_hard_wrapped_lines_are_joined_into_sentences_and_paragraphs() -> None:
    raw = _raw(MT)
    result = _clean(MT)
    paragraphs = result.text.split("\n\n")
    assert all("\n" not in p for p in paragraphs)
    assert "seize the Ukrainian city of Kharkiv, the investigative news outlet" in result.text
    assert "the 300,000 recruitment target to Vyorstka and suggested March 25" in result.text
    assert "“knows how to fight in a civilized manner.”" in result.text
    # one paragraph per blank-line block of the print, minus the caption and the teaser
    blocks = [b for b in re.split(r"\n\s*\n", raw) if b.strip()]
    assert len(paragraphs) == len(blocks) - 2
    kept_blocks = [
        _squash(b) for b in blocks if not b.lstrip().startswith(("Mobilized", "Related"))
    ]
    assert [_squash(p) for p in paragraphs] == kept_blocks


def test_nge_correction_note_with_old_and_new_wording() -> None:
    text = _clean(NGE).text
    notes = find_notes(text)
    assert [n.kind for n in notes] == ["correction"]
    note = notes[0]
    assert note.span is not None and text[note.span.start : note.span.end] == note.text
    assert note.text.startswith("An earlier version of this article said that")
    assert note.text.endswith("do not sign contracts.")
    assert note.span.end == len(text)  # the correction closes the article
    assert note.old == "mobilised soldiers whose contracts are due to end in April"
    assert note.new == "servicemen whose conscription terms are due to run out April"


def test_mt_update_note_at_the_top() -> None:
    text = _clean(MT).text
    notes = find_notes(text)
    assert [n.kind for n in notes] == ["update"]
    note = notes[0]
    assert note.text == "Updated with comments from source close to Russia’s Defense Ministry."
    assert note.span is not None and note.span.start == 0
    assert text[note.span.start : note.span.end] == note.text
