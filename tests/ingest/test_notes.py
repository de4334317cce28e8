"""Tests of newstrace.ingest.notes (editorial notes found in cleaned text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.ingest.clean import clean_text
from newstrace.ingest.notes import correction_wording, find_notes, note_kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def _spans_hold(text: str) -> None:
    for note in find_notes(text):
        assert note.span is not None
        assert note.span.label == "note"
        assert text[note.span.start : note.span.end] == note.span.text == note.text


def test_fixture_notes_kinds_spans_and_wording() -> None:
    text = clean_text((FIXTURES / "corrections_en.txt").read_text(encoding="utf-8")).text
    notes = find_notes(text)
    assert [n.kind for n in notes] == [
        "correction",
        "clarification",
        "editors_note",
        "update",
        "correction",
        "update",
    ]
    _spans_hold(text)
    first, *_, misspelling, last = notes
    assert first.text.startswith("Correction (March 4):") and first.text.endswith("She is 56.")
    assert (first.old, first.new) == ("61", "56")
    # a following paragraph that continues the note is part of it
    assert misspelling.text.startswith("A previous version of this story misspelled")
    assert misspelling.text.endswith("We regret the error.")
    assert "\n\n" in misspelling.text
    assert (misspelling.old, misspelling.new) == ("Davina Prowse", "Davina Prowde")
    assert last.text.startswith("This article was updated on March 5")
    body = "The Westmere hospital trust on Monday named Helen Okafor"
    assert not any(body in n.text for n in notes)


def test_russian_correction_and_update() -> None:
    text = (
        "Обновлено в 14:30: добавлен комментарий мэрии.\n\n"
        "Приют открылся в субботу.\n\n"
        "Исправление: ранее в статье говорилось, что приют рассчитан на 200 животных. "
        "На самом деле он рассчитан на 120 животных.\n\n"
        "Примечание редакции: автор материала — волонтёр приюта."
    )
    notes = find_notes(text)
    assert [n.kind for n in notes] == ["update", "correction", "editors_note"]
    assert notes[1].old == "приют рассчитан на 200 животных"
    assert notes[1].new == "он рассчитан на 120 животных"
    _spans_hold(text)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("Correction: The vote took place on Tuesday, not Monday.", "correction"),
        ("CORRECTION, March 3: The figure was 4%.", "correction"),
        ("This article has been corrected to show the bridge opened in 1989.", "correction"),
        ("This story was updated to correct the name of the river.", "correction"),
        ("An earlier version of this story incorrectly said the port was closed.", "correction"),
        ("A previous version of this article misstated the date of the vote.", "correction"),
        ("A previous version misstated the population of the town.", "correction"),
        ("*An earlier version of this article gave the wrong time.*", "correction"),
        ("[Correction: the mayor is 56, not 61.]", "correction"),
        ("Ранее в материале ошибочно указывалось, что мост закрыт.", "correction"),
        ("Update: The port reopened at noon.", "update"),
        ("UPDATE (5:40 p.m.): Police confirmed the arrest.", "update"),
        ("Updated with comments from the mayor's office.", "update"),
        ("This article was updated on March 5 with new figures.", "update"),
        ("Updated at 14:02 GMT", "update"),
        ("This is a developing story.", "update"),
        ("Материал дополнен комментарием министерства.", "update"),
        (
            "Clarification: The report was published by the trust, not the ministry.",
            "clarification",
        ),
        ("This article has been clarified to reflect the timeline.", "clarification"),
        ("Уточнение: речь идёт о 2023 годе.", "clarification"),
        ("Editor's note: The author is a member of the board.", "editors_note"),
        ("Editors’ note — names have been changed.", "editors_note"),
        ("Примечание редакции: имя героя изменено.", "editors_note"),
    ],
)
def test_note_formulas(paragraph: str, kind: str) -> None:
    assert note_kind(paragraph) == kind
    notes = find_notes("Some body text.\n\n" + paragraph)
    assert [n.kind for n in notes] == [kind]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Correction officers at the prison went on strike on Monday.",
        "Corrections to the budget are expected next week, the minister said.",
        "Updated figures show the number of visitors rose by a tenth.",
        "Update on the talks is expected on Friday, diplomats said.",
        "An earlier version of the bill was rejected by parliament in May.",
        "A previous version of the software said the file was missing.",
        "The report originally estimated the cost at 2 million euros.",
        "Clarification of the rules is needed, the union said.",
        "Editors at the newspaper voted to strike.",
        "Обновлено расписание поездов на лето.",
        "Исправления в закон внесли в среду.",
        "The earlier version of the plan said the road would open in 2025.",
    ],
)
def test_sentences_that_only_mention_note_words_are_not_notes(paragraph: str) -> None:
    assert note_kind(paragraph) is None
    assert find_notes(paragraph) == ()


def test_correction_wording_without_quotes_and_with_alternatives() -> None:
    assert correction_wording(
        "Correction: An earlier version of this article said the bridge opened in 1998. "
        "It opened in 1989."
    ) == ("the bridge opened in 1998", None)
    assert correction_wording(
        "An earlier version of this article said 300 instead of 3,000 people attended."
    ) == ("300", "3,000 people attended")
    assert correction_wording(
        "An earlier version of this article said the U.S. embassy had closed."
    ) == ("the U.S. embassy had closed", None)
    assert correction_wording("Correction: the headline has been fixed.") == (None, None)
    assert correction_wording(
        "An earlier version of this story said the minister was ‘furious’. "
        "It has been changed to say that he was “disappointed”."
    ) == ("the minister was ‘furious’", "he was “disappointed”")


def test_quote_with_apostrophes_inside() -> None:
    old, new = correction_wording(
        "An earlier version said ‘the port’s owners’ had sold it. "
        "This has been changed to ‘the city’s port authority’."
    )
    assert old == "the port’s owners"
    assert new == "the city’s port authority"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                [
                    "Correction: ",
                    "An earlier version of this article said “",
                    "This has been changed to ",
                    "We regret the error.",
                    "Update (",
                    "Исправление: ранее в статье говорилось, что ",
                    "\n",
                    "\n\n",
                    "”",
                    "«",
                    " ",
                ]
            ),
        ),
        max_size=30,
    ).map("".join)
)
def test_note_spans_always_point_into_text(text: str) -> None:
    _spans_hold(text)
