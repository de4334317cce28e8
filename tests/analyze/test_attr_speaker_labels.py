"""Speaker labels ("NAME: words"): the colon is the cue, the name the source and the rest of
the line the content, for headlines, transcript turns and quotations after a name, in both
modes; section labels, kickers and headings are left alone (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.analyze._attr_labels import label_drafts, with_labels
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_spans import Draft
from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.sentences import split_sentences

#: the ``find_attrs`` fixture of ``tests/conftest.py``
FindAttrs = Callable[..., tuple[RawAttribution, ...]]

HEADLINE = (
    "Mayor Okafor: Bus Fares 'Will Not Rise This Year'\n\n"
    "The city budget was published on Monday. Speaking to reporters, Mayor Okafor defended "
    "the plan and said the transport fund was sound.\n"
)

TRANSCRIPT = (
    "Partial transcript of the interview.\n\n"
    "DANA PIRES: Why did the council delay the vote?\n\n"
    "LEO HARTMANN: We wanted more time to read the audit. I think that was fair.\n\n"
    "PIRES: Was the audit late?\n\n"
    "HARTMANN: It arrived on Friday, two weeks after the deadline.\n"
)

DIGEST = (
    "Morning digest.\n\n"
    "Turnout was higher than expected - Ann Lee and Bo Kim: “We saw lines at every school "
    "in the district.” [Ledger.]\n"
)


def _colons(found: tuple[RawAttribution, ...]) -> list[tuple[str, str]]:
    return [
        (a.source.text if a.source else "", " ".join(c.text for c in a.content))
        for a in found
        if a.cue.text == ":"
    ]


def _labels(text: str) -> list[tuple[str, str]]:
    drafts = label_drafts(text, split_sentences(text, language="en"), load_language("en"))
    assert all(text[d.cue[0] : d.cue[1]] == ":" for d in drafts)
    return [(_text(text, d.source), text[d.content[0][0] : d.content[0][1]]) for d in drafts]


def _text(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_a_headline_label_naming_someone_in_the_article_is_an_attribution(
    backend: str, find_attrs: FindAttrs
) -> None:
    assert _colons(find_attrs(HEADLINE, backend)) == [
        ("Mayor Okafor", "Bus Fares 'Will Not Rise This Year'")
    ]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_each_transcript_turn_is_one_attribution(backend: str, find_attrs: FindAttrs) -> None:
    assert _colons(find_attrs(TRANSCRIPT, backend)) == [
        ("DANA PIRES", "Why did the council delay the vote?"),
        ("LEO HARTMANN", "We wanted more time to read the audit. I think that was fair."),
        ("PIRES", "Was the audit late?"),
        ("HARTMANN", "It arrived on Friday, two weeks after the deadline."),
    ]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_a_cue_inside_a_transcript_turn_is_not_a_top_level_attribution(
    backend: str, find_attrs: FindAttrs
) -> None:
    found = find_attrs(TRANSCRIPT, backend)
    assert [a.cue.text for a in found] == [":", ":", ":", ":"]


@pytest.mark.parametrize("backend", ["spacy", "rules"])
def test_transcript_turns_printed_inside_quotation_marks_keep_their_labels(
    backend: str, find_attrs: FindAttrs
) -> None:
    quoted = "\n\n".join(
        f'"{line}"' if ":" in line and line.split(":")[0].isupper() else line
        for line in TRANSCRIPT.strip().split("\n\n")
    )
    assert [source for source, _ in _colons(find_attrs(quoted, backend))] == [
        "DANA PIRES",
        "LEO HARTMANN",
        "PIRES",
        "HARTMANN",
    ]


def test_a_quotation_after_a_name_takes_the_name_after_the_heading_dash() -> None:
    assert _labels(DIGEST) == [
        ("Ann Lee and Bo Kim", " “We saw lines at every school in the district.” [Ledger.]")
    ]


def test_a_party_tag_belongs_to_the_name_and_the_quotation_may_follow_the_colon_directly() -> None:
    text = 'Hearing notes.\n\nSen. Ola Brandt (D-Ore.):"Who signed the waiver, and when?"\n'
    assert _labels(text) == [("Sen. Ola Brandt (D-Ore.)", '"Who signed the waiver, and when?"')]


def test_a_long_heading_before_the_dash_is_left_out() -> None:
    heading = "WHY SOME COUNTIES COUNTED FASTER THAN OTHERS IN THE SPRING PRIMARY AND WHAT IT MEANS"
    text = f"Digest.\n\n{heading} - Rui Costa: “Smaller counties had fewer mail ballots.”\n"
    assert _labels(text) == [("Rui Costa", " “Smaller counties had fewer mail ballots.”")]


def test_a_score_with_a_record_in_brackets_is_no_speaker() -> None:
    text = "Scores.\n\nEastside (3-1): Ana Ruiz 2 goals.\n\nWestfield (1-3): Bo Li 1 goal.\n"
    text += "\nEastside (4-1): Kim Oh 1 goal.\n\nWestfield (1-4): Cy Ng 3 saves.\n"
    assert _labels(text) == []


def test_a_topic_and_a_kicker_stay_out_of_a_headline_source() -> None:
    body = "\n\nOn Tuesday, Senator Imani Ruiz told a radio host that she would vote no.\n"
    assert _labels("Imani Ruiz on the Water Bill: 'I Will Vote No'" + body) == [
        ("Imani Ruiz", " 'I Will Vote No'")
    ]
    assert _labels("EXCLUSIVE – Imani Ruiz: 'I Will Vote No'" + body) == [
        ("Imani Ruiz", " 'I Will Vote No'")
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "The Latest: Storm closes schools across the county",
        "Update: Storm closes schools across the county",
        "BREAKING: Storm closes schools across the county",
        "Storm Season Arrives Early: Schools close across the county",
        "Editor’s note: Storm closes schools across the county",
    ],
)
def test_section_labels_kickers_and_headings_are_not_speakers(headline: str) -> None:
    body = (
        "\n\nThe county school board said on Tuesday that every school would close. Readers of "
        "The Latest and BREAKING alerts were told first.\n"
    )
    assert _labels(headline + body) == []


def test_a_headline_name_must_be_mentioned_again_inside_a_sentence() -> None:
    text = "Jonas Berg: The Case for a Four-Day Week\n\nWorkers want shorter weeks, polls show.\n"
    assert _labels(text) == []


def test_a_name_opening_a_single_line_is_no_transcript_turn() -> None:
    text = (
        "Headline here.\n\n"
        "Rosa Lind: a former teacher who now runs the food bank.\n\n"
        "Omar Diaz: the youngest member of the board.\n"
    )
    assert _labels(text) == []


def test_a_speech_verb_before_the_name_is_not_part_of_a_label() -> None:
    text = "Headline here.\n\nSaid Ellis: “I do not get it.”\n"
    assert _labels(text) == []


def test_a_score_table_is_no_statement() -> None:
    text = "Results.\n\nKarlsson: 1,204.\n\nMoreau: 988.\n\nKarlsson: 2,311.\n\nMoreau: 1,420.\n"
    assert _labels(text) == []
    lang = load_language("en")
    sentences = split_sentences(text, language="en")
    colon = text.index(":")
    figures = Draft((colon, colon + 1), None, [(colon + 1, colon + 7)], 1)
    kept, displaced = with_labels(text, sentences, [figures], lang)
    assert kept == [] and displaced == []


def test_the_cue_models_colon_takes_the_label_as_source_and_keeps_its_content() -> None:
    text = "Poll: Most voters back the tram plan\n\nA new survey of 900 residents found support.\n"
    lang = load_language("en")
    sentences = split_sentences(text, language="en")
    colon = text.index(":")
    chosen = Draft((colon, colon + 1), None, [(colon + 1, 36)], 0)
    kept, displaced = with_labels(text, sentences, [chosen], lang)
    assert kept == [chosen] and displaced == []
    assert _text(text, chosen.source) == "Poll"
    assert chosen.content == [(colon + 1, 36)]


def test_question_and_answer_letters_name_no_one() -> None:
    text = (
        "Interview.\n\nQ: Why did you leave the council?\n\nA: I wanted to teach again.\n\n"
        "Q: Do you miss it?\n\nA: Some days, yes.\n"
    )
    assert _labels(text) == []
